/**
 * Pulumi.mlplatform.yaml (seed 004 on Minikube) through the real program and
 * the synth: every chart rendered with real Helm, every custom resource
 * checked against the CRD its chart ships, and the orderings, hook
 * replacements and mesh policy the seed's platform needs to come up in one
 * `pulumi up`.
 */
import { PROMETHEUS_POD_LABELS } from "../../components/monitoring";
import type { ResourceRecord } from "../../components/testing";
import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { parseStackConfig } from "../../src/config";
import { runStack, runStackVariant } from "../harness";
import type { Recorded } from "../harness";
import { allowedFlows } from "./network-flows";
import type { FlowPod } from "./network-flows";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const kindOf = (r: ResourceRecord) => (r.inputs as Obj).kind as string;
const nameOf = (r: ResourceRecord) => (r.inputs as Obj).metadata?.name as string;

/**
 * Whether `from` cannot start before `to` is created: through dependsOn, a
 * dependency on a component meaning all of its resources, and a chart's
 * objects starting after the chart's own dependencies (as the synth's
 * critical path reads the graph).
 */
function waitsFor(recorded: Recorded, from: ResourceRecord, to: ResourceRecord): boolean {
  const byUrn = new Map(recorded.allRecords.map((r) => [r.urn, r]));
  const descendants = (urn: string): ResourceRecord[] => recorded.allRecords.filter((r) => r.parent === urn).flatMap((c) => [c, ...descendants(c.urn)]);
  const seen = new Set<string>();
  const queue = [...from.dependsOn, ...(from.origin && from.parent ? (byUrn.get(from.parent)?.dependsOn ?? []) : [])];
  while (queue.length) {
    const urn = queue.shift()!;
    if (seen.has(urn)) continue;
    seen.add(urn);
    if (urn === to.urn) return true;
    const record = byUrn.get(urn);
    if (!record) continue;
    if (!record.custom) queue.push(...descendants(urn).map((d) => d.urn));
    queue.push(...record.dependsOn);
  }
  return false;
}

const chart = (recorded: Recorded, release: string) => recorded.ofType("kubernetes:helm.sh/v4:Chart").find((c) => c.name.endsWith(`-${release}`) || (c.inputs as Obj).name === release)!;

