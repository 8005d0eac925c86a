/**
 * `Pulumi.<stack>.yaml` as the Pulumi CLI reads it: YAML with anchors, aliases
 * and merge keys; `config` flattened to `namespace:key` -> value; secure
 * values (`{ secure: ... }`) found per leaf, since `pulumi config set
 * --secret --path` encrypts single leaves inside a key.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { LineCounter, parseDocument, visit } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { configPath } from "./issues";

/** A stack or project file that is not valid YAML, or not shaped like one: one paragraph with the file and line. */
export class StackFileError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface StackDocument {
  /** Config as Pulumi hands it to the program: `namespace:key` -> value, secure leaves replaced by `secret(leaf)`. */
  config: Record<string, unknown>;
  /** Paths (`forja:serviceSecrets.api.TOKEN`) of every leaf stored encrypted. */
  securePaths: string[];
  /** Paths of every leaf stored in plain text. */
  plaintextPaths: string[];
}

/** Parses YAML text the way Pulumi accepts it, or throws a StackFileError naming `file` and the line. */
export function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: true, lineCounter });
  const error = document.errors[0];
  if (error) {
    const where = error.linePos ? `, line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "";
    const reason = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    throw new StackFileError(`${basename(file)}${where}: invalid YAML: ${reason}.`);
  }
  // An alias to an anchor defined nowhere (or later) only fails when resolved: point at it.
  let where = "";
  visit(document, {
    Alias(_, node) {
      if (where === "" && node.resolve(document) === undefined && node.range) {
        const position = lineCounter.linePos(node.range[0]);
        where = `, line ${position.line}, column ${position.col}`;
      }
    },
  });
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    throw new StackFileError(`${basename(file)}${where}: invalid YAML: ${(failure as Error).message.split("\n")[0]}.`);
  }
}

/** Aliases resolved per document: enough for any real stack file, not for an alias bomb. */
const MAX_ALIAS_COUNT = 1000;

function isSecure(value: unknown): value is { secure: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/**
 * Flattens a stack file's `config` the way the CLI does: keys without a
 * namespace belong to the project; secure leaves become `secret(leaf)`.
 */
export function stackConfig(document: unknown, file: string, project: string, secret: (cipher: string) => unknown): StackDocument {
  const top = document ?? {};
  if (typeof top !== "object" || Array.isArray(top)) throw new StackFileError(`${basename(file)}: expected a YAML map with a config: section, found ${Array.isArray(top) ? "a list" : typeof top}.`);
  const section = (top as { config?: unknown }).config ?? {};
  if (typeof section !== "object" || section === null || Array.isArray(section)) {
    throw new StackFileError(`${basename(file)}: config: must be a map of namespace:key to values, found ${Array.isArray(section) ? "a list" : typeof section}.`);
  }
  const result: StackDocument = { config: {}, securePaths: [], plaintextPaths: [] };
  const walk = (value: unknown, path: (string | number)[]): unknown => {
    if (isSecure(value)) {
      result.securePaths.push(configPath(path));
      return secret(value.secure);
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k])]));
    if (value !== null && value !== undefined) result.plaintextPaths.push(configPath(path));
    return value;
  };
  for (const [rawKey, value] of Object.entries(section)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    result.config[key] = walk(value, [key]);
  }
  return result;
}

/** Where Pulumi keeps a stack's config: beside Pulumi.yaml, or in its `stackConfigDir`. */
export function stackFilePath(rootDir: string, stack: string): string {
  const projectFile = join(rootDir, "Pulumi.yaml");
  let dir = rootDir;
  if (existsSync(projectFile)) {
    const project = parseYaml(readFileSync(projectFile, "utf8"), projectFile) as { stackConfigDir?: unknown } | null;
    if (typeof project?.stackConfigDir === "string") dir = join(rootDir, project.stackConfigDir);
  }
  return join(dir, `Pulumi.${stack}.yaml`);
}
