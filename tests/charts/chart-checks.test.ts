/**
 * Every check the synth makes on Forja's own objects also holds for what a
 * chart renders: each one is proved to fail on a small chart written here,
 * with an error that names the chart, the template and the object.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../../src/config";
import { buildReport, reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import type { ResourceRecord } from "../../components/testing";
import { deployment, writeChart } from "./test-charts";

const k3s = parseStackConfig({ project: "forja", stack: "test", values: { "forja:target": "k3s", "forja:k3s": JSON.stringify({ nodes: { count: 2, cpu: "4", memory: "8Gi" } }) }, secretKeys: [] });

function reportOf(recorded: Recorded): SynthReport {
  return buildReport({ stack: "test", config: k3s, records: recorded.allRecords, releaseObjects: recorded.releaseObjects, outputs: {}, durationMs: 1, chartRenderMs: 0 });
}

/** The one object of a type (and name) a chart rendered. */
function rendered(recorded: Recorded, type: string, name?: string): ResourceRecord {
  const found = recorded.chartObjects.filter((r) => r.type === type && (name === undefined || r.name === name));
  expect(found).toHaveLength(1);
  return found[0];
}

async function render(chart: string, values: Record<string, unknown> = {}, opts: pulumi.ComponentResourceOptions = {}): Promise<Recorded> {
  return record(() => new k8s.helm.v4.Chart("probe", { chart, namespace: "apps", values }, { ...onCluster(), ...opts }));
}