describe("Pulumi.mlplatform.yaml: seed 004 on Minikube", () => {
  let recorded: Recorded;
  let report: SynthReport;
  beforeAll(async () => {
    ({ recorded, report } = await runStack("mlplatform"));
  }, 300000);

  it("passes every synth check on the seed's 6-CPU / 12-GB machine, every custom resource validated against its chart's CRD", () => {
    expect(reportProblems(report)).toEqual([]);
    expect(report.unvalidatedKinds).toEqual([]);
    const kinds = report.kubernetes.map((k) => `${k.object.apiVersion}/${k.object.kind}`);
    for (const kind of ["ray.io/v1/RayService", "networking.istio.io/v1/Gateway", "security.istio.io/v1/PeerAuthentication", "monitoring.coreos.com/v1/ServiceMonitor", "cert-manager.io/v1/ClusterIssuer"]) expect(kinds).toContain(kind);
    expect(report.capacity?.fits).toBe(true);
    // Room for what operators create at run time: Prometheus (200m / 1Gi) and the Ray head (1 CPU / 2Gi).
    expect(report.capacity!.capacity.cpuMillis - report.capacity!.demand.cpuMillis).toBeGreaterThanOrEqual(1200);
    expect(report.capacity!.capacity.memoryMiB - report.capacity!.demand.memoryMiB).toBeGreaterThanOrEqual(3072);
  });

  it("starts istiod after Istio's base chart and the CNI, the gateway and every mesh resource after istiod, and MLflow's pod after istiod (its injector)", () => {
    const istiod = chart(recorded, "istiod");
    expect(waitsFor(recorded, istiod, chart(recorded, "istio-base"))).toBe(true);
    expect(waitsFor(recorded, istiod, chart(recorded, "istio-cni"))).toBe(true);
    expect(waitsFor(recorded, chart(recorded, "istio-ingressgateway"), istiod)).toBe(true);
    expect(waitsFor(recorded, istiod, chart(recorded, "istio-ingressgateway"))).toBe(false);
    const mesh = recorded.records.filter((r) => /^kubernetes:(networking|security)\.istio\.io\/v1:/.test(r.type));
    expect(mesh.map(kindOf).sort()).toEqual(["AuthorizationPolicy", "DestinationRule", "DestinationRule", "Gateway", "PeerAuthentication", "PeerAuthentication", "VirtualService", "VirtualService"]);
    for (const resource of mesh) expect(waitsFor(recorded, resource, istiod)).toBe(true);
    expect(waitsFor(recorded, recorded.one("kubernetes:apps/v1:StatefulSet", "mlflow-statefulset"), istiod)).toBe(true);
  });

  it("creates every custom resource after the chart that ships its CRD", () => {
    const crdChart = new Map<string, ResourceRecord>();
    for (const crd of recorded.chartObjects.filter((r) => kindOf(r) === "CustomResourceDefinition")) {
      const spec = (crd.inputs as Obj).spec;
      for (const version of spec.versions) crdChart.set(`${spec.group}/${version.name}/${spec.names.kind}`, recorded.allRecords.find((r) => r.urn === crd.parent)!);
    }
    const custom = recorded.records.filter((r) => r.type.startsWith("kubernetes:") && crdChart.has(`${(r.inputs as Obj).apiVersion}/${kindOf(r)}`));
    expect(custom.length).toBeGreaterThanOrEqual(12);
    for (const resource of custom) expect([resource.name, waitsFor(recorded, resource, crdChart.get(`${(resource.inputs as Obj).apiVersion}/${kindOf(resource)}`)!)]).toEqual([resource.name, true]);
  });

  it("creates the ClusterIssuer only after the cert-manager chart, whose webhook Deployment Pulumi awaits and whose CA the ClusterIssuer's webhook call needs", () => {
    const issuer = recorded.one("kubernetes:cert-manager.io/v1:ClusterIssuer");
    expect(waitsFor(recorded, issuer, chart(recorded, "cert-manager"))).toBe(true);
    const webhook = recorded.chartObjects.find((r) => kindOf(r) === "ValidatingWebhookConfiguration" && nameOf(r) === "cert-manager-webhook")!;
    // cainjector fills the caBundle from this annotation: Forja never sends one that would erase it.
    expect((webhook.inputs as Obj).metadata.annotations["cert-manager.io/inject-ca-from-secret"]).toBe("cert-manager/cert-manager-webhook-ca");
    // ...and Pulumi holds the chart (which the ClusterIssuer waits for) until it has.
    for (const kind of ["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]) {
      const config = recorded.chartObjects.find((r) => kindOf(r) === kind && nameOf(r) === "cert-manager-webhook")!;
      expect((config.inputs as Obj).metadata.annotations["pulumi.com/waitFor"]).toBe("jsonpath={.webhooks[0].clientConfig.caBundle}");
    }
    expect((webhook.inputs as Obj).webhooks[0].failurePolicy).toBe("Fail");
    expect((webhook.inputs as Obj).webhooks[0].clientConfig.caBundle).toBeUndefined();
  });

  it("runs MLflow's db upgrade Job after Postgres (its database and owner) and the server after the Job, the bucket and istiod", () => {
    const migrate = recorded.one("kubernetes:batch/v1:Job", "mlflow-migrate");
    const server = recorded.one("kubernetes:apps/v1:StatefulSet", "mlflow-statefulset");
    expect(waitsFor(recorded, migrate, recorded.one("kubernetes:batch/v1:Job", "mlflow-db-setup"))).toBe(true);
    expect(server.dependsOn).toContain(migrate.urn);
    expect(waitsFor(recorded, server, recorded.one("kubernetes:batch/v1:Job", "mlflow-artifacts-buckets"))).toBe(true);
    expect((migrate.inputs as Obj).spec.template.spec.containers[0].command).toEqual(["mlflow", "db", "upgrade", "$(MLFLOW_BACKEND_STORE_URI)"]);
    // The Job stays out of the mesh: a sidecar would keep it running forever.
    expect((migrate.inputs as Obj).spec.template.metadata.labels["sidecar.istio.io/inject"]).toBe("false");
  });

  it("sends Istio's validating webhooks as Fail in both charts (a v4 Chart renders every update as an install) and drops kps's hook-made admission webhooks", () => {
    const istioWebhooks = recorded.chartObjects.filter((r) => kindOf(r) === "ValidatingWebhookConfiguration" && /istio/.test(nameOf(r)));
    expect(istioWebhooks.length).toBeGreaterThanOrEqual(2);
    for (const webhook of istioWebhooks) for (const hook of (webhook.inputs as Obj).webhooks) expect([nameOf(webhook), hook.failurePolicy]).toEqual([nameOf(webhook), "Fail"]);
    const kps = chart(recorded, "kps");
    expect(recorded.chartObjects.filter((r) => r.parent === kps.urn && /WebhookConfiguration$|^Job$/.test(kindOf(r)))).toEqual([]);
  });

  it("keeps ml-dev STRICT, with plaintext only on MLflow's port for Prometheus and only GET /metrics allowed without a mesh identity", () => {
    const peer = (name: string) => recorded.records.find((r) => kindOf(r) === "PeerAuthentication" && nameOf(r) === name)!.inputs as Obj;
    expect(peer("default").spec).toEqual({ mtls: { mode: "STRICT" } });
    expect(peer("mlflow-metrics").spec).toEqual({ selector: { matchLabels: { "app.kubernetes.io/name": "mlflow", "app.kubernetes.io/instance": "mlflow" } }, mtls: { mode: "STRICT" }, portLevelMtls: { "5000": { mode: "PERMISSIVE" } } });
    const authz = recorded.one("kubernetes:security.istio.io/v1:AuthorizationPolicy").inputs as Obj;
    expect(authz.spec.rules).toEqual([{ from: [{ source: { principals: ["cluster.local/ns/istio-ingress/sa/istio-ingressgateway"] } }] }, { to: [{ operation: { paths: ["/metrics"], methods: ["GET"] } }] }]);
    // The NetworkPolicy lets only the gateway and Prometheus reach port 5000.
    const netpol = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "mlflow-netpol").inputs as Obj;
    expect(netpol.spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } }, podSelector: { matchLabels: { istio: "ingressgateway" } } },
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": "kps-kube-prometheus-stack-prometheus" } } },
    ]);
  });

  it("wires ml-dev with connect: each server admits exactly its declared clients, and the synth's egress check is clean", () => {
    const objects = report.kubernetes.map((k) => k.object as Obj);
    const pods: FlowPod[] = objects.flatMap((o) => {
      const template = o.spec?.template;
      if (!["Deployment", "StatefulSet", "Job"].includes(o.kind) || !template) return [];
      const ports = (template.spec.containers as Obj[]).flatMap((c) => ((c.ports ?? []) as Obj[]).map((p) => p.containerPort as number));
      return [{ name: `${o.metadata.namespace}/${(o.metadata.name as string).replace(/-[0-9a-f]{8}$/, "")}`, namespace: o.metadata.namespace, labels: template.metadata?.labels ?? {}, ports }];
    });
    // Prometheus is made by its operator at run time: its pod, by the labels the chart's own Service selects it by.
    const prometheus = objects.find((o) => o.kind === "Service" && o.metadata.name === "kps-kube-prometheus-stack-prometheus")!;
    expect(prometheus.spec.selector).toEqual(PROMETHEUS_POD_LABELS);
    pods.push({ name: "monitoring/prometheus", namespace: "monitoring", labels: prometheus.spec.selector, ports: [9090] });
    const flows = allowedFlows(pods, objects.filter((o) => o.kind === "NetworkPolicy"), {}).filter((flow) => / -> ml-dev\//.test(flow));
    expect(flows).toEqual([
      "istio-ingress/istio-ingressgateway -> ml-dev/mlflow:5000",
      "ml-dev/mlflow -> ml-dev/mlflow-artifacts:8333",
      "ml-dev/mlflow -> ml-dev/mlflow-db:5432",
      "ml-dev/mlflow-artifacts-buckets -> ml-dev/mlflow-artifacts:8333",
      "ml-dev/mlflow-db-setup -> ml-dev/mlflow-db:5432",
      "ml-dev/mlflow-migrate -> ml-dev/mlflow-db:5432",
      "monitoring/prometheus -> ml-dev/mlflow:5000",
    ]);
  });

  it("puts MLflow's pod in the mesh by its label, which istiod's rendered object selector matches in ml-dev (no injection label), and nothing else", () => {
    const injector = recorded.chartObjects.find((r) => kindOf(r) === "MutatingWebhookConfiguration" && nameOf(r) === "istio-sidecar-injector")!;
    const byObject = ((injector.inputs as Obj).webhooks as Obj[]).find((w) => w.name === "object.sidecar-injector.istio.io")!;
    expect(byObject.objectSelector.matchExpressions).toContainEqual({ key: "sidecar.istio.io/inject", operator: "In", values: ["true"] });
    expect(byObject.namespaceSelector.matchExpressions).toContainEqual({ key: "istio-injection", operator: "DoesNotExist" });
    const namespace = recorded.records.find((r) => r.type === "kubernetes:core/v1:Namespace" && nameOf(r) === "ml-dev")!.inputs as Obj;
    expect(namespace.metadata.labels["istio-injection"]).toBeUndefined();
    const injected = recorded.records.filter((r) => (r.inputs as Obj)?.spec?.template?.metadata?.labels?.["sidecar.istio.io/inject"] === "true").map((r) => r.name);
    expect(injected).toEqual(["mlflow-statefulset"]);
  });

  it("routes the seed's hosts through the gateway (a NodePort on Minikube): the detector's Serve app and MLflow", () => {
    const routes = recorded.ofType("kubernetes:networking.istio.io/v1:VirtualService").map((r) => (r.inputs as Obj).spec);
    expect(routes.map((s) => [s.hosts, s.http[0].route[0].destination.port.number])).toEqual([[["anomaly-detector.local"], 8000], [["mlflow.local"], 5000]]);
    const service = recorded.chartObjects.find((r) => kindOf(r) === "Service" && nameOf(r) === "istio-ingressgateway")!;
    expect((service.inputs as Obj).spec.type).toBe("NodePort");
    expect(recorded.one("kubernetes:ray.io/v1:RayService").inputs.spec).toMatchObject({ rayClusterConfig: { rayVersion: "2.52.0", workerGroupSpecs: [] } });
  });

  it("keeps SeaweedFS behind generated keys and MLflow's artifacts in its bucket", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret", "mlflow-artifacts-credentials");
    expect(secret.secretPaths).toContain("stringData");
    const store = recorded.one("kubernetes:apps/v1:StatefulSet", "mlflow-artifacts-statefulset").inputs as Obj;
    expect(store.spec.template.spec.containers[0].args).toContain("-s3.config=/etc/seaweedfs/s3.json");
    const env = (recorded.one("kubernetes:apps/v1:StatefulSet", "mlflow-statefulset").inputs as Obj).spec.template.spec.containers[0].env as Obj[];
    expect(env.find((e) => e.name === "MLFLOW_S3_ENDPOINT_URL")?.value).toBe("http://mlflow-artifacts.ml-dev.svc.cluster.local:8333");
    expect(env.find((e) => e.name === "AWS_SECRET_ACCESS_KEY")?.valueFrom).toEqual({ secretKeyRef: { name: "mlflow-artifacts-credentials", key: "AWS_SECRET_ACCESS_KEY" } });
  });
});

