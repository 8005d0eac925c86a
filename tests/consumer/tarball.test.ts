import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { PACKAGE, REPO_ROOT, WORK, mustRun, readPackResult } from "./workspace";
import type { PackageJson, PackResult } from "./workspace";

/** Every .ts source under components/, as the build compiles it. */
function componentSources(dir = join(REPO_ROOT, "components")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return componentSources(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative(REPO_ROOT, path)] : [];
  });
}

const TOP_LEVEL = ["CHANGELOG.md", "LICENSE", "README.md", "package.json"];

describe("the packed tarball (npm pack, as npm publish makes it)", () => {
  let pack: PackResult;
  let paths: string[];
  let unpacked: string;
  let manifest: PackageJson;
  beforeAll(() => {
    pack = readPackResult();
    paths = pack.files.map((file) => file.path).sort();
    unpacked = join(WORK, "unpacked");
    mkdirSync(unpacked, { recursive: true });
    mustRun("tar", ["-xzf", pack.tarball, "-C", unpacked, "--strip-components=1"], WORK);
    manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8")) as PackageJson;
  });

  it("holds the compiled library, README, LICENSE, CHANGELOG and package.json, and nothing else", () => {
    expect(paths.filter((path) => !path.startsWith("dist/"))).toEqual(TOP_LEVEL);
    expect(paths.filter((path) => path.startsWith("dist/") && !/^dist\/(components\/.+|index)\.(js|d\.ts|js\.map)$/.test(path))).toEqual([]);
  });

  it("has exactly one .js, .d.ts and .js.map per library source (components/ and the package main): none missing, none stale, no tests, no program", () => {
    const expected = ["index.ts", ...componentSources()].flatMap((source) => [".js", ".d.ts", ".js.map"].map((extension) => `dist/${source.replace(/\.ts$/, extension)}`));
    expect(paths.filter((path) => path.startsWith("dist/"))).toEqual(expected.sort());
  });

  it("has source maps that carry their sources, so no map points at a file the package lacks", () => {
    const maps = paths.filter((path) => path.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(unpacked, path), "utf8")) as { sources: string[]; sourcesContent?: (string | null)[] };
      expect({ path, contents: map.sourcesContent?.length, missing: (map.sourcesContent ?? []).filter((content) => typeof content !== "string").length }).toEqual({ path, contents: map.sources.length, missing: 0 });
      const compiled = readFileSync(join(unpacked, path.replace(/\.map$/, "")), "utf8");
      expect(compiled).toContain(`//# sourceMappingURL=${path.split("/").pop()}`);
    }
  });

  it("resolves every exports and typesVersions target to a file it ships", () => {
    const targets = Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [target] : [target.types, target.default]));
    const typeTargets = Object.values(manifest.typesVersions["*"]).flat();
    for (const target of [...targets, ...typeTargets, manifest.main as string, manifest.types as string]) {
      expect({ target, shipped: existsSync(join(unpacked, target)) }).toEqual({ target, shipped: true });
    }
  });

  it("declares license, links, Node >= 22, its peers and dependencies: no scripts, no dev dependencies", () => {
    expect(manifest).toMatchObject({ license: "Apache-2.0", engines: { node: ">=22" }, peerDependencies: PACKAGE.peerDependencies });
    expect(manifest.repository).toEqual({ type: "git", url: expect.stringMatching(/^git\+https:\/\/.+\.git$/) });
    expect(manifest.homepage).toMatch(/^https:\/\//);
    expect(manifest.bugs).toEqual({ url: expect.stringMatching(/^https:\/\//) });
    expect(manifest.dependencies).toEqual(PACKAGE.dependencies);
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(readFileSync(join(unpacked, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
  });

  it("leaves the repository's package.json as it was (postpack restores what prepack stripped)", () => {
    expect(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).toBe(pack.manifestBeforePack);
    expect(existsSync(join(REPO_ROOT, ".package.json.prepack"))).toBe(false);
  });
});
