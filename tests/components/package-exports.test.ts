import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../harness";

describe("package.json exports", () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));

  it("maps the root and each component entry to a compiled file whose source exists", () => {
    const entries = Object.entries(pkg.exports as Record<string, { types: string; default: string } | string>).filter(([key]) => key !== "./package.json");
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const [, target] of entries) {
      const compiled = typeof target === "string" ? target : target.default;
      const source = compiled.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts");
      expect(existsSync(join(REPO_ROOT, source))).toBe(true);
      expect(typeof target === "string" ? "" : target.types).toBe(compiled.replace(/\.js$/, ".d.ts"));
    }
  });

  it("lists the Pulumi SDKs as peer dependencies so a consumer keeps one copy", () => {
    expect(Object.keys(pkg.peerDependencies)).toEqual(expect.arrayContaining(["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/aws", "@pulumi/azure-native"]));
    expect(Object.keys(pkg.dependencies ?? {}).filter((name) => name.startsWith("@pulumi/"))).toEqual([]);
  });
});

describe("tsconfig paths", () => {
  it("map every package entry to the same source the exports map compiles", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));
    const tsconfig = JSON.parse(readFileSync(join(REPO_ROOT, "tsconfig.json"), "utf8"));
    const expected = Object.fromEntries(
      Object.entries(pkg.exports as Record<string, { default: string } | string>)
        .filter(([key]) => key !== "./package.json")
        .map(([key, target]) => [key === "." ? "forja" : `forja/${key.slice(2)}`, [(target as { default: string }).default.replace("./dist/", "./").replace(/\.js$/, ".ts")]]),
    );
    expect(tsconfig.compilerOptions.paths).toEqual(expected);
  });
});
