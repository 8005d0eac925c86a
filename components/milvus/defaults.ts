import type { Resources } from "../core/resources";
/**
 * Pinned versions, presets and the names Milvus's chart and image expect.
 * Chart 4.2.57 ships Milvus v2.5.15; Forja runs v2.5.27 through the chart's
 * image override (same 2.5 config keys). 5.x is Milvus 2.6 (index nodes
 * removed, streaming by default), a different upgrade path.
 */
import type { ChartReference } from "../helm/chart";
import type { MilvusPreset } from "./args";

export const MILVUS_CHART: ChartReference = {
  chart: "milvus",
  version: "4.2.57",
  repository: "https://zilliztech.github.io/milvus-helm/",
};

/**
 * Every image the rendered pods run. Milvus v2.5.27 is the first 2.5 release
 * fixing both CVE-2025-64513 (proxy authentication bypass, fixed in 2.5.21)
 * and CVE-2026-26190 (unauthenticated management API and `/expr` on 9091).
 * Pinned by tag: no upstream source publishes its digest (mirror it to ECR and
 * pin the digest there). The seed's `bitnami/kafka:3.1.0-debian-10-r52`
 * and `bitnami/zookeeper:3.7.0-debian-10-r320` no longer pull (Bitnami moved
 * versioned tags to `bitnamilegacy` on 2025-08-28); these are the tags newer
 * milvus-helm releases use. Both are amd64-only. MinIO stopped publishing
 * images in Oct 2025 and Docker Hub dropped `minio/minio`: quay.io still serves
 * the last release. Its CVE-2025-62506 lets a service-account or STS session
 * escape its session policy; Forja's MinIO has neither (one generated root
 * credential, reachable only from Milvus's namespace).
 */
export const MILVUS_IMAGES = {
  milvus: "docker.io/milvusdb/milvus:v2.5.27",
  etcd: "docker.io/milvusdb/etcd:3.5.18-r1",
  kafka: "docker.io/bitnamilegacy/kafka:3.1.0",
  zookeeper: "docker.io/bitnamilegacy/zookeeper:3.7.0",
  minio: "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z",
  attu: "docker.io/zilliz/attu:v2.5.3",
  /** The same AWS CLI Airflow's S3 sync runs. */
  awsCli: "public.ecr.aws/aws-cli/aws-cli:2.27.0",
} as const;

export const MILVUS_DEFAULTS = {
  preset: "production",
  messageQueue: "kafka",
  access: "cluster-ip",
  serviceMonitor: false,
  protect: true,
  /** One release per namespace: object names are `milvus-*` (the Service is `milvus`). */
  releaseName: "milvus",
  /** Milvus's built-in administrator; the Secret holds only its password (the name is no secret). */
  rootUser: "root",
  s3RootPath: "milvus",
  noncurrentVersionExpirationDays: 30,
  /** Incomplete multipart uploads (a crashed flush) are aborted after this many days. */
  abortIncompleteUploadDays: 7,
  attuPath: "/",
  externalKafkaProtocol: "SSL",
  externalKafkaSaslMechanism: "SCRAM-SHA-512",
  /** Generated secrets: long, alphanumeric (Milvus caps passwords at 72 bytes; MinIO wants >= 8). */
  passwordLength: 32,
  minioAccessKeyLength: 20,
  /** A zone may fail; the stateful quorum must not all land in one. */
  zoneKey: "topology.kubernetes.io/zone",
  hostKey: "kubernetes.io/hostname",
  archKey: "kubernetes.io/arch",
} as const;

/**
 * The etcd backup CronJob: the etcd image's own etcdctl saves a snapshot into
 * a scratch volume (at most the 4 GiB backend quota), then the AWS CLI uploads it.
 */
export const ETCD_BACKUP = {
  schedule: "17 3 * * *",
  retentionDays: 14,
  prefix: "etcd-snapshots",
  etcdctl: "/opt/bitnami/etcd/bin/etcdctl",
  scratchLimit: "5Gi",
  /** A snapshot of a 4 GiB etcd takes minutes; a stuck run never blocks the next. */
  deadlineSeconds: 1800,
} as const;

export const MILVUS_PORTS = { grpc: 19530, metrics: 9091, attu: 3000 } as const;

