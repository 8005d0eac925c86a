import { Monitoring, planMonitoring } from "../../components/monitoring";
import { podSpecViolations } from "../../components/core/security";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE, renderedKinds, renderedObject, synthProblems } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("Monitoring on Minikube", () => {
  let recorded: Recorded;
  let password: string;
  beforeAll(async () => {
    recorded = await record(() => {
      const monitoring = new Monitoring("mon", { cluster: MINIKUBE }, onCluster());
      monitoring.grafanaAdminPassword.apply((p) => (password = p));
    });
  }, 120000);

  it("renders the operator's CRDs, Prometheus, the operator, kube-state-metrics and Grafana, and nothing that needs a hook", () => {
    const kinds = renderedKinds(recorded);
    expect(kinds.filter((k) => k === "CustomResourceDefinition")).toHaveLength(10);
    expect(kinds.filter((k) => k === "Deployment")).toHaveLength(3);
    expect(kinds.filter((k) => k === "Prometheus")).toHaveLength(1);
    // The admission webhook's certificates came from job-patch hook Jobs the v4 Chart would drop.
    for (const absent of ["Job", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "Alertmanager", "DaemonSet"]) expect(kinds).not.toContain(absent);
  });

  it("scrapes no control-plane component the cluster cannot serve", () => {
    const monitors = recorded.chartObjects.filter((r) => (r.inputs as Obj).kind === "ServiceMonitor").map((r) => (r.inputs as Obj).metadata.name);
    expect(monitors.filter((m) => /etcd|scheduler|controller-manager|kube-proxy|node-exporter/.test(m))).toEqual([]);
    expect(monitors).toEqual(expect.arrayContaining(["kps-kube-prometheus-stack-kubelet", "kps-kube-state-metrics"]));
  });

  it("selects every ServiceMonitor, PodMonitor, rule and probe in every namespace, as the seed does", () => {
    const spec = (renderedObject(recorded, "Prometheus").inputs as Obj).spec;
    for (const key of ["serviceMonitor", "podMonitor", "rule", "probe"]) {
      expect(spec[`${key}Selector`]).toEqual({});
      expect(spec[`${key}NamespaceSelector`]).toEqual({});
    }
    expect(spec.retention).toBe("7d");
  });

  it("gives Grafana a generated admin from a Secret, kept secret and out of the chart's values", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret", "mon-grafana-admin");
    expect(secret.secretPaths).toContain("stringData");
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(JSON.stringify(recorded.one("kubernetes:helm.sh/v4:Chart").inputs)).not.toContain(password);
    const grafana = (renderedObject(recorded, "Deployment", "kps-grafana").inputs as Obj).spec.template.spec;
    const env = grafana.containers.find((c: Obj) => c.name === "grafana").env as Obj[];
    expect(env).toContainEqual({ name: "GF_SECURITY_ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: "grafana-admin", key: "admin-password" } } });
    expect((grafana.initContainers ?? []).map((c: Obj) => c.name)).not.toContain("init-chown-data");
    expect(recorded.one("kubernetes:helm.sh/v4:Chart").dependsOn).toContain(secret.urn);
  });

  it("loads dashboards labelled grafana_dashboard=1 from every namespace", () => {
    const grafana = (renderedObject(recorded, "Deployment", "kps-grafana").inputs as Obj).spec.template.spec;
    const env = grafana.containers.find((c: Obj) => c.name === "grafana-sc-dashboard").env as Obj[];
    expect(env).toEqual(expect.arrayContaining([{ name: "LABEL", value: "grafana_dashboard" }, { name: "LABEL_VALUE", value: "1" }, { name: "NAMESPACE", value: "ALL" }]));
  });

  it("runs every pod restricted in a restricted namespace and passes every synth check", () => {
    for (const name of ["kps-grafana", "kps-kube-state-metrics", "kps-kube-prometheus-stack-operator"]) {
      expect([name, podSpecViolations((renderedObject(recorded, "Deployment", name).inputs as Obj).spec.template.spec)]).toEqual([name, []]);
    }
    expect(recorded.one("kubernetes:core/v1:Namespace").inputs.metadata).toMatchObject({ name: "monitoring", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
    expect(synthProblems(recorded)).toEqual([]);
  });
});

describe("Monitoring through registry mirrors", () => {
  it("pulls every image it runs from the mirrors, at the pinned tags", async () => {
    const mirrors = { "quay.io": "mirror.example.com/quay", "docker.io": "mirror.example.com/hub", "registry.k8s.io": "mirror.example.com/k8s" };
    const recorded = await record(() => new Monitoring("mon", { cluster: { ...MINIKUBE, imageMirrors: mirrors } }, onCluster()));
    const images = recorded.chartObjects.flatMap((r) => {
      const spec = (r.inputs as Obj).spec ?? {};
      const pod = spec.template?.spec ?? {};
      return [...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((c: Obj) => c.image).concat(spec.image ? [spec.image] : []);
    });
    expect([...new Set(images)].sort()).toEqual([
      "mirror.example.com/hub/grafana/grafana:13.2.0",
      "mirror.example.com/k8s/kube-state-metrics/kube-state-metrics:v2.20.0",
      "mirror.example.com/quay/kiwigrid/k8s-sidecar:2.10.1",
      "mirror.example.com/quay/prometheus-operator/prometheus-operator:v0.93.1",
      "mirror.example.com/quay/prometheus/prometheus:v3.14.0-distroless",
    ]);
    const operator = (renderedObject(recorded, "Deployment", "kps-kube-prometheus-stack-operator").inputs as Obj).spec.template.spec.containers[0];
    expect(operator.args).toContain("--prometheus-config-reloader=mirror.example.com/quay/prometheus-operator/prometheus-config-reloader:v0.93.1");
  }, 120000);
});

describe("Monitoring args", () => {
  it("refuses a retention Prometheus cannot parse", () => {
    expect(() => planMonitoring({ cluster: MINIKUBE, retention: "a week" })).toThrow(/retention/);
  });
});
