import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { engineBin, engineEnv, ROOT, run, timed } from "./engine";

/**
 * `pulumi preview` of the dev (K3s) stack with the real Pulumi engine, offline:
 * the CLI and kubernetes provider built from pinned Go modules
 * (tools/engine/build.sh), a local file backend, a passphrase secrets provider,
 * a cluster that cannot be reached, and `--policy-pack policies` started as the
 * CLI starts it.
 *
 * The kubernetes provider previews plain objects without a cluster, but not a
 * `helm.v4.Chart`: its Construct needs the API server's OpenAPI schema even in a
 * preview. So the dev stack previews without its two charts (Milvus, Airflow),
 * and the full dev stack is shown to stop at the first chart.
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-"));
const project = join(work, "project");
let env: NodeJS.ProcessEnv;
/** The dev stack's keys whose components install a `helm.v4.Chart`. */
const CHART_KEYS = ["forja:milvus", "forja:airflow"];

const pulumi = (args: string[]) => run("pulumi", args, project, env);

interface Plan {
  steps?: { op: string; urn: string }[];
}

/** `pulumi preview` of a stack (`--json`: the plan as JSON; it leaves policy violations out). */
function preview(stack: string, extra: string[] = []): { status: number | null; output: string; stdout: string } {
  return timed(`pulumi preview --stack ${stack} ${extra.join(" ")}`, () =>
    pulumi(["preview", "--stack", stack, "--non-interactive", "--policy-pack", join(ROOT, "policies"), ...extra]),
  );
}

beforeAll(() => {
  const bin = engineBin();
  // Pulumi.yaml runs the compiled program (main: dist/src/index.js).
  timed("npm run build", () => execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "inherit" }));

  // The project folder links to the repository's build and dependencies. Stack dev is the repository's dev stack
  // without its charts; stack dev-charts is all of it.
  mkdirSync(project);
  for (const entry of ["dist", "node_modules", "package.json", "Pulumi.yaml"]) symlinkSync(join(ROOT, entry), join(project, entry));
  const stack = parse(readFileSync(join(ROOT, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
  writeFileSync(join(project, "Pulumi.dev-charts.yaml"), stringify(stack));
  for (const chartKey of CHART_KEYS) delete stack.config[chartKey];
  writeFileSync(join(project, "Pulumi.dev.yaml"), stringify(stack));
  // A kubeconfig whose cluster no one answers: the kubernetes provider previews without a cluster.
  const kubeconfig = join(work, "kubeconfig");
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "default", cluster: { server: "https://127.0.0.1:9" } }],
      users: [{ name: "default", user: { token: "unreachable" } }],
      contexts: [{ name: "default", context: { cluster: "default", user: "default" } }],
      "current-context": "default",
    }),
  );
  env = { ...engineEnv(bin, work), KUBECONFIG: kubeconfig };
  mkdirSync(join(work, "state"));
  for (const stackName of ["dev", "dev-charts"]) {
    const init = pulumi(["stack", "init", stackName, "--non-interactive"]);
    if (init.status !== 0) throw new Error(`pulumi stack init ${stackName} failed:\n${init.output}`);
  }
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the real Pulumi engine", () => {
  it("previews the dev stack, charts aside, with the policy pack: every resource planned, no violation", () => {
    const { status, output, stdout } = preview("dev", ["--json"]);
    expect({ status, output: status === 0 ? "" : output }).toEqual({ status: 0, output: "" });
    const creates = ((JSON.parse(stdout) as Plan).steps ?? []).filter((step) => step.op === "create");
    // A URN's type is its parents' types and its own, joined by $.
    const types = creates.map((step) => step.urn.split("::")[2].split("$").pop());
    process.stderr.write(`[engine] dev preview plans ${creates.length} creates\n`);
    expect(types).toEqual(expect.arrayContaining(["forja:index:K3sCluster", "forja:index:WebService", "forja:index:Ollama", "kubernetes:apps/v1:StatefulSet"]));
  });

  it("refuses the dev stack under the production policy config: its namespaces are not protected", () => {
    const { status, output } = preview("dev", ["--policy-pack-config", join(ROOT, "policies/production.json")]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/\[mandatory\] +namespaces-protected +\(kubernetes:core\/v1:Namespace: forja-namespace\)/);
  });

  it("cannot preview a helm.v4.Chart without a reachable cluster", () => {
    const { status, output } = preview("dev-charts");
    expect(status).not.toBe(0);
    expect(output).toMatch(/kubernetes:helm.sh\/v4:Chart resource '[^']+' has a problem: configured Kubernetes cluster is unreachable/);
  });
});
