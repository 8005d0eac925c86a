import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProgram, devProject, engineBin, engineEnv, ROOT, run, timed, writeKubeconfig } from "./engine";

/**
 * `pulumi preview` of the dev (K3s) stack with the real Pulumi engine, offline:
 * the CLI and kubernetes provider built from pinned Go modules
 * (tools/engine/build.sh), a local file backend, a passphrase secrets provider,
 * no cluster, charts from FORJA_CHARTS, and `--policy-pack policies` started
 * as the CLI starts it.
 *
 * A `helm.v4.Chart` needs the API server's discovery data, unless the provider
 * renders YAML to a folder (`renderYamlToDirectory`): the program runs behind
 * offline-program.js, which turns that on for every kubernetes provider and
 * points each chart at its package. What the provider then plans is compared
 * with what the offline synth records for the same stack.
 */
const work = mkdtempSync(join(tmpdir(), "forja-engine-"));
let project: string;
let env: NodeJS.ProcessEnv;
let offline: NodeJS.ProcessEnv;

const pulumi = (args: string[], environment = offline) => run("pulumi", args, project, environment);

interface Plan {
  steps?: { op: string; urn: string }[];
}

/** `pulumi preview` of the dev stack (`--json`: the plan as JSON; it leaves policy violations out). */
function preview(extra: string[] = [], environment = offline): { status: number | null; output: string; stdout: string } {
  return timed(`pulumi preview ${extra.join(" ")}`, () =>
    pulumi(["preview", "--stack", "dev", "--non-interactive", "--policy-pack", join(ROOT, "policies"), ...extra], environment),
  );
}

/** A resource as both sides name it: its own type (a URN's type is its parents' and its own, joined by $) and its name. */
const key = (urn: string) => `${urn.split("::")[2].split("$").pop()} ${urn.split("::").pop()}`;

beforeAll(() => {
  const bin = engineBin();
  buildProgram();

  project = devProject(work);
  env = engineEnv(bin, work);
  // No kubeconfig at all: the provider then has no client, and renders.
  offline = { ...env, KUBECONFIG: join(work, "no-kubeconfig"), FORJA_ENGINE_RENDER_DIR: join(work, "rendered") };
  mkdirSync(join(work, "state"));
  const init = pulumi(["stack", "init", "dev", "--non-interactive"]);
  if (init.status !== 0) throw new Error(`pulumi stack init dev failed:\n${init.output}`);
}, 3_600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the real Pulumi engine", () => {
  it("previews the whole dev stack, charts included, with the policy pack, and plans what the synth records", () => {
    const { status, output, stdout } = preview(["--json"]);
    expect({ status, output: status === 0 ? "" : output }).toEqual({ status: 0, output: "" });
    const planned = ((JSON.parse(stdout) as Plan).steps ?? []).filter((step) => step.op === "create").map((step) => key(step.urn));
    process.stderr.write(`[engine] dev preview plans ${planned.length} creates\n`);

    const synth = join(work, "synth");
    timed("synth of dev", () =>
      execFileSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "src/offline/cli.ts", "--stack", "dev", "--out", synth], { cwd: ROOT, stdio: "ignore" }),
    );
    const recorded = (JSON.parse(readFileSync(join(synth, "dev/resources.json"), "utf8")) as { urn: string }[]).map((resource) => key(resource.urn));
    // One difference, the provider's: with no cluster Helm renders for its built-in Kubernetes v1.20, where MinIO's
    // subchart picks policy/v1beta1 for its PodDisruptionBudget (the synth renders for 1.35). Airflow's chart renders on a
    // first preview too: its secrets checksum is never unknown (components/airflow/values.ts, secretsChecksumOutput).
    expect(planned.filter((name) => / airflow:forja\//.test(name)).length).toBeGreaterThan(20);
    expect({
      onlyPlanned: planned.filter((name) => !recorded.includes(name)),
      onlyRecorded: recorded.filter((name) => !planned.includes(name)),
    }).toEqual({
      onlyPlanned: ["kubernetes:policy/v1beta1:PodDisruptionBudget forja-milvus-chart:milvus/minio"],
      onlyRecorded: ["kubernetes:policy/v1:PodDisruptionBudget forja-milvus-chart:milvus/minio"],
    });
    expect(planned.filter((name) => name.includes("forja-milvus-chart:")).length).toBeGreaterThan(25);
  });

  it("refuses the dev stack under the production policy config: its namespaces are not protected", () => {
    const { status, output } = preview(["--policy-pack-config", join(ROOT, "policies/production.json")]);
    expect(status).not.toBe(0);
    expect(output).toMatch(/\[mandatory\] +namespaces-protected +\(kubernetes:core\/v1:Namespace: forja-namespace\)/);
  });

  it("cannot preview a helm.v4.Chart against a cluster that does not answer", () => {
    const kubeconfig = writeKubeconfig(join(work, "kubeconfig"), "https://127.0.0.1:9", "unreachable");
    const { status, output } = preview([], { ...env, KUBECONFIG: kubeconfig });
    expect(status).not.toBe(0);
    expect(output).toMatch(/kubernetes:helm.sh\/v4:Chart resource '[^']+' has a problem: configured Kubernetes cluster is unreachable/);
  });
});
