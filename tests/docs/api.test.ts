/**
 * docs/api/ is the API reference TypeDoc builds from the TSDoc (`npm run
 * docs:api`), checked in so it reads on GitHub; the markdown test checks its
 * links and anchors with the rest of docs/. Here: it is what the sources build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../harness";

const API = join(REPO_ROOT, "docs", "api");

function pages(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return Object.fromEntries(files.map((entry) => [relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name), "utf8")]));
}

describe("the API reference (docs/api)", () => {
  let built: Record<string, string>;
  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), "forja-api-"));
    try {
      const typedoc = spawnSync(process.execPath, [join(REPO_ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--options", "tools/api-docs/typedoc.config.js", "--out", out, "--logLevel", "Warn"], { cwd: REPO_ROOT, encoding: "utf8" });
      if (typedoc.status !== 0) throw new Error(`typedoc exited ${typedoc.status}:\n${typedoc.stdout}${typedoc.stderr}`);
      built = pages(out);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);

  it("is what `npm run docs:api` builds from the sources: run it after changing an export or its TSDoc", () => {
    const checkedIn = pages(API);
    expect(Object.keys(checkedIn).sort()).toEqual(Object.keys(built).sort());
    const stale = Object.keys(built).filter((page) => checkedIn[page] !== built[page]);
    expect(stale).toEqual([]);
  });

  it("has a page for every entry a consumer imports, under its import name", () => {
    const { exports: entries } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    const expected = Object.keys(entries).filter((key) => key !== "." && key !== "./package.json").map((key) => `forja/${key.slice(2)}.md`);
    expect(Object.keys(built).filter((page) => page !== "README.md").sort()).toEqual(expected.sort());
    expect(built["forja/web-service.md"]).toContain("# forja/web-service");
  });
});
