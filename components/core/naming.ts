import { createHash } from "node:crypto";

/** Kubernetes object names (DNS-1123 labels) and label values stop at 63 characters. */
export const KUBERNETES_NAME_LIMIT = 63;
const HASH_LENGTH = 8;

/** First hex characters of a SHA-256 digest: stable across runs and machines. */
export function shortHash(text: string, length = HASH_LENGTH): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/**
 * A DNS-1123 label from any parts: lower-cased, invalid characters turned to
 * `-`, joined by `-`. When longer than `limit`, it is cut and suffixed with a
 * hash of the full name, so two long names never collide after truncation.
 */
export function kubernetesName(parts: string | string[], limit = KUBERNETES_NAME_LIMIT): string {
  const full = (Array.isArray(parts) ? parts : [parts])
    .filter((part) => part.length > 0)
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length === 0) throw new Error(`kubernetesName: no usable characters in ${JSON.stringify(parts)}`);
  if (full.length <= limit) return full;
  const head = full.slice(0, limit - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${head}-${shortHash(full)}`;
}

/** Pulumi child resource name: `${parent}-${role}` (rule 6 of the design). */
export function childName(parent: string, role: string): string {
  return `${parent}-${role}`;
}
