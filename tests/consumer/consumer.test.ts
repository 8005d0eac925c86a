import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EKS_STACK_COUNTS, K3S_STACK_COUNTS, K3S_STACK_OUTPUTS } from "./project/expected";
import { LOWEST_PROJECT, RESOLUTIONS, compile, entryNames, lowestPeers, mustRun, run, writeEntriesModule } from "./workspace";
import type { Resolution } from "./workspace";

/** `npm ls --all --json` flattened: every installed version of each package. */
function installedVersions(dir: string): Record<string, string[]> {
  interface Node {
    version?: string;
    dependencies?: Record<string, Node>;
  }
  const tree = JSON.parse(run("npm", ["ls", "--all", "--json"], dir).stdout) as Node;
  const versions: Record<string, Set<string>> = {};
  const walk = (dependencies: Record<string, Node> = {}) => {
    for (const [name, node] of Object.entries(dependencies)) {
      if (node.version) (versions[name] ??= new Set()).add(node.version);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return Object.fromEntries(Object.entries(versions).map(([name, set]) => [name, [...set]]));
}

interface Report {
  counts: Record<string, number>;
  outputs: Record<string, unknown>;
}

/**
 * The lowest @pulumi/pulumi's mocks never hand a chart's transforms over (every Forja chart has one), so this
 * project records charts as their inputs, as the lowest-peers jest project does; rendering is tested with the pinned SDKs.
 */
function report(dir: string, resolution: Resolution, main: string): Report {
  return JSON.parse(mustRun(process.execPath, [join(`bin-${resolution}`, main)], dir, { FORJA_RENDER_CHARTS: "off" }).stdout) as Report;
}

describe("a consumer project with the packed tarball and the lowest supported peers", () => {
  const sources = ["k3s.ts", "eks.ts", "report.ts", "main-k3s.ts", "main-eks.ts", "main-refused.ts"];
  beforeAll(() => {
    sources.push(writeEntriesModule(LOWEST_PROJECT));
  });

  it("installs exactly the lowest peers, one copy of each SDK", () => {
    const versions = installedVersions(LOWEST_PROJECT);
    const peers = Object.fromEntries(Object.keys(lowestPeers()).map((name) => [name, versions[name]]));
    expect(peers).toEqual(Object.fromEntries(Object.entries(lowestPeers()).map(([name, version]) => [name, [version]])));
    expect(readFileSync(join(LOWEST_PROJECT, "..", "lowest-install.log"), "utf8")).not.toMatch(/ERESOLVE|EBADENGINE/);
  });

  it.each(Object.keys(RESOLUTIONS) as Resolution[])("compiles every entry and both stacks strictly under moduleResolution %s, without skipLibCheck", (resolution) => {
    const result = compile(LOWEST_PROJECT, resolution, sources);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("loads every entry at run time", () => {
    const script = `for (const entry of ${JSON.stringify(entryNames())}) require(entry);`;
    expect(mustRun(process.execPath, ["-e", script], LOWEST_PROJECT).status).toBe(0);
  });

  it("runs the K3s stack under forja/testing with exact resource counts", () => {
    const k3s = report(LOWEST_PROJECT, "node", "main-k3s.js");
    expect(k3s.counts).toEqual(K3S_STACK_COUNTS);
    expect(k3s.outputs).toEqual(K3S_STACK_OUTPUTS);
  });

  it("reports a refused program under forja/testing and goes on: the next run records, no unhandled rejection ends the process", () => {
    const result = JSON.parse(mustRun(process.execPath, [join("bin-node", "main-refused.js")], LOWEST_PROJECT).stdout) as { refused: string; counts: Record<string, number> };
    expect(result).toEqual({ refused: expect.stringMatching(/^WebService: argument "port" was 70000/), counts: K3S_STACK_COUNTS });
  });

  it("runs the EKS stack under forja/testing: the mocks answer for the EKS cluster, OIDC, kubeconfig and Elastic IPs", () => {
    const eks = report(LOWEST_PROJECT, "node16", "main-eks.js");
    expect(eks.counts).toEqual(EKS_STACK_COUNTS);
    expect(eks.outputs).toEqual({ egressIps: [expect.stringMatching(/^203\.0\.113\.\d+$/)], kubeconfig: "[secret]", worker: "worker" });
  });
});
