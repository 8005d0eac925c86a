import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { entryPackages, importedPackages } from "./imports";
import type { EntryPackages } from "./imports";

const ROOT = resolve(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  engines: { node: string };
  exports: Record<string, { types: string; default: string } | string>;
  typesVersions: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
const install = readFileSync(join(ROOT, "docs", "install.md"), "utf8");
const development = readFileSync(join(ROOT, "docs", "development.md"), "utf8");

/** Peers listed for components other issues are adding; each must be optional until an entry loads it. */
const ANNOUNCED_PEERS: string[] = [];

/** The section of docs/install.md under a `## title` heading. */
function section(title: string): string {
  const start = install.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/install.md has no "## ${title}" section`);
  const end = install.indexOf("\n## ", start + 1);
  return install.slice(start, end < 0 ? undefined : end);
}

const entries: [string, { types: string; default: string }][] = Object.entries(pkg.exports)
  .filter(([key]) => key !== "./package.json")
  .map(([key, target]) => [key === "." ? "forja" : `forja/${key.slice(2)}`, target as { types: string; default: string }]);

const graph: Record<string, EntryPackages> = Object.fromEntries(
  entries.map(([entry, target]) => [entry, entryPackages(join(ROOT, target.default.replace("./dist/", "").replace(/\.js$/, ".ts")))]),
);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => (item.isDirectory() ? sources(join(dir, item.name)) : item.name.endsWith(".ts") ? [join(dir, item.name)] : []));
}

describe("typesVersions", () => {
  it("mirrors the exports map, so `moduleResolution: node` (Pulumi's older template) resolves every entry's types", () => {
    const expected = Object.fromEntries(entries.filter(([entry]) => entry !== "forja").map(([entry, target]) => [entry.slice("forja/".length), [target.types]]));
    expect(pkg.typesVersions).toEqual({ "*": expected });
  });
});

describe("peer dependencies", () => {
  it("covers every package a component imports: SDKs as peers, small libraries as dependencies, each loaded by an entry", () => {
    const imported = new Set(sources(join(ROOT, "components")).flatMap(importedPackages));
    const declared = { ...pkg.dependencies, ...pkg.peerDependencies };
    expect([...imported].filter((name) => !(name in declared))).toEqual([]);
    const loaded = new Set(Object.values(graph).flatMap((packages) => [...packages.loaded, ...packages.lazy]));
    expect(Object.keys(pkg.dependencies ?? {}).filter((name) => !loaded.has(name))).toEqual([]);
    expect(Object.keys(pkg.dependencies ?? {}).filter((name) => name.startsWith("@pulumi/") || name.startsWith("@aws-sdk/"))).toEqual([]);
  });

  it("lists a peer only when an entry loads it (or its components are announced)", () => {
    const used = new Set(Object.values(graph).flatMap((packages) => [...packages.loaded, ...packages.lazy]));
    expect(Object.keys(pkg.peerDependencies).filter((name) => !used.has(name) && !ANNOUNCED_PEERS.includes(name))).toEqual([]);
  });

  it("makes a peer required only when every entry needs it (none does: forja/genai-client runs in workloads without Pulumi)", () => {
    const needed = (name: string) => Object.values(graph).every((packages) => packages.typed.has(name));
    const required = Object.keys(pkg.peerDependencies).filter((name) => !pkg.peerDependenciesMeta[name]?.optional);
    expect(required).toEqual(Object.keys(pkg.peerDependencies).filter(needed));
  });

  it("keeps forja/testing to @pulumi/pulumi and yaml (a dependency, for Helm's output): no jest, kubernetes-models, zod or cloud SDK", () => {
    expect(graph["forja/testing"]).toEqual({ loaded: new Set(["@pulumi/pulumi", "yaml"]), lazy: new Set(), typed: new Set(["@pulumi/pulumi", "yaml"]) });
  });

  it("are listed per entry in docs/install.md, as the sources load them", () => {
    const peers = Object.keys(pkg.peerDependencies);
    const named = (cell: string) => new Set(peers.filter((name) => cell.includes(`\`${name}\``)));
    const onlyPeers = (packages: Set<string>) => new Set([...packages].filter((name) => peers.includes(name)));
    const rows = Object.fromEntries([...section("Install").matchAll(/^\| `(forja[^`]*)` \| ([^|]*) \| ([^|]*) \|$/gm)].map((row) => [row[1], { loaded: named(row[2]), lazy: named(row[3]) }]));
    expect(rows).toEqual(Object.fromEntries(entries.map(([entry]) => [entry, { loaded: onlyPeers(graph[entry].loaded), lazy: onlyPeers(graph[entry].lazy) }])));
  });

  it("have their ranges in the docs' supported versions", () => {
    const supported = section("Supported versions");
    for (const [name, range] of Object.entries(pkg.peerDependencies)) expect(supported).toContain(`| \`${name}\` | \`${range}\``);
    expect(supported).toContain(`| Node.js | \`${pkg.engines.node}\``);
  });
});

describe("CI", () => {
  const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8");
  const commands = ci
    .split("\n")
    .map((line) => line.replace(/^step /, ""))
    .filter((line) => /^npm (ci|test|run)\b/.test(line))
    .map((line) => line.replace(/\s+--[a-z-]+/g, ""));

  it("installs from the lockfile, then runs the tests", () => {
    expect(commands.slice(0, 2)).toEqual(["npm ci", "npm test"]);
  });

  it("runs exactly the test command docs/development.md gives", () => {
    expect(development).toContain(`\n${commands.join(" && ")}   # what CI runs`);
  });

  it("runs on the Node.js 22 LTS line, within engines.node", () => {
    const version = /^NODE_VERSION=(\d+)\.(\d+)\.(\d+)$/m.exec(ci);
    expect(version?.[1]).toBe("22");
    expect(pkg.engines.node).toBe(">=22");
  });
});

describe("license and changelog", () => {
  it("ships the Apache-2.0 text the license field names", () => {
    expect(pkg.license).toBe("Apache-2.0");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^\s+Apache License\n\s+Version 2\.0, January 2004\n/);
  });

  it("has an Unreleased section and one for the current version", () => {
    expect(existsSync(join(ROOT, "CHANGELOG.md"))).toBe(true);
    const changelog = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("\n## [Unreleased]\n");
    expect(changelog).toContain(`\n## [${pkg.version}]`);
  });
});
