import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staleBuildProblem } from "../../src/preflight";

/** A checkout with one source and its compiled file, written at the given times (seconds). */
function checkout(sourceTime: number, compiledTime?: number): string {
  const root = mkdtempSync(join(tmpdir(), "forja-preflight-"));
  mkdirSync(join(root, "src", "config"), { recursive: true });
  writeFileSync(join(root, "src", "config", "eks.ts"), "export {};\n");
  utimesSync(join(root, "src", "config", "eks.ts"), sourceTime, sourceTime);
  if (compiledTime !== undefined) {
    mkdirSync(join(root, "dist", "src", "config"), { recursive: true });
    writeFileSync(join(root, "dist", "src", "config", "eks.js"), "");
    utimesSync(join(root, "dist", "src", "config", "eks.js"), compiledTime, compiledTime);
  }
  return root;
}

describe("the stale-build preflight of the compiled program", () => {
  const roots: string[] = [];
  const make = (sourceTime: number, compiledTime?: number) => {
    const root = checkout(sourceTime, compiledTime);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("passes a build newer than its sources", () => {
    expect(staleBuildProblem(make(1_000, 2_000))).toBeUndefined();
  });

  it("refuses a source edited after the build, naming both files and the fix", () => {
    expect(staleBuildProblem(make(3_000, 2_000))).toBe("src/config/eks.ts changed after dist/src/config/eks.js was built: run `npm run build` before `pulumi up`, or Pulumi deploys the old program");
  });

  it("refuses a source that was never built (a new file after a pull)", () => {
    expect(staleBuildProblem(make(1_000))).toBe("src/config/eks.ts has no compiled dist/src/config/eks.js: run `npm run build` before `pulumi up`");
  });

  it("passes an installed copy without sources", () => {
    expect(staleBuildProblem(make(1_000, 2_000).replace(/$/, "/nothing-here"))).toBeUndefined();
  });
});
