import { existsSync } from "node:fs";
import { join } from "node:path";
import { NPM_INSTALL, PACKAGE, REPO_ROOT, WORK, createProject, mustRun, run } from "./workspace";
import type { CommandResult } from "./workspace";

/**
 * `npm install <git-url>`: npm clones the repository, installs its dev
 * dependencies and runs `prepare`, which builds dist/. The URL is this
 * checkout's committed HEAD (on CI, the commit under test).
 */
describe("installing from a git URL", () => {
  const dir = join(WORK, "git-install");
  let install: CommandResult;
  beforeAll(() => {
    const commit = mustRun("git", ["rev-parse", "HEAD"], REPO_ROOT).stdout.trim();
    createProject(dir, { "@pulumi/pulumi": PACKAGE.devDependencies["@pulumi/pulumi"], "@pulumi/kubernetes": PACKAGE.devDependencies["@pulumi/kubernetes"] }, []);
    install = run("npm", [...NPM_INSTALL, `git+file://${REPO_ROOT}#${commit}`], dir);
  }, 600_000);

  it("builds the library during install (prepare)", () => {
    expect(install.output).not.toMatch(/ERESOLVE|EBADENGINE/);
    expect(install.status).toBe(0);
    expect(existsSync(join(dir, "node_modules", "forja", "dist", "components", "web-service", "index.js"))).toBe(true);
  });

  it("yields a working forja/web-service", () => {
    const script = 'const { WebService } = require("forja/web-service"); if (typeof WebService !== "function") throw new Error("no WebService class");';
    expect(mustRun(process.execPath, ["-e", script], dir).status).toBe(0);
  });
});
