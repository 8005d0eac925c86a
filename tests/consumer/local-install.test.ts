import { existsSync, lstatSync } from "node:fs";
import { join } from "node:path";
import { NPM_INSTALL, PACKAGE, REPO_ROOT, WORK, createProject, mustRun, run } from "./workspace";
import type { CommandResult } from "./workspace";

/** `npm install --install-links <checkout>`, as docs/install.md gives it. */
describe("installing from a local checkout", () => {
  const dir = join(WORK, "local-install");
  let install: CommandResult;
  beforeAll(() => {
    createProject(dir, { "@pulumi/pulumi": PACKAGE.devDependencies["@pulumi/pulumi"], "@pulumi/kubernetes": PACKAGE.devDependencies["@pulumi/kubernetes"] }, []);
    install = run("npm", [...NPM_INSTALL, "--install-links", REPO_ROOT], dir);
  });

  it("copies the built package, with no second @pulumi/pulumi beside it", () => {
    expect(install.output).not.toMatch(/ERESOLVE|EBADENGINE/);
    expect(install.status).toBe(0);
    const installed = join(dir, "node_modules", "forja");
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(existsSync(join(installed, "node_modules"))).toBe(false);
  });

  it("yields a working forja/k3s", () => {
    const script = 'const { K3sCluster } = require("forja/k3s"); if (typeof K3sCluster !== "function") throw new Error("no K3sCluster class");';
    expect(mustRun(process.execPath, ["-e", script], dir).status).toBe(0);
  });
});
