/**
 * Reads `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI hands
 * config to a program: flat `namespace:key` -> string, objects as JSON text.
 * Secure values cannot be decrypted offline; they become a stand-in secret.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ConfigSource } from "../config";
import { parseYaml, stackConfig, stackFilePath } from "../config";

/** Stands in for a value set with `pulumi config set --secret`, which only the CLI can decrypt. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-for-a-secret-config-value";

export interface StackFile extends ConfigSource {
  /** Full path of the stack file. */
  path: string;
  file: string;
  secretKeys: string[];
}

export function readStackFile(rootDir: string, stack: string): StackFile {
  const projectFile = join(rootDir, "Pulumi.yaml");
  const path = stackFilePath(rootDir, stack);
  if (!existsSync(path)) throw new Error(`No stack file ${path}: expected one of the stacks beside Pulumi.yaml (dev, prod, aci)`);
  const projectDocument = existsSync(projectFile) ? (parseYaml(readFileSync(projectFile, "utf8"), projectFile) as { name?: unknown } | null) : null;
  const project = typeof projectDocument?.name === "string" ? projectDocument.name : "forja";
  const document = stackConfig(parseYaml(readFileSync(path, "utf8"), path), path, project, () => OFFLINE_SECRET_PLACEHOLDER);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(document.config)) values[key] = typeof value === "string" ? value : JSON.stringify(value);
  // Pulumi marks a whole key secret when any leaf in it is.
  const secretKeys = Object.keys(values).filter((key) => document.securePaths.some((leaf) => leaf === key || leaf.startsWith(`${key}.`) || leaf.startsWith(`${key}[`)));
  return { project, stack, path, file: basename(path), values, secretKeys, leaves: { secure: document.securePaths, plaintext: document.plaintextPaths } };
}
