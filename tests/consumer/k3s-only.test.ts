import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { K3S_STACK_COUNTS } from "./project/expected";
import { NPM_INSTALL, PACKAGE, REPO_ROOT, WORK, compile, createProject, mustRun, readPackResult, run } from "./workspace";
import type { CommandResult } from "./workspace";

/** The @pulumi/pulumi this repository pins (package-lock.json), one minor down: `~3.269.0` for 3.270.x. */
function oneMinorBelowPin(): string {
  const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
  const [major, minor] = lock.packages["node_modules/@pulumi/pulumi"].version.split(".").map(Number);
  return `~${major}.${minor - 1}.0`;
}

describe("a K3s-only consumer: @pulumi/pulumi one minor below the pin, no AWS, Azure or random SDK", () => {
  const dir = join(WORK, "k3s-only");
  const pulumiRange = oneMinorBelowPin();
  let install: CommandResult;
  beforeAll(() => {
    createProject(dir, { forja: `file:${readPackResult().tarball}`, "@pulumi/pulumi": pulumiRange, "@pulumi/kubernetes": PACKAGE.peerDependencies["@pulumi/kubernetes"] }, ["k3s.ts", "main-k3s.ts"]);
    install = run("npm", NPM_INSTALL, dir);
  }, 300_000);

  it("installs without ERESOLVE, and without the optional peers it does not use", () => {
    expect(install.output).not.toMatch(/ERESOLVE|EBADENGINE/);
    expect(install.status).toBe(0);
    expect(readdirSync(join(dir, "node_modules", "@pulumi")).sort()).toEqual(["kubernetes", "pulumi"]);
  });

  it("keeps the one @pulumi/pulumi it asked for", () => {
    const listed = JSON.parse(mustRun("npm", ["ls", "@pulumi/pulumi", "--all", "--json"], dir).stdout) as object;
    const versions = [...JSON.stringify(listed).matchAll(/"@pulumi\/pulumi":\{"version":"([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).toMatch(new RegExp(`^${pulumiRange.slice(1).replace(/\.0$/, "").replace(/\./g, "\\.")}\\.`));
  });

  it("compiles with Pulumi's current template settings and runs the stack under forja/testing", () => {
    const compiled = compile(dir, "nodenext", ["report.ts", "k3s.ts", "main-k3s.ts"]);
    expect(compiled.output).toBe("");
    const report = JSON.parse(mustRun(process.execPath, [join("bin-nodenext", "main-k3s.js")], dir).stdout) as { counts: Record<string, number> };
    expect(report.counts).toEqual(K3S_STACK_COUNTS);
  });
});
