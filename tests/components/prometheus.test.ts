import { parse } from "yaml";
import { k3sCapabilities } from "../../components/platform/k3s";
import { Prometheus } from "../../components/prometheus";
import type { PrometheusArgs } from "../../components/prometheus";
import { defaultRetentionSize, validatePrometheus } from "../../components/prometheus/values";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const gateway = { "app.kubernetes.io/name": "llm-gateway", "app.kubernetes.io/instance": "llm-gateway" };
const base: PrometheusArgs = {
  cluster: k3sCapabilities({}),
  namespace: "observability",
  servicePort: 9099,
  nodeCidrs: ["192.168.1.0/24"],
  targets: [{ job: "litellm", namespace: "appgear", podLabels: gateway, port: 4000, path: "/metrics/" }],
  clients: [{ podLabels: { "app.kubernetes.io/name": "grafana" } }],
};

describe("Prometheus", () => {
  let recorded: Recorded;
  let pod: Obj;
  let config: Obj;
  beforeAll(async () => {
    recorded = await record(() => new Prometheus("prometheus", base, onCluster()));
    pod = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec;
    config = parse((recorded.one("kubernetes:core/v1:ConfigMap").inputs.data as Obj)["prometheus.yml"]);
  });

  it("creates RBAC, its config, a Service, a StatefulSet and a NetworkPolicy, passing every policy", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Prometheus": 1,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": 1,
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": 1,
      "kubernetes:core/v1:ConfigMap": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
    });
    expect(recorded.policyViolations()).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("may only read what discovery and the kubelets' cAdvisor need", () => {
    expect(recorded.one("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").inputs.rules).toEqual([
      { apiGroups: [""], resources: ["nodes", "nodes/metrics", "services", "endpoints", "pods"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
      { nonResourceURLs: ["/metrics", "/metrics/cadvisor"], verbs: ["get"] },
    ]);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(pod.serviceAccountName).toBe("prometheus");
  });

  it("scrapes the API server, every kubelet's cAdvisor on 10250 and each declared target", () => {
    expect(config.scrape_configs.map((job: Obj) => job.job_name)).toEqual(["kubernetes-apiservers", "kubernetes-nodes-cadvisor", "litellm"]);
    const [, cadvisor, litellm] = config.scrape_configs;
    expect(cadvisor).toMatchObject({ scheme: "https", metrics_path: "/metrics/cadvisor", kubernetes_sd_configs: [{ role: "node" }], authorization: { credentials_file: "/var/run/secrets/kubernetes.io/serviceaccount/token" } });
    expect(litellm).toMatchObject({ metrics_path: "/metrics/", kubernetes_sd_configs: [{ role: "pod", namespaces: { names: ["appgear"] } }] });
    expect(litellm.relabel_configs.slice(0, 3)).toEqual([
      { source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_instance"], action: "keep", regex: "llm-gateway" },
      { source_labels: ["__meta_kubernetes_pod_label_app_kubernetes_io_name"], action: "keep", regex: "llm-gateway" },
      { source_labels: ["__meta_kubernetes_pod_container_port_number"], action: "keep", regex: "4000" },
    ]);
  });

  it("keeps 15 days or 80% of the 10Gi volume, as nobody with a read-only root, probed on /-/ready and /-/healthy", () => {
    const [container] = pod.containers;
    expect(container.args).toEqual(expect.arrayContaining(["--storage.tsdb.retention.time=15d", "--storage.tsdb.retention.size=8GB", "--storage.tsdb.path=/prometheus"]));
    expect(pod.securityContext).toMatchObject({ runAsUser: 65534, fsGroup: 65534 });
    expect(pod.enableServiceLinks).toBe(false);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(container.volumeMounts).toEqual([{ name: "data", mountPath: "/prometheus" }, { name: "tmp", mountPath: "/tmp" }, { name: "config", mountPath: "/etc/prometheus", readOnly: true }]);
    expect(container.readinessProbe.httpGet.path).toBe("/-/ready");
    expect(container.livenessProbe.httpGet.path).toBe("/-/healthy");
    expect((recorded.one("kubernetes:core/v1:Service").inputs.spec as Obj).ports).toEqual([{ name: "http", port: 9099, targetPort: "http", protocol: "TCP" }]);
  });

  it("reaches only DNS, the kubelets and API server on the node addresses, and the declared targets", () => {
    const policy = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.egress.slice(1)).toEqual([
      { to: [{ ipBlock: { cidr: "192.168.1.0/24" } }], ports: [10250, 6443, 443].map((port) => ({ protocol: "TCP", port })) },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "appgear" } }, podSelector: { matchLabels: gateway } }], ports: [{ protocol: "TCP", port: 4000 }] },
    ]);
    expect(policy.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "grafana" } } }], ports: [{ protocol: "TCP", port: 9090 }] }]);
  });

  it("sizes retention from the volume and refuses bad durations, CIDRs and duplicate jobs", () => {
    expect(defaultRetentionSize("50Gi")).toBe("40GB");
    expect(defaultRetentionSize("1Gi")).toBe("1GB");
    expect(() => validatePrometheus("prometheus", { ...base, retentionTime: "two weeks" })).toThrow(/argument "retentionTime" was "two weeks"/);
    expect(() => validatePrometheus("prometheus", { ...base, nodeCidrs: ["192.168.1.0"] })).toThrow(/argument "nodeCidrs\[0\]"/);
    expect(() => validatePrometheus("prometheus", { ...base, targets: [{ ...base.targets![0], job: "kubernetes-apiservers" }] })).toThrow(/argument "targets\[0\].job" was "kubernetes-apiservers"; expected a job name not used twice/);
    expect(() => validatePrometheus("prometheus", { ...base, targets: [{ ...base.targets![0], podLabels: {} }] })).toThrow(/a job never scrapes every pod/);
  });
});
