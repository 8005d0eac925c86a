import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { forjaSchema } from "../../src/config";
import { REPO_ROOT } from "../harness";

/** Dotted config keys of a zod schema, descending into nested objects (not into records). */
function keyPaths(schema: z.ZodType, prefix: string): string[] {
  let inner = schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } } };
  while (inner._zod.def.innerType) inner = inner._zod.def.innerType as never;
  if (inner._zod.def.type !== "object" || !inner._zod.def.shape) return [prefix];
  return Object.entries(inner._zod.def.shape).flatMap(([key, child]) => [`${prefix}${key}`, ...keyPaths(child, `${prefix}${key}.`).filter((p) => p !== `${prefix}${key}.`)]);
}

describe("README config reference", () => {
  it("documents every key the config schema accepts", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    // Sections (forja:eks, forja:eks.nodes, ...) group keys; records (services, tags) are documented as a whole.
    const keys = keyPaths(forjaSchema, "forja:").filter((key) => !/^forja:(eks|k3s|aci|eks\.nodes|eks\.imageMirror)$/.test(key));
    const missing = keys.filter((key) => !readme.includes(`\`${key}\``));
    expect(keys.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});

function argsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return argsFiles(path);
    return entry === "args.ts" ? [path] : [];
  });
}

describe("component args", () => {
  it("document a @default on every optional field (DESIGN rule 5)", () => {
    const undocumented: string[] = [];
    for (const file of argsFiles(join(REPO_ROOT, "components"))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (!/^\s{2}[a-zA-Z]+\?:/.test(line)) return;
        // The field's TSDoc: the comment lines just above it.
        let j = i - 1;
        const doc: string[] = [];
        while (j >= 0 && /^\s*(\/\*\*|\*|\*\/)/.test(lines[j])) doc.unshift(lines[j--]);
        if (!doc.join(" ").includes("@default")) undocumented.push(`${file.replace(REPO_ROOT, "")}:${i + 1} ${line.trim()}`);
      });
    }
    expect(undocumented).toEqual([]);
  });
});
