import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

/** Sizes and counts: the seed's topology, or one of each for a laptop. */
export const MilvusPreset = { Production: "production", Development: "development" } as const;
export type MilvusPreset = (typeof MilvusPreset)[keyof typeof MilvusPreset];

/** Where Milvus keeps segments and indexes. */
export const MilvusStorage = {
  /** In-cluster MinIO (distributed, 4 pods) with generated credentials. */
  Minio: "minio",
  /** An S3 bucket the component creates, reached through an IRSA role (EKS). */
  S3: "s3",
} as const;
export type MilvusStorage = (typeof MilvusStorage)[keyof typeof MilvusStorage];

/** Milvus's write-ahead log. Pulsar (the chart's default) is never used. */
export const MilvusMessageQueue = {
  /** Kafka and ZooKeeper in the cluster. */
  Kafka: "kafka",
  /** An existing Kafka such as Amazon MSK, over TLS. */
  ExternalKafka: "external-kafka",
} as const;
export type MilvusMessageQueue = (typeof MilvusMessageQueue)[keyof typeof MilvusMessageQueue];

/** How clients reach the proxy. */
export const MilvusAccess = {
  ClusterIp: "cluster-ip",
  /** An internal Network Load Balancer (EKS, through the AWS Load Balancer Controller). */
  InternalLoadBalancer: "internal-load-balancer",
} as const;
export type MilvusAccess = (typeof MilvusAccess)[keyof typeof MilvusAccess];

/** Transport to an external Kafka: TLS always. */
export const KafkaSecurityProtocol = { Ssl: "SSL", SaslSsl: "SASL_SSL" } as const;
export type KafkaSecurityProtocol = (typeof KafkaSecurityProtocol)[keyof typeof KafkaSecurityProtocol];

export const KafkaSaslMechanism = { ScramSha512: "SCRAM-SHA-512", ScramSha256: "SCRAM-SHA-256", Plain: "PLAIN" } as const;
export type KafkaSaslMechanism = (typeof KafkaSaslMechanism)[keyof typeof KafkaSaslMechanism];

/**
 * How etcd members start. Under a Pulumi v4 Chart every update renders as a
 * fresh install, so the chart's own switch (`.Release.IsInstall`) would say
 * "new" forever: Forja needs to be told once the cluster exists.
 */
export const EtcdClusterState = {
  /** Bootstrap a cluster from the listed members: the first install only. */
  New: "new",
  /** Members join the running cluster (`etcdctl member add`): every update after the first install. */
  Existing: "existing",
} as const;
export type EtcdClusterState = (typeof EtcdClusterState)[keyof typeof EtcdClusterState];

export const TolerationOperator = { Equal: "Equal", Exists: "Exists" } as const;
export type TolerationOperator = (typeof TolerationOperator)[keyof typeof TolerationOperator];

export const TolerationEffect = { NoSchedule: "NoSchedule", PreferNoSchedule: "PreferNoSchedule", NoExecute: "NoExecute" } as const;
export type TolerationEffect = (typeof TolerationEffect)[keyof typeof TolerationEffect];

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type MilvusResourcesArgs = Resources;

export interface MilvusTolerationArgs {
  /** @default unset (every key, with operator Exists) */
  key?: string;
  /** @default "Equal" */
  operator?: TolerationOperator;
  /** @default unset */
  value?: string;
  /** @default unset (every effect) */
  effect?: TolerationEffect;
  /** NoExecute only: seconds the pod stays bound after the taint appears (integer). @default unset (forever) */
  tolerationSeconds?: number;
}

/** Scheduling and size of one Milvus component (a Deployment). */
export interface MilvusComponentArgs {
  /** Pods (integer >= 1). @default the preset's */
  replicas?: number;
  /** @default the preset's */
  resources?: Resources;
  /** Node labels the pods require. @default {} */
  nodeSelector?: Record<string, string>;
  /** @default [] */
  tolerations?: MilvusTolerationArgs[];
}

/** Scheduling, size and volume of a stateful dependency (a StatefulSet). */
export interface MilvusStatefulComponentArgs extends MilvusComponentArgs {
  /**
   * Volume per pod, e.g. "100Gi", fixed when the StatefulSet is created: it
   * must equal `createdWith.storageSize` (a StatefulSet's volumeClaimTemplates
   * are immutable; grow volumes in place by expanding their PVCs, see the runbook).
   * @default the preset's
   */
  storageSize?: string;
}

