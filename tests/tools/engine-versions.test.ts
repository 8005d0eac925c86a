import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * tools/engine builds the Pulumi CLI and providers that `npm run test:engine`
 * previews with. They must be the ones the npm packages in package-lock.json
 * pair with, or the engine tests something users never run: a lockfile bump
 * fails here until versions.json and the go.mod files follow it.
 */
const root = resolve(__dirname, "../..");
const engine = join(root, "tools/engine");
const read = (file: string) => readFileSync(file, "utf8");

interface Pin {
  npm: string;
  goMod: string;
  module: string;
  version: string;
  why: string;
}
const pins = JSON.parse(read(join(engine, "versions.json"))) as Record<string, Pin | string>;
const lock = JSON.parse(read(join(root, "package-lock.json"))) as { packages: Record<string, { version: string }> };

/** The versions a go.mod of tools/engine requires of a module, direct or indirect. */
function required(goMod: string, module: string): string[] {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return [...read(join(engine, goMod)).matchAll(new RegExp(`^\\s*(?:require\\s+)?${escaped} (v\\S+)`, "gm"))].map((m) => m[1]);
}

const packages = Object.entries(pins).filter((entry): entry is [string, Pin] => typeof entry[1] !== "string");

describe("tools/engine pins", () => {
  it("cover @pulumi/pulumi, @pulumi/kubernetes and @pulumi/random, each at the version package-lock.json resolves", () => {
    expect(packages.map(([name]) => name)).toEqual(["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/random"]);
    expect(packages.map(([name, pin]) => [name, pin.npm])).toEqual(packages.map(([name]) => [name, lock.packages[`node_modules/${name}`].version]));
  });

  it.each(packages.filter(([, pin]) => pin.module !== ""))("build %s from the module version the go.mod files require", (_name, pin) => {
    expect(required(pin.goMod, pin.module)).toEqual([pin.version]);
    expect(pin.why.length).toBeGreaterThan(20);
  });

  it("build a CLI whose sdk/v3 is its own pkg/v3 release, no older than the Node.js SDK", () => {
    const [cli] = required("go.mod", "github.com/pulumi/pulumi/pkg/v3");
    expect(required("go.mod", "github.com/pulumi/pulumi/sdk/v3")).toEqual([cli]);
    const [major, minor] = cli.slice(1).split(".").map(Number);
    const [npmMajor, npmMinor] = lock.packages["node_modules/@pulumi/pulumi"].version.split(".").map(Number);
    expect(major === npmMajor && minor >= npmMinor).toBe(true);
  });

  it("say why a package has no module, and ship the stand-in that replaces it", () => {
    for (const [name, pin] of packages.filter(([, p]) => p.module === "")) {
      expect(pin.why).toContain("stand-in");
      expect(read(join(engine, name.replace("@pulumi/", ""), "main.go"))).toContain("preview-only stand-in");
    }
  });
});
