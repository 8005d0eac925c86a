/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI hands
 * config to a program: flat `namespace:key` -> string, objects as JSON text.
 * Secure values cannot be decrypted offline; they become a stand-in secret.
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** Stands in for a value set with `pulumi config set --secret`, which only the CLI can decrypt. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-for-a-secret-config-value";

export interface StackFile {
  project: string;
  stack: string;
  file: string;
  values: Record<string, string>;
  secretKeys: string[];
}

export function readStackFile(rootDir: string, stack: string): StackFile {
  const projectFile = join(rootDir, "Pulumi.yaml");
  const file = join(rootDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(file)) throw new Error(`No stack file ${file}: expected one of the stacks beside Pulumi.yaml (dev, prod, aci)`);
  const project = String((parse(readFileSync(projectFile, "utf8")) as { name?: string }).name ?? "forja");
  const document = (parse(readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(document.config ?? {})) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const { value: plain, secure } = replaceSecure(value);
    if (secure) secretKeys.push(key);
    values[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
  }
  return { project, stack, file, values, secretKeys };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/**
 * `pulumi config set --secret --path` stores secure leaves inside objects; the
 * whole key is then secret. Each leaf becomes the stand-in.
 */
function replaceSecure(value: unknown): { value: unknown; secure: boolean } {
  if (isSecure(value)) return { value: OFFLINE_SECRET_PLACEHOLDER, secure: true };
  if (Array.isArray(value)) {
    const items = value.map(replaceSecure);
    return { value: items.map((i) => i.value), secure: items.some((i) => i.secure) };
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, replaceSecure(v)] as const);
    return { value: Object.fromEntries(entries.map(([k, r]) => [k, r.value])), secure: entries.some(([, r]) => r.secure) };
  }
  return { value, secure: false };
}
