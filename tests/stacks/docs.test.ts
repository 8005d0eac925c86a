import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

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
