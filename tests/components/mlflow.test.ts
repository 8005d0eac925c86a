import { ForjaArgumentError } from "../../components/core/errors";
import { podSpecViolations } from "../../components/core/security";
import { Mlflow, MLFLOW_DEFAULTS } from "../../components/mlflow";
import type { MlflowArgs } from "../../components/mlflow";
import { allowedHosts, planMlflow } from "../../components/mlflow/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = k3sCapabilities({ storageClass: "standard" });
const base: MlflowArgs = {
  cluster,
  namespace: "ml-dev",
  database: { urlSecret: { name: "db-user-mlflow", key: "url" }, peer: { podLabels: { app: "postgres" }, ports: [5432] } },
  artifacts: { bucket: "mlflow", url: "http://store.ml-dev.svc.cluster.local:8333", credentialsSecret: "store-credentials", peer: { podLabels: { app: "store" }, ports: [8333] } },
};

describe("Mlflow on K3s with Postgres and a SeaweedFS bucket", () => {
  let recorded: Recorded;
  let pod: Obj;
  beforeAll(async () => {
    recorded = await record(() => new Mlflow("mlflow", { ...base, allowedHosts: ["mlflow.local"], monitoringReady: [], clients: [{ namespace: "istio-ingress", podLabels: { istio: "ingressgateway" } }] }, onCluster()));
    pod = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec;
  });

  it("creates the server (no volume: its state is in Postgres and the bucket), its Service and NetworkPolicy, and the migration Job with its own", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Mlflow": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:batch/v1:Job": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 2,
      "kubernetes:monitoring.coreos.com/v1:ServiceMonitor": 1,
    });
    expect((recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).volumeClaimTemplates).toEqual([]);
    expect(recorded.policyViolations(false)).toEqual([]);
    // The ServiceMonitor has no built-in schema (the synth checks it against kps's CRD: tests/stacks/mlplatform.test.ts).
    expect(recorded.schemaErrors().filter((e) => !e.endsWith(": skipped"))).toEqual([]);
  });

  it("runs the -full image as uid 1000 with a read-only root, restricted, without service links (MLFLOW_PORT)", () => {
    const container = pod.containers[0];
    expect(container.image).toBe("ghcr.io/mlflow/mlflow:v3.18.0-full");
    expect(pod.securityContext.runAsUser).toBe(1000);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.enableServiceLinks).toBe(false);
    expect(podSpecViolations(pod)).toEqual([]);
    expect(container.args).toContain(`--port=${MLFLOW_DEFAULTS.port}`);
    expect(container.args).toContain("--expose-prometheus=/tmp/metrics");
  });

  it("reads the database URL and the S3 keys from Secrets only, and lists every host it is reached by", () => {
    const env = Object.fromEntries((pod.containers[0].env as Obj[]).map((e) => [e.name, e.value ?? e.valueFrom]));
    expect(env.MLFLOW_BACKEND_STORE_URI).toEqual({ secretKeyRef: { name: "db-user-mlflow", key: "url" } });
    expect(env.AWS_SECRET_ACCESS_KEY).toEqual({ secretKeyRef: { name: "store-credentials", key: "AWS_SECRET_ACCESS_KEY" } });
    expect(env.MLFLOW_S3_ENDPOINT_URL).toBe("http://store.ml-dev.svc.cluster.local:8333");
    const hosts = (pod.containers[0].args as string[]).find((a) => a.startsWith("--allowed-hosts="))!.split("=")[1].split(",");
    expect(hosts).toEqual(expect.arrayContaining(["mlflow", "mlflow.ml-dev.svc.cluster.local:5000", "mlflow.local"]));
  });

  it("runs the migration Job before the server, outside any mesh, reaching only the database", () => {
    const job = recorded.one("kubernetes:batch/v1:Job");
    expect(recorded.one("kubernetes:apps/v1:StatefulSet").dependsOn).toContain(job.urn);
    const jobPod = (job.inputs as Obj).spec.template;
    expect(jobPod.metadata.labels["sidecar.istio.io/inject"]).toBe("false");
    expect(podSpecViolations(jobPod.spec)).toEqual([]);
    const policy = recorded.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").find((r) => (r.inputs as Obj).metadata.name === "mlflow-migrate")!.inputs as Obj;
    expect(policy.spec.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: { app: "postgres" } } }], ports: [{ protocol: "TCP", port: 5432 }] });
  });

  it("joins the mesh only when asked, by the pod label istiod's object selector reads", async () => {
    expect(pod).toBeDefined();
    const meshed = await record(() => new Mlflow("mlflow", { ...base, meshSidecar: true }, onCluster()));
    const template = (meshed.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template;
    expect(template.metadata.labels["sidecar.istio.io/inject"]).toBe("true");
    expect(JSON.parse(template.metadata.annotations["proxy.istio.io/config"])).toEqual({ holdApplicationUntilProxyStarts: true });
  });

  it("refuses the core image (no Postgres driver, no boto3), an artifact store without ports and a non-string namespace", () => {
    expect(() => planMlflow("mlflow", { ...base, image: "ghcr.io/mlflow/mlflow:v3.18.0" })).toThrow(ForjaArgumentError);
    expect(() => planMlflow("mlflow", { ...base, image: "ghcr.io/mlflow/mlflow:v3.18.0" })).toThrow(/"-full" image/);
    expect(() => planMlflow("mlflow", { ...base, artifacts: { ...base.artifacts, peer: { podLabels: { app: "store" } } } })).toThrow(/artifacts\.peer\.ports/);
    expect(allowedHosts("mlflow", { namespace: "ml-dev", allowedHosts: [] })).toContain("mlflow.ml-dev.svc:5000");
  });
});