describe("the ML platform with Argo CD (forja:mlplatform.gitops)", () => {
  let recorded: Recorded;
  let report: SynthReport;
  beforeAll(async () => {
    ({ recorded, report } = await runStackVariant("mlplatform", (config) => {
      (config["forja:mlplatform"] as Obj).gitops = { repository: "git@github.com:acme/ml-platform.git", applications: [{ name: "ml-apps", path: "manifests/overlays/dev", namespace: "ml-apps" }] };
    }));
  }, 300000);

  it("passes the synth, pre-creates the redis Secret the chart's hook would make, and registers the Application after the chart", () => {
    expect(reportProblems(report)).toEqual([]);
    const argocd = chart(recorded, "argocd");
    expect((argocd.inputs as Obj).values.redisSecretInit).toEqual({ enabled: false });
    const redis = recorded.records.find((r) => r.type === "kubernetes:core/v1:Secret" && nameOf(r) === "argocd-redis")!;
    expect(argocd.dependsOn).toContain(redis.urn);
    expect(waitsFor(recorded, recorded.one("kubernetes:argoproj.io/v1alpha1:Application"), argocd)).toBe(true);
  });

  it("manages no object in a namespace an Application syncs into, besides that namespace itself", () => {
    const destinations = recorded.ofType("kubernetes:argoproj.io/v1alpha1:Application").map((r) => (r.inputs as Obj).spec.destination.namespace as string);
    expect(destinations).toEqual(["ml-apps"]);
    const objects = recorded.allRecords.filter((r) => r.type.startsWith("kubernetes:") && destinations.includes((r.inputs as Obj)?.metadata?.namespace));
    expect(objects.map((r) => r.name)).toEqual([]);
  });

  it("refuses the platform on aci, one host for both routes, and a deploy key without Argo CD", () => {
    const problems = (values: Record<string, string>, secretKeys: string[] = []) => {
      try {
        parseStackConfig({ project: "forja", stack: "mlplatform", values, secretKeys });
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    expect(problems({ "forja:target": "aci", "azure-native:location": "eastus", "forja:mlplatform": "{}" })).toContain('forja:mlplatform is set but forja:target is "aci": the ML platform runs on the k3s and eks targets');
    expect(problems({ "forja:target": "k3s", "forja:mlplatform": JSON.stringify({ hosts: { detector: "ml.local", mlflow: "ml.local" } }) })).toContainEqual(expect.stringMatching(/^forja:mlplatform\.hosts\.mlflow = "ml\.local": expected a host other than the detector's/));
    expect(problems({ "forja:target": "k3s", "forja:mlplatform": "{}", "forja:mlplatformDeployKey": "key" }, ["forja:mlplatformDeployKey"])).toContain("forja:mlplatformDeployKey is set but forja:mlplatform.gitops is not: the key is Argo CD's");
  });

  it("refuses an Application that would sync into forja:namespace or a platform namespace", () => {
    for (const namespace of ["ml-dev", "monitoring"]) {
      const values = {
        "forja:target": "k3s",
        "forja:namespace": "ml-dev",
        "forja:mlplatform": JSON.stringify({ gitops: { repository: "git@github.com:acme/ml.git", applications: [{ name: "apps", path: "k8s", namespace }] } }),
      };
      expect(() => parseStackConfig({ project: "forja", stack: "mlplatform", values, secretKeys: [] })).toThrow(new RegExp(`forja:mlplatform.gitops.applications\\[0\\].namespace = "${namespace}": expected a namespace of its own`));
    }
  });
});

describe("the ML platform on EKS (seed 004's app-aws.yaml): forja:mlplatform on the prod stack", () => {
  let recorded: Recorded;
  let report: SynthReport;
  beforeAll(async () => {
    ({ recorded, report } = await runStackVariant("prod", (config) => {
      config["forja:namespace"] = "ml-dev";
      config["forja:mlplatform"] = { size: "standard", bucketPrefix: "acme-ml-prod" };
    }));
  }, 600000);

  it("passes the synth with the same platform, MLflow's artifacts in an S3 bucket instead of SeaweedFS", () => {
    expect(reportProblems(report)).toEqual([]);
    // Production: every platform namespace is protected (deleting one deletes everything in it).
    for (const ns of recorded.records.filter((r) => r.type === "kubernetes:core/v1:Namespace")) expect([ns.name, ns.protect]).toEqual([ns.name, true]);
    expect(recorded.ofType("forja:index:Mlflow")).toHaveLength(1);
    expect(recorded.ofType("kubernetes:ray.io/v1:RayService")).toHaveLength(1);
    expect(recorded.records.filter((r) => r.name === "mlflow-artifacts-statefulset")).toEqual([]);
    expect(recorded.one("aws:s3/bucket:Bucket", "mlflow-artifacts-mlflow").inputs).toMatchObject({ bucket: "acme-ml-prod-mlflow", forceDestroy: false });
    // The gateway is a LoadBalancer on EKS.
    const gateway = recorded.chartObjects.find((r) => kindOf(r) === "Service" && nameOf(r) === "istio-ingressgateway")!;
    expect((gateway.inputs as Obj).spec.type).toBe("LoadBalancer");
  });

  it("gives MLflow the bucket through a WorkloadRole its ServiceAccount alone may assume, and no keys", () => {
    const role = recorded.one("forja:index:WorkloadRole", "mlflow-artifacts-role");
    expect(role).toBeDefined();
    const trust = JSON.parse(recorded.records.find((r) => r.type === "aws:iam/role:Role" && r.parent === role.urn)!.inputs.assumeRolePolicy as string);
    expect(JSON.stringify(trust)).toContain("system:serviceaccount:ml-dev:mlflow");
    const account = recorded.one("kubernetes:core/v1:ServiceAccount", "mlflow-serviceaccount").inputs as Obj;
    expect(Object.keys(account.metadata.annotations)).toEqual(["eks.amazonaws.com/role-arn"]);
    const pod = (recorded.one("kubernetes:apps/v1:StatefulSet", "mlflow-statefulset").inputs as Obj).spec.template.spec;
    expect(pod.serviceAccountName).toBe("mlflow");
    expect(pod.containers[0].env.map((e: Obj) => e.name)).not.toContain("AWS_SECRET_ACCESS_KEY");
  });
});

describe("the ML platform on a 2-CPU / 8-GB machine (forja:mlplatform.size small)", () => {
  it("fits, with room left for the pods operators create at run time (Prometheus, the Ray head)", async () => {
    const { report, recorded } = await runStackVariant("mlplatform", (config) => {
      (config["forja:k3s"] as Obj).nodes = { count: 1, cpu: "2", memory: "7Gi" };
      (config["forja:mlplatform"] as Obj).size = "small";
    });
    expect(reportProblems(report)).toEqual([]);
    const capacity = report.capacity!;
    expect(capacity.fits).toBe(true);
    // Operator-made pods are not in the synth's sum: Prometheus (200m / 1Gi) and the small Ray head (500m / 1.5Gi).
    const head = recorded.one("kubernetes:ray.io/v1:RayService").inputs.spec as Obj;
    expect(head.rayClusterConfig.headGroupSpec.template.spec.containers[0].resources.requests).toEqual({ cpu: "500m", memory: "1536Mi" });
    expect(capacity.capacity.cpuMillis - capacity.demand.cpuMillis).toBeGreaterThanOrEqual(200 + 500);
    expect(capacity.capacity.memoryMiB - capacity.demand.memoryMiB).toBeGreaterThanOrEqual(1024 + 1536);
  }, 300000);
});