/** etcd: a StatefulSet whose members form a quorum. */
export interface MilvusEtcdArgs extends MilvusStatefulComponentArgs {
  /**
   * "new" for the first install; "existing" once etcd runs, so a member with an
   * empty volume (added, or replaced after its volume was lost) joins the cluster
   * instead of bootstrapping a second one. Changing `replicas` away from
   * `createdWith.etcdReplicas` requires "existing". @default "new"
   */
  clusterState?: EtcdClusterState;
}

/** Volume size per pod, per StatefulSet, e.g. { kafka: "100Gi" }. */
export interface MilvusStorageSizes {
  /** @default the preset's */
  etcd?: string;
  /** @default the preset's */
  kafka?: string;
  /** @default the preset's */
  zookeeper?: string;
  /** @default the preset's */
  minio?: string;
}

/**
 * What the stateful pieces were first created with. Forja reads no state and
 * every update renders as a fresh install, so this record is how it tells a
 * change after creation (refused: see `components.*.storageSize` and
 * `components.etcd.clusterState`) from a first install. Record here any value a
 * stack was created with that differs from its preset, and record the old
 * preset's values before switching a running stack's preset (the defaults
 * follow the preset).
 */
export interface MilvusCreatedWithArgs {
  /** etcd members at creation (odd). @default the preset's */
  etcdReplicas?: number;
  /** Volume size per pod at creation, per StatefulSet. @default the preset's */
  storageSize?: MilvusStorageSizes;
}

export interface MilvusComponentsArgs {
  /** @default the preset's */
  proxy?: MilvusComponentArgs;
  /** More than one replica runs active-standby (one active, the others waiting on etcd). @default the preset's */
  mixCoordinator?: MilvusComponentArgs;
  /** @default the preset's */
  dataNode?: MilvusComponentArgs;
  /** @default the preset's */
  indexNode?: MilvusComponentArgs;
  /** @default the preset's */
  queryNode?: MilvusComponentArgs;
  /** Replicas must be odd (quorum). @default the preset's */
  etcd?: MilvusEtcdArgs;
  /** In-cluster Kafka brokers. @default the preset's */
  kafka?: MilvusStatefulComponentArgs;
  /** Replicas must be odd (quorum). @default the preset's */
  zookeeper?: MilvusStatefulComponentArgs;
  /** Distributed MinIO: at least 4 pods. @default the preset's */
  minio?: MilvusStatefulComponentArgs;
}

/** Image overrides, each pinned to a tag or digest; every one is rewritten through `cluster.imageMirrors`. */
export interface MilvusImagesArgs {
  /** @default "docker.io/milvusdb/milvus:v2.5.27" */
  milvus?: string;
  /** @default "docker.io/milvusdb/etcd:3.5.18-r1" */
  etcd?: string;
  /** @default "docker.io/bitnamilegacy/kafka:3.1.0" */
  kafka?: string;
  /** @default "docker.io/bitnamilegacy/zookeeper:3.7.0" */
  zookeeper?: string;
  /** @default "quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z" */
  minio?: string;
  /** @default "docker.io/zilliz/attu:v2.5.3" */
  attu?: string;
  /** The etcd backup's uploader. @default "public.ecr.aws/aws-cli/aws-cli:2.27.0" */
  awsCli?: string;
}

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

/** The S3 bucket created in S3 mode. */
export interface MilvusS3Args {
  /** Exact bucket name. Changing it replaces the bucket. @default auto-named from the component name */
  bucketName?: string;
  /** Prefix of every object Milvus writes. @default "milvus" */
  rootPath?: string;
  /**
   * A customer-managed KMS key for SSE-KMS; the role may then use it through
   * S3 only. @default the account's AWS-managed key for S3 (aws/s3)
   */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days a deleted or overwritten object version is kept (integer >= 1). @default 30 */
  noncurrentVersionExpirationDays?: number;
}

/** An existing Kafka, e.g. Amazon MSK (TLS listener: port 9094; SASL/SCRAM: 9096). */
export interface MilvusExternalKafkaArgs {
  /** host:port of each bootstrap broker. */
  brokers: string[];
  /** @default "SSL" */
  securityProtocol?: KafkaSecurityProtocol;
  /** SASL_SSL only. @default "SCRAM-SHA-512" */
  saslMechanism?: KafkaSaslMechanism;
  /** SASL_SSL only. @default unset */
  saslUsername?: pulumi.Input<string>;
  /** SASL_SSL only; kept as a secret and delivered through a Kubernetes Secret. @default unset */
  saslPassword?: pulumi.Input<string>;
  /**
   * PEM certificate(s) of the CA that signed the brokers' certificates, for a
   * private CA. Amazon MSK's certificates chain to public roots the image
   * already trusts. @default unset (the image's system trust store)
   */
  caCertificate?: pulumi.Input<string>;
}

