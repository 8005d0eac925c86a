/**
 * Which arg changes would replace what holds Milvus's data. Pulumi replaces a
 * Namespace when its name changes (deleting every volume claim in it) and a
 * bucket when its name changes; volume claims belong to the chart's
 * StatefulSets, found by namespace and release name, and survive a StatefulSet
 * being updated or even replaced. MinIO's erasure layout is its pod count.
 */
import { MilvusCluster } from "../../components/milvus";
import type { MilvusClusterArgs } from "../../components/milvus";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { onCluster, record, EKS_CAPABILITIES } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const eks: ClusterCapabilities = EKS_CAPABILITIES;
const base: MilvusClusterArgs = { cluster: eks, namespace: "milvus", preset: "production" };

/** What must stay the same for no data to move: namespace, bucket, release, and which volumes exist in which layout. */
async function dataIdentity(args: MilvusClusterArgs): Promise<Obj> {
  const recorded = await record(() => new MilvusCluster("milvus", args, onCluster()));
  const chart = recorded.one("kubernetes:helm.sh/v4:Chart").inputs as Obj;
  // The data bucket, not its access-log bucket.
  const bucket = recorded.ofType("aws:s3/bucket:Bucket").find((b) => !b.name.endsWith("-access-logs"));
  const values = chart.values;
  return {
    namespace: (recorded.one("kubernetes:core/v1:Namespace").inputs as Obj).metadata.name,
    bucket: bucket ? `${bucket.name}:${(bucket.inputs as Obj).bucket ?? "(auto-named once)"}` : null,
    release: `${chart.namespace}/${chart.name}`,
    volumes: {
      etcd: values.etcd.enabled,
      kafka: values.kafka.enabled,
      minio: values.minio.enabled ? `${values.minio.mode} x${values.minio.replicas}` : false,
    },
  };
}

const CHANGES: [string, boolean, Partial<MilvusClusterArgs>][] = [
  ["more data nodes and brokers", false, { components: { dataNode: { replicas: 4 }, kafka: { replicas: 5 } } }],
  // Allowed only in existing-cluster mode, where new members join (milvus.test.ts proves the refusal otherwise).
  ["more etcd members joining the running cluster", false, { components: { etcd: { replicas: 5, clusterState: "existing" } } }],
  ["bigger query nodes", false, { components: { queryNode: { resources: { requests: { cpu: "4", memory: "16Gi" }, limits: { memory: "32Gi" } } } } }],
  ["the development preset", false, { preset: "development" }],
  ["node selectors and tolerations", false, { components: { etcd: { nodeSelector: { pool: "data" }, tolerations: [{ key: "dedicated", operator: "Exists" }] } } }],
  ["a newer Milvus image", false, { images: { milvus: "docker.io/milvusdb/milvus:v2.5.28" } }],
  ["an internal NLB and Attu", false, { access: "internal-load-balancer", attu: {} }],
  ["another namespace", true, { namespace: "vectors" }],
  ["a named bucket", true, { s3: { bucketName: "acme-milvus" } }],
  ["MinIO instead of S3", true, { storage: "minio" }],
  ["an external Kafka", true, { messageQueue: "external-kafka", externalKafka: { brokers: ["b-1.msk:9094"] } }],
];

describe("data safety: which arg changes replace stateful resources", () => {
  let before: Obj;
  beforeAll(async () => {
    before = await dataIdentity(base);
  });

  it.each(CHANGES)("%s -> replaces data holders: %s", async (_label, replaces, change) => {
    const after = await dataIdentity({ ...base, ...change });
    expect(JSON.stringify(after) !== JSON.stringify(before)).toBe(replaces);
  });

  it("keeps MinIO's erasure layout across presets, and shows that its pod count is part of the data", async () => {
    const minio = { ...base, storage: "minio" as const };
    const production = await dataIdentity(minio);
    expect(await dataIdentity({ ...minio, preset: "development" })).toEqual(production);
    expect((await dataIdentity({ ...minio, components: { minio: { replicas: 8 } } })).volumes.minio).toBe("distributed x8");
  });
});
