import { StackConfigError, parseStackConfig } from "../../src/config";
import type { ConfigSource } from "../../src/config";
import { planMilvusCluster } from "../../components/milvus/validate";
import { k3sCapabilities } from "../../components/platform/k3s";
import { milvusArgs } from "../../src/targets/milvus";

function source(values: Record<string, unknown>): ConfigSource {
  return { project: "forja", stack: "test", values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])), secretKeys: [] };
}

function problemsOf(values: Record<string, unknown>): string[] {
  try {
    parseStackConfig(source(values));
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

const eks = { "forja:target": "eks", "aws:region": "us-east-1", "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["198.51.100.0/24"] } };
const k3s = { "forja:target": "k3s" };

describe("forja:milvus", () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ["the development preset in a production stack", { ...eks, "forja:milvus": { preset: "development" } }, /forja:milvus\.preset = "development" in a production stack: expected "production"/],
    ["protection off in a production stack", { ...eks, "forja:milvus": { protect: false } }, /forja:milvus\.protect = false in a production stack: expected true/],
    ["Milvus on ACI", { "forja:target": "aci", "azure-native:location": "eastus", "forja:milvus": {} }, /forja:milvus is set but forja:target is "aci"/],
    ["an external Kafka without brokers", { ...k3s, "forja:milvus": { messageQueue: "external-kafka" } }, /forja:milvus\.externalKafka is missing/],
    ["an empty broker list", { ...k3s, "forja:milvus": { messageQueue: "external-kafka", externalKafka: { brokers: [] } } }, /forja:milvus\.externalKafka\.brokers = \[\]/],
    ["plain-text Kafka", { ...k3s, "forja:milvus": { messageQueue: "external-kafka", externalKafka: { brokers: ["b:9092"], securityProtocol: "PLAINTEXT" } } }, /forja:milvus\.externalKafka\.securityProtocol = "PLAINTEXT"/],
    ["zero replicas", { ...k3s, "forja:milvus": { components: { dataNode: { replicas: 0 } } } }, /forja:milvus\.components\.dataNode\.replicas = 0/],
    ["an unknown component", { ...k3s, "forja:milvus": { components: { pulsar: { replicas: 1 } } } }, /forja:milvus\.components/],
    ["an unknown storage", { ...k3s, "forja:milvus": { storage: "gcs" } }, /forja:milvus\.storage = "gcs"/],
    ["a misspelt key", { ...k3s, "forja:milvus": { presets: "development" } }, /forja:milvus\.presets is not a known key/],
    [
      "more etcd members without existing-cluster mode",
      { ...eks, "forja:milvus": { components: { etcd: { replicas: 5 } } } },
      /forja:milvus\.components\.etcd\.replicas = 5: expected 3, the etcd members the cluster was created with/,
    ],
    ["a bigger Kafka volume", { ...eks, "forja:milvus": { components: { kafka: { storageSize: "200Gi" } } } }, /forja:milvus\.components\.kafka\.storageSize = "200Gi": expected "100Gi".*expand each PVC/],
    ["metrics open to every pod of the cluster", { ...k3s, "forja:milvus": { metricsSources: [{ namespaceLabels: {} }] } }, /forja:milvus\.metricsSources\[0\]/],
  ])("rejects %s", (_label, values, expected) => {
    expect(problemsOf(values).join("\n")).toMatch(expected);
  });

  it("takes the preset and protection from the environment, and the rest from the component's defaults", () => {
    const dev = parseStackConfig(source({ ...k3s, "forja:milvus": {} }));
    const prod = parseStackConfig(source({ ...eks, "forja:milvus": {} }));
    expect(dev.target === "k3s" && dev.milvus).toEqual({ namespace: "milvus", messageQueue: "kafka", access: "cluster-ip", serviceMonitor: false, components: {} });
    // The stack's own workloads (forja:namespace) are Milvus's clients unless the config names others.
    const cluster = k3sCapabilities({});
    const devArgs = milvusArgs(dev.target === "k3s" ? dev.milvus! : ({} as never), "development", cluster, {}, "forja");
    expect(devArgs).toMatchObject({ preset: "development", protect: false, namespace: "milvus", clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "forja" } }] });
    expect(milvusArgs(prod.target === "eks" ? prod.milvus! : ({} as never), "production", cluster, {}, "forja")).toMatchObject({ preset: "production", protect: true });
    // The component then resolves what the config left open: MinIO on a cluster without a region.
    expect(planMilvusCluster("milvus", devArgs).storage).toBe("minio");
  });

  it("passes the recorded creation layout, etcd's cluster mode, named sources and ServiceMonitor labels through to the component", () => {
    const config = parseStackConfig(
      source({
        ...eks,
        "forja:milvus": {
          createdWith: { etcdReplicas: 3, storageSize: { kafka: "200Gi" } },
          components: { etcd: { replicas: 5, clusterState: "existing" }, kafka: { storageSize: "200Gi" } },
          clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" } }],
          metricsSources: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" }, podLabels: { "app.kubernetes.io/name": "prometheus" } }],
          serviceMonitor: true,
          serviceMonitorLabels: { release: "kube-prometheus-stack" },
        },
      }),
    );
    const plan = planMilvusCluster("milvus", milvusArgs(config.target === "eks" ? config.milvus! : ({} as never), "production", k3sCapabilities({}), {}, "forja"));
    expect(plan).toMatchObject({
      etcdClusterState: "existing",
      clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" } }],
      metricsSources: [{ podLabels: { "app.kubernetes.io/name": "prometheus" } }],
      serviceMonitorLabels: { release: "kube-prometheus-stack" },
    });
    expect(plan.components.etcd.replicas).toBe(5);
    expect(plan.components.kafka.storageSize).toBe("200Gi");
  });
});