/** Labels the etcd subchart (6.3.3) puts on its pods (`common.labels.matchLabels`): Forja's own PDB selects on them. */
export const ETCD_SELECTOR = { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": MILVUS_DEFAULTS.releaseName } as const;

/** Where every Milvus container finds the external Kafka's CA (a ConfigMap: a CA certificate is public). */
export const KAFKA_CA_PATH = "/etc/milvus/kafka-ca";
export const KAFKA_CA_KEY = "ca.crt";

/** Labels the chart puts on Milvus pods (`milvus.matchLabels` + `component`). */
export const MILVUS_COMPONENT_LABELS = {
  proxy: "proxy",
  mixCoordinator: "mixcoord",
  dataNode: "datanode",
  indexNode: "indexnode",
  queryNode: "querynode",
  attu: "attu",
} as const;

/**
 * Milvus reads environment variables over its config files (EnvSource has a
 * higher priority than FileSource); a variable's name is the config key upper-cased
 * with the dots dropped. Credentials arrive this way, from Secrets, so the
 * chart's ConfigMap never holds them.
 */
export const MILVUS_ENV = {
  rootPassword: "COMMON_SECURITY_DEFAULTROOTPASSWORD",
  minioAccessKey: "MINIO_ACCESSKEYID",
  minioSecretKey: "MINIO_SECRETACCESSKEY",
  kafkaSaslUsername: "KAFKA_SASLUSERNAME",
  kafkaSaslPassword: "KAFKA_SASLPASSWORD",
} as const;

/** Keys of the Secrets Forja creates. MinIO's are the subchart's `existingSecret` keys. */
export const SECRET_KEYS = {
  password: "password",
  minioAccessKey: "accesskey",
  minioSecretKey: "secretkey",
  saslUsername: "sasl-username",
  saslPassword: "sasl-password",
} as const;

/**
 * Pod identities. Milvus v2.5 images grant the root group (gid 0) what they
 * grant root, the OpenShift convention (milvus#30937): any non-root uid with gid
 * 0 runs them. The Bitnami images run as 1001; the MinIO subchart uses 1000.
 */
export const RUN_AS = {
  milvus: { user: 1000, group: 0 },
  bitnami: { user: 1001, group: 1001 },
  minio: { user: 1000, group: 1000 },
} as const;

/** The image's /var/lib/milvus is root-owned; the chart mounts scratch only on query and index nodes. */
export const MILVUS_LOCAL_PATH = "/var/lib/milvus";
export const PROXY_CERT_PATH = "/etc/milvus/certs";

export interface ComponentPreset extends Resources {
  replicas: number;
  storageSize?: string;
}

export interface PresetSpec {
  proxy: ComponentPreset;
  mixCoordinator: ComponentPreset;
  dataNode: ComponentPreset;
  indexNode: ComponentPreset;
  queryNode: ComponentPreset;
  etcd: ComponentPreset;
  kafka: ComponentPreset;
  zookeeper: ComponentPreset;
  minio: ComponentPreset;
  /** Kafka JVM heap in MiB: the chart's 4 GiB would not fit the preset's pods. */
  kafkaHeapMiB: number;
  /** ZooKeeper JVM heap in MiB. */
  zookeeperHeapMiB: number;
  /** Spread pods across zones (production) or not (a one-node laptop). */
  zoneSpread: boolean;
}

/**
 * production: seed 000's topology (DataNode x2, IndexNode, QueryNode,
 * MixCoord, Proxy; etcd x3; Kafka x3 + ZooKeeper x3; MinIO x4), sized for a
 * small collection set (a few million 768-d vectors) so that it shares three
 * m6i.xlarge with Airflow: about 3.65 vCPU and 13.5 GiB requested with S3.
 * Requests are what each process needs at rest; memory limits leave room to
 * grow, and no CPU limits, so index builds and queries burst into idle CPU:
 * - proxy, mixCoordinator: routing and metadata only, 250m / 512Mi.
 * - dataNode: buffers inserts before flushing segments, 250m / 1Gi each.
 * - indexNode: builds indexes in bursts, 500m / 1Gi, 8Gi limit.
 * - queryNode: holds loaded segments and their indexes in memory; its memory
 *   request is the one to raise with the data loaded, 500m / 2Gi, 8Gi limit.
 * - etcd: metadata only (4 GiB quota), 200m / 512Mi.
 * - Kafka: 1 GiB heap, the rest page cache, 250m / 1.5Gi.
 * - ZooKeeper: Kafka's controller state only, 256 MiB heap, 100m / 512Mi.
 * Storage sizes are part of what each StatefulSet was created with: they
 * never change here (see `createdWith`). development: one of each. MinIO keeps
 * 4 pods in both: its erasure layout cannot change under existing data.
 */
export const MILVUS_PRESETS: Record<MilvusPreset, PresetSpec> = {
  production: {
    proxy: { replicas: 1, requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "2Gi" } },
    mixCoordinator: { replicas: 1, requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "2Gi" } },
    dataNode: { replicas: 2, requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "4Gi" } },
    indexNode: { replicas: 1, requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "8Gi" } },
    queryNode: { replicas: 1, requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "8Gi" } },
    etcd: { replicas: 3, requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "4Gi" }, storageSize: "10Gi" },
    kafka: { replicas: 3, requests: { cpu: "250m", memory: "1536Mi" }, limits: { memory: "2Gi" }, storageSize: "100Gi" },
    zookeeper: { replicas: 3, requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "768Mi" }, storageSize: "8Gi" },
    minio: { replicas: 4, requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "4Gi" }, storageSize: "500Gi" },
    kafkaHeapMiB: 1024,
    zookeeperHeapMiB: 256,
    zoneSpread: true,
  },
  development: {
    proxy: { replicas: 1, requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
    mixCoordinator: { replicas: 1, requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
    dataNode: { replicas: 1, requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "1Gi" } },
    indexNode: { replicas: 1, requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "2Gi" } },
    queryNode: { replicas: 1, requests: { cpu: "100m", memory: "512Mi" }, limits: { memory: "2Gi" } },
    etcd: { replicas: 1, requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" }, storageSize: "2Gi" },
    kafka: { replicas: 1, requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1536Mi" }, storageSize: "5Gi" },
    zookeeper: { replicas: 1, requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "512Mi" }, storageSize: "1Gi" },
    minio: { replicas: 4, requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "512Mi" }, storageSize: "5Gi" },
    kafkaHeapMiB: 768,
    zookeeperHeapMiB: 256,
    zoneSpread: false,
  },
};

/** etcd: a 4 GiB backend quota and revision-based compaction (the chart's own tuning, kept explicit). */
export const ETCD_TUNING = {
  quotaBackendBytes: "4294967296",
  heartbeatIntervalMs: "500",
  electionTimeoutMs: "2500",
  autoCompactionMode: "revision",
  autoCompactionRetention: "1000",
} as const;

/** Kafka replicates each topic this many times at most (fewer with fewer brokers). */
export const KAFKA_MAX_REPLICATION = 3;