/** TLS on the proxy's gRPC port: an existing kubernetes.io/tls Secret in the namespace, or a certificate to store in one. */
export interface MilvusTlsArgs {
  /** Name of an existing kubernetes.io/tls Secret in Milvus's namespace. @default unset */
  secretName?: string;
  /** PEM certificate chain (with certificate and privateKey instead of secretName). @default unset */
  certificate?: pulumi.Input<string>;
  /** PEM private key; kept as a secret. @default unset */
  privateKey?: pulumi.Input<string>;
}

/**
 * A CronJob that saves an etcd snapshot (`etcdctl snapshot save`) into the
 * stack's Milvus bucket under `etcd-snapshots/`, through a role that may only
 * write there. S3 storage only: with MinIO the snapshot would live in the same
 * cluster it is meant to outlive.
 */
export interface MilvusEtcdBackupArgs {
  /** @default true with storage "s3" (and refused otherwise) */
  enabled?: boolean;
  /** Cron schedule, in the cluster's time zone (UTC on EKS). @default "17 3 * * *" */
  schedule?: string;
  /** Days a snapshot is kept before the bucket's lifecycle deletes it (integer >= 1). @default 14 */
  retentionDays?: number;
}

/** The Attu web UI, routed through the cluster's ingress. */
export interface MilvusAttuArgs {
  /** Host name to match. @default every host */
  host?: string;
  /** @default "/" */
  path?: string;
}

export interface MilvusClusterArgs {
  /** Capabilities of the cluster it runs on (from EksCluster or K3sCluster). */
  cluster: ClusterCapabilities;
  /** Namespace the component creates for Milvus. @default the component's name */
  namespace?: string;
  /** @default "production" */
  preset?: MilvusPreset;
  /** @default "s3" on a cloud cluster (`cluster.region` set), else "minio" */
  storage?: MilvusStorage;
  /** S3 mode only. @default {} */
  s3?: MilvusS3Args;
  /** @default "kafka" */
  messageQueue?: MilvusMessageQueue;
  /** Required with messageQueue "external-kafka". @default unset */
  externalKafka?: MilvusExternalKafkaArgs;
  /** Per-component overrides of the preset. @default {} */
  components?: MilvusComponentsArgs;
  /** @default the pinned images in defaults.ts */
  images?: MilvusImagesArgs;
  /** Daily etcd snapshots to the bucket (S3 storage). @default on with storage "s3" */
  etcdBackup?: MilvusEtcdBackupArgs;
  /** @default "cluster-ip" */
  access?: MilvusAccess;
  /** internal-load-balancer only: CIDRs that may connect. @default the cluster's ingress source CIDRs (the VPC on EKS) */
  loadBalancerSourceRanges?: string[];
  /**
   * Pods (or CIDRs) that may reach the proxy's gRPC port 19530, besides Milvus's own
   * namespace. @default [] (only pods in Milvus's namespace; the Forja program passes its workload namespace)
   */
  clients?: Peer[];
  /**
   * Pods that may scrape metrics on 9091 (e.g. Prometheus). Milvus serves
   * management endpoints on that port without authentication, so keep it narrow.
   * @default [] (no one outside Milvus's namespace)
   */
  metricsSources?: Peer[];
  /** TLS on the proxy. @default unset (plain gRPC inside the cluster) */
  tls?: MilvusTlsArgs;
  /** Deploy Attu behind the cluster's ingress. @default unset (no Attu) */
  attu?: MilvusAttuArgs;
  /** A ServiceMonitor for the Prometheus operator (its CRDs must be installed); needs `metricsSources`. @default false */
  serviceMonitor?: boolean;
  /** Labels on the ServiceMonitor, e.g. the `release` a Prometheus selects on; serviceMonitor only. @default {} */
  serviceMonitorLabels?: Record<string, string>;
  /** What the stateful pieces were first created with (see MilvusCreatedWithArgs). @default the preset's */
  createdWith?: MilvusCreatedWithArgs;
  /** Protect (and retain on delete) the namespace, bucket and credentials. @default true */
  protect?: boolean;
  /** A mirror of the milvus-helm chart repository. @default "https://zilliztech.github.io/milvus-helm/" */
  chartRepository?: string;
  /** Raw chart values merged over Forja's (an escape hatch; keys are not checked). @default {} */
  values?: ChartValuesOverride;
  /** Tags on the AWS resources (bucket, role). @default {} */
  tags?: Record<string, string>;
}
