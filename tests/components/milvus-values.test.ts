/**
 * The milvus-helm chart has no values schema: Helm silently ignores a key it
 * does not know, so a misspelt key would quietly fall back to the chart's
 * default (Pulsar, minioadmin...). Every key Forja sets must exist in the
 * chart's or a subchart's values.yaml at the pinned version.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { MilvusClusterArgs } from "../../components/milvus";
import { MILVUS_CHART } from "../../components/milvus/defaults";
import { planMilvusCluster } from "../../components/milvus/validate";
import { renderValues } from "../../components/milvus/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { REPO_ROOT, EKS_CAPABILITIES } from "../harness";

type Tree = Record<string, unknown>;
const FIXTURES = join(REPO_ROOT, "tests", "fixtures", "charts", `milvus-${MILVUS_CHART.version}`);
const load = (file: string) => parse(readFileSync(join(FIXTURES, file), "utf8")) as Tree;

const CHART = load("values.yaml");
/** Subcharts by their path in the parent's values. */
const SUBCHARTS: [string[], Tree][] = [
  [["etcd"], load("subchart-etcd-6.3.3.values.yaml")],
  [["kafka"], load("subchart-kafka-15.5.1.values.yaml")],
  [["kafka", "zookeeper"], load("subchart-kafka-zookeeper.values.yaml")],
  [["minio"], load("subchart-minio-8.0.17.values.yaml")],
];

/**
 * Objects the templates render whole (`toYaml`), so any Kubernetes field is
 * valid beneath them even though values.yaml lists only a few:
 * - Bitnami `{{ omit .Values.podSecurityContext "enabled" | toYaml }}` and the same for
 *   containerSecurityContext (etcd, kafka, zookeeper statefulset.yaml);
 * - MinIO `{{ toYaml .Values.resources }}` (statefulset.yaml), whose default lists only memory.
 */
const RENDERED_WHOLE = new Set([
  "etcd.podSecurityContext",
  "etcd.containerSecurityContext",
  "kafka.podSecurityContext",
  "kafka.containerSecurityContext",
  "kafka.zookeeper.podSecurityContext",
  "kafka.zookeeper.containerSecurityContext",
  "minio.resources",
]);
/** Read by templates/proxy-deployment.yaml but documented only in a comment of values.yaml. */
const TEMPLATE_ONLY = new Set(["proxy.volumes", "proxy.volumeMounts"]);

/** Leaf paths of a values tree; arrays and scalars are leaves (lists are replaced whole). */
function leaves(tree: unknown, path: string[] = []): string[][] {
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) return [path];
  const entries = Object.entries(tree as Tree);
  if (entries.length === 0) return [path];
  return entries.flatMap(([key, value]) => leaves(value, [...path, key]));
}

/** Whether a chart tree accepts a path: the key exists, or an ancestor is free-form (`{}`, a list, null). */
function accepts(tree: Tree, path: string[]): boolean {
  let node: unknown = tree;
  for (const key of path) {
    if (node === null || Array.isArray(node)) return true;
    if (typeof node !== "object") return false;
    const object = node as Tree;
    if (Object.keys(object).length === 0) return true;
    if (!(key in object)) return false;
    node = object[key];
  }
  return true;
}

/** Keys Forja sets that neither the chart nor any subchart knows. */
function unknownKeys(values: Tree): string[] {
  return leaves(values)
    .filter((path) => {
      const dotted = path.join(".");
      if (TEMPLATE_ONLY.has(dotted) || [...RENDERED_WHOLE].some((prefix) => dotted.startsWith(`${prefix}.`))) return false;
      if (accepts(CHART, path)) return false;
      return !SUBCHARTS.some(([at, tree]) => at.every((key, i) => path[i] === key) && accepts(tree, path.slice(at.length)));
    })
    .map((path) => path.join("."));
}

const eks: ClusterCapabilities = EKS_CAPABILITIES;
const overrides = { nodeSelector: { pool: "data" }, tolerations: [{ key: "dedicated", value: "milvus", effect: "NoSchedule" as const }] };

/** Every branch of the renderer: both storages, both queues, both presets, TLS, Attu, overrides everywhere. */
const CONFIGURATIONS: [string, MilvusClusterArgs][] = [
  ["production on EKS: S3, Kafka", { cluster: eks, serviceMonitor: true, metricsSources: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }], components: { queryNode: overrides, etcd: overrides, kafka: overrides, zookeeper: overrides } }],
  ["development on K3s: MinIO, Attu", { cluster: k3sCapabilities({}), preset: "development", attu: {}, components: { minio: { ...overrides, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "2Gi", cpu: "2" } } } } }],
  [
    "active-standby coordinators, etcd joining an existing cluster, ServiceMonitor labels",
    {
      cluster: eks,
      serviceMonitor: true,
      serviceMonitorLabels: { release: "prometheus" },
      metricsSources: [{ namespaceLabels: { "kubernetes.io/metadata.name": "monitoring" } }],
      components: { mixCoordinator: { replicas: 2 }, etcd: { replicas: 5, clusterState: "existing" } },
    },
  ],
  ["external Kafka with a private CA", { cluster: eks, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1:9094"], caCertificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" } }],
  ["external Kafka with SASL, TLS on the proxy", { cluster: eks, messageQueue: "external-kafka", externalKafka: { brokers: ["b-1:9096"], securityProtocol: "SASL_SSL", saslUsername: "u", saslPassword: "p" }, tls: { secretName: "cert" } }],
];

describe(`every values key Forja sets exists in milvus-helm ${MILVUS_CHART.version}`, () => {
  it.each(CONFIGURATIONS)("%s", (_label, args) => {
    const values = renderValues(planMilvusCluster("milvus", args), { bucketName: "bucket" });
    expect(leaves(values).length).toBeGreaterThan(100);
    expect(unknownKeys(values)).toEqual([]);
  });

  it("catches a misspelt key, in the chart and in a subchart", () => {
    expect(unknownKeys({ pulsarV3: { enabled: false }, etcd: { replicaCout: 3, persistence: { size: "1Gi" } }, kafka: { zookeeper: { replicaCount: 3, heapSizeMiB: 512 } } })).toEqual([
      "pulsarV3.enabled",
      "etcd.replicaCout",
      "kafka.zookeeper.heapSizeMiB",
    ]);
  });

  it("accepts free-form objects the chart leaves empty, and nothing under a scalar", () => {
    expect(unknownKeys({ queryNode: { nodeSelector: { anything: "x" } }, minio: { resources: { requests: { cpu: "1" } } } })).toEqual([]);
    expect(unknownKeys({ cluster: { enabled: { deep: true } } })).toEqual(["cluster.enabled.deep"]);
  });
});