describe("a v4 Chart under the mocks", () => {
  it("registers every rendered object as a child named as the provider names it", async () => {
    const chart = writeChart("probe", { "deployment.yaml": deployment(), "role.yaml": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: probe-reader }\nrules: []\n" });
    const recorded = await render(chart);
    const parent = recorded.one("kubernetes:helm.sh/v4:Chart").urn;
    const web = rendered(recorded, "kubernetes:apps/v1:Deployment");
    expect(web.name).toBe("probe:apps/probe-web");
    expect(web.parent).toBe(parent);
    expect(web.origin?.template).toBe("probe/templates/deployment.yaml");
    expect((web.inputs.metadata as { namespace: string }).namespace).toBe("apps");
    expect(rendered(recorded, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").name).toBe("probe:probe-reader");
    expect(reportProblems(reportOf(recorded))).toEqual([]);
  });

  it("applies the chart's transforms to every object, as the engine does for a remote component's children", async () => {
    const chart = writeChart("probe", { "deployment.yaml": deployment() });
    const relabel: pulumi.ResourceTransform = (args) => {
      const props = structuredClone(args.props);
      props.metadata.labels = { transformed: "yes" };
      return { props, opts: args.opts };
    };
    const recorded = await render(chart, {}, { transforms: [relabel] });
    expect((rendered(recorded, "kubernetes:apps/v1:Deployment").inputs.metadata as { labels: object }).labels).toEqual({ transformed: "yes" });
  });

  it("turns config.kubernetes.io/depends-on into a dependency on the sibling", async () => {
    const job = (name: string, after?: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\n${after ? `  annotations: { config.kubernetes.io/depends-on: batch/namespaces/apps/Job/${after} }\n` : ""}spec:\n  template:\n    spec:\n      restartPolicy: Never${deployment().split("    spec:")[1].replace(/^/, "")}`;
    const chart = writeChart("probe", { "migrate.yaml": job("migrate"), "seed.yaml": job("seed", "migrate") });
    const recorded = await render(chart);
    const migrate = rendered(recorded, "kubernetes:batch/v1:Job", "probe:apps/migrate");
    expect(rendered(recorded, "kubernetes:batch/v1:Job", "probe:apps/seed").dependsOn).toEqual([migrate.urn]);
  });
});

describe("checks on rendered objects", () => {
  it("refuse an API the target no longer serves, naming chart, template and object", async () => {
    const pdb = "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: { name: probe-pdb }\nspec: { maxUnavailable: 1, selector: { matchLabels: { app: web } } }\n";
    const problems = reportProblems(reportOf(await render(writeChart("probe", { "pdb.yaml": pdb }))));
    expect(problems).toEqual([expect.stringMatching(/^removed API poddisruptionbudget-apps-probe-pdb\.yaml \(chart probe, release probe, template probe\/templates\/pdb\.yaml\): policy\/v1beta1 PodDisruptionBudget is not served since Kubernetes 1\.25/)]);
  });

  it("hold every pod to restricted Pod Security", async () => {
    const privileged = deployment().replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false, privileged: true").replace("runAsNonRoot: true, runAsUser: 1000", "runAsUser: 0");
    const problems = reportProblems(reportOf(await render(writeChart("probe", { "deployment.yaml": privileged }))));
    expect(problems.some((p) => /privileged/.test(p) && p.includes("probe:apps/probe-web") && p.includes("template probe/templates/deployment.yaml"))).toBe(true);
    expect(problems.some((p) => /root|runAsUser|runAsNonRoot/.test(p) && p.includes("probe:apps/probe-web"))).toBe(true);
  });

  it("refuse an unpinned image", async () => {
    const problems = reportProblems(reportOf(await render(writeChart("probe", { "deployment.yaml": deployment("docker.io/library/nginx:latest") }))));
    expect(problems).toEqual([expect.stringMatching(/^policy no-unpinned-images: probe:apps\/probe-web: .*latest.*\(chart probe, release probe, template probe\/templates\/deployment\.yaml\)$/)]);
  });

  it("refuse pods that cannot fit the nodes, with the numbers and the chart", async () => {
    const problems = reportProblems(reportOf(await render(writeChart("probe", { "deployment.yaml": deployment(undefined, "3") }), { replicas: 3 })));
    expect(problems).toEqual([
      expect.stringMatching(/^capacity: the stack cannot schedule: its pods request 9\.0 vCPU \/ 0\.2 GiB but 2 × k3s node \(4\.0 vCPU \/ 8\.0 GiB allocatable each\) offer 8\.0 vCPU \/ 16\.0 GiB; 1 pod\(s\) would stay Pending \(Deployment\/apps\/probe-web \(chart probe, release probe, template probe\/templates\/deployment\.yaml\)#2\)/),
    ]);
  });

  it("refuse a secret the chart was given that lands outside a Secret, and redact it in the artifacts", async () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: probe-config }\ndata: { url: "postgres://app:{{ .Values.password }}@db" }\n';
    const recorded = await render(writeChart("probe", { "config.yaml": configMap }), { password: pulumi.secret("s3cret-value-123") });
    const report = reportOf(recorded);
    expect(reportProblems(report)).toContainEqual(expect.stringMatching(/^plaintext secret configmap-apps-probe-config\.yaml \(chart probe.*template probe\/templates\/config\.yaml\): data\.url holds a value given to the chart as a secret/));
    expect(JSON.stringify(report.kubernetes)).not.toContain("s3cret-value-123");
  });

  it("redact a chart's Secret data in the artifacts and mark it secret", async () => {
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: { name: probe-secret }\nstringData: { token: "{{ .Values.token }}" }\n';
    const recorded = await render(writeChart("probe", { "secret.yaml": secret }), { token: "plain-token-value" });
    const child = rendered(recorded, "kubernetes:core/v1:Secret");
    expect(child.secretPaths).toEqual(["stringData"]);
    expect(JSON.stringify(reportOf(recorded).kubernetes)).not.toContain("plain-token-value");
  });
});

describe("a v3 Release under the mocks", () => {
  it("renders with hooks, checks the objects, and keeps them out of the resources", async () => {
    const hook = deployment("docker.io/library/nginx:latest").replace("metadata: { name: {{ .Release.Name }}-web }", 'metadata: { name: hook-web, annotations: { "helm.sh/hook": pre-install } }');
    const recorded = await record(() => new k8s.helm.v3.Release("probe", { chart: writeChart("probe", { "hook.yaml": hook }), namespace: "apps" }, { provider: new k8s.Provider("cluster", {}) }));
    expect(recorded.chartObjects).toEqual([]);
    expect(recorded.releaseObjects.map((o) => o.object.metadata.name)).toEqual(["hook-web"]);
    expect(reportProblems(reportOf(recorded))).toEqual([expect.stringMatching(/^policy no-unpinned-images: probe:apps\/hook-web: .*template probe\/templates\/hook\.yaml/)]);
  });
});

describe("chart sources", () => {
  it("name the chart, the version and both ways to provide it when neither has it", async () => {
    const run = record(
      () => new k8s.helm.v4.Chart("missing", { chart: "no-such-chart", version: "9.9.9", repositoryOpts: { repo: "https://charts.invalid" }, namespace: "apps" }, onCluster()),
      { charts: { chartDirectories: ["/nonexistent"], pull: false } },
    );
    await expect(run).rejects.toThrow(/chart no-such-chart 9\.9\.9 not found: put no-such-chart-9\.9\.9\.tgz in a chart folder \(--charts DIR or FORJA_CHARTS; searched: \/nonexistent\), or let helm pull it from https:\/\/charts\.invalid/);
  });
});
