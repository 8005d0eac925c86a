/**
 * The import graph of the library's sources: which packages each public entry
 * loads, statically or lazily. Peers, docs/install.md's install table and
 * `forja/testing`'s promise to load only `@pulumi/pulumi` are checked against it.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";

export interface EntryPackages {
  /** Packages loaded when the entry is imported (value imports and re-exports, transitively). */
  loaded: Set<string>;
  /** Packages `require`d inside functions: loaded only when that code runs. */
  lazy: Set<string>;
  /** Packages whose types the entry's declarations use (type-only imports included). */
  typed: Set<string>;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^;]*?from\s+"([^"]+)"|^\s*import\s+"([^"]+)"/gm;
const REQUIRE = /require\("([^"]+)"\)/g;

/** The package a bare specifier names: `@pulumi/aws/iam` -> `@pulumi/aws`; null for relative and Node built-ins. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier)) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function resolveSource(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const candidate = [`${base}.ts`, join(base, "index.ts")].find(existsSync);
  if (!candidate) throw new Error(`${from}: cannot resolve ${specifier}`);
  return candidate;
}

/** Every package a source file imports or requires, whatever the kind of import. */
export function importedPackages(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...[...text.matchAll(IMPORT)].map((match) => match[3] ?? match[4]), ...[...text.matchAll(REQUIRE)].map((match) => match[1])];
  return specifiers.map(packageOf).filter((name): name is string => name !== null);
}

/**
 * Walks the sources from an entry file. Type-only imports are followed for
 * files but load no package; a `require` (of a package, or of a local file
 * and everything it imports) loads only when that code path runs: lazy.
 */
export function entryPackages(entryFile: string): EntryPackages {
  const result: EntryPackages = { loaded: new Set(), lazy: new Set(), typed: new Set() };
  const seen = new Set<string>();
  const visit = (file: string, typeOnly: boolean, lazy: boolean) => {
    const key = `${file}:${typeOnly}:${lazy}`;
    if (seen.has(key) || seen.has(`${file}:false:false`)) return;
    seen.add(key);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[3] ?? match[4];
      const onlyTypes = typeOnly || match[2] !== undefined;
      const pkg = packageOf(specifier);
      if (pkg === null) {
        if (specifier.startsWith(".")) visit(resolveSource(file, specifier), onlyTypes, lazy);
      } else {
        result.typed.add(pkg);
        if (!onlyTypes) (lazy ? result.lazy : result.loaded).add(pkg);
      }
    }
    if (!typeOnly) {
      for (const match of text.matchAll(REQUIRE)) {
        const pkg = packageOf(match[1]);
        if (pkg !== null) result.lazy.add(pkg);
        else if (match[1].startsWith(".")) visit(resolveSource(file, match[1]), false, true);
      }
    }
  };
  visit(entryFile, false, false);
  for (const pkg of result.loaded) result.lazy.delete(pkg);
  return result;
}
