/**
 * `forja:milvus`: one MilvusCluster (k3s and eks). Enums and defaults are the
 * component's; its own planner (every rule of MilvusClusterArgs) runs on the
 * args the program will pass, so its problems surface under forja:milvus.
 */
import { z } from "zod";
import { peerSchema, quantitySchema } from "./base";
import type { ForjaArgumentError } from "../../components/core/errors";
import type { MilvusClusterArgs } from "../../components/milvus";
import { EtcdClusterState, MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage, TolerationEffect, TolerationOperator } from "../../components/milvus/args";
import { MILVUS_DEFAULTS, MILVUS_PRESETS } from "../../components/milvus/defaults";
import { MILVUS_COMPONENTS, STATEFUL_COMPONENTS, planMilvusCluster } from "../../components/milvus/validate";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { Peer } from "../../components/core/peer";
import type { Environment, Target } from "./base";
import { namespaceCollision } from "./base";
import { componentProblems } from "./issues";

const enumOf = <T extends Record<string, string>>(e: T) => z.enum(Object.values(e) as [T[keyof T], ...T[keyof T][]]);
const quantity = quantitySchema;

const milvusComponent = z
  .object({
    replicas: z.number().int().min(1).optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict()
      .optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    tolerations: z
      .array(
        z
          .object({
            key: z.string().optional(),
            operator: enumOf(TolerationOperator).optional(),
            value: z.string().optional(),
            effect: enumOf(TolerationEffect).optional(),
            tolerationSeconds: z.number().int().min(0).optional(),
          })
          .strict(),
      )
      .optional(),
    storageSize: quantity.optional(),
    /** etcd only: "existing" once etcd runs (see MilvusEtcdArgs). */
    clusterState: enumOf(EtcdClusterState).optional(),
  })
  .strict();
const COMPONENT_NAMES = [...MILVUS_COMPONENTS, ...STATEFUL_COMPONENTS] as [string, ...string[]];
const labels = z.record(z.string(), z.string());

export const milvusSection = z
  .object({
    /** Namespace the MilvusCluster creates. @default "milvus" */
    namespace: z.string().default("milvus"),
    /** @default "production" in a production stack, else "development" */
    preset: enumOf(MilvusPreset).optional(),
    /** @default "s3" on eks, "minio" on k3s */
    storage: enumOf(MilvusStorage).optional(),
    /** S3 mode: exact bucket name. @default auto-named */
    bucketName: z.string().min(3).max(63).optional(),
    /** @default "kafka" */
    messageQueue: enumOf(MilvusMessageQueue).default(MILVUS_DEFAULTS.messageQueue),
    /** An existing Kafka (MSK's TLS listener): bootstrap brokers as host:port. */
    externalKafka: z
      .object({
        brokers: z.array(z.string().min(1)).min(1),
        securityProtocol: z.literal(MILVUS_DEFAULTS.externalKafkaProtocol).default(MILVUS_DEFAULTS.externalKafkaProtocol),
        /** PEM of a private CA that signed the brokers' certificates. @default unset (public roots, as MSK uses) */
        caCertificate: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** @default "cluster-ip" */
    access: enumOf(MilvusAccess).default(MILVUS_DEFAULTS.access),
    /** Attu UI behind the cluster's ingress. @default unset (no Attu) */
    attu: z.object({ host: z.string().min(1).optional(), path: z.string().startsWith("/").optional() }).strict().optional(),
    /** Who may reach 19530. @default the pods of the stack's workload namespace (forja:namespace) */
    clients: z.array(peerSchema).optional(),
    /** Who may scrape 9091 (e.g. Prometheus's namespace and pods). @default [] (no one outside Milvus's namespace) */
    metricsSources: z.array(peerSchema).optional(),
    /** @default false */
    serviceMonitor: z.boolean().default(MILVUS_DEFAULTS.serviceMonitor),
    /** Labels a Prometheus selects ServiceMonitors on. @default {} */
    serviceMonitorLabels: labels.optional(),
    /** Daily etcd snapshots to the bucket (S3 storage). @default on with storage "s3" */
    etcdBackup: z.object({ enabled: z.boolean().optional(), schedule: z.string().min(1).optional(), retentionDays: z.number().int().min(1).optional() }).strict().optional(),
    /** What etcd and the volumes were first created with, when not the preset's. @default the preset's */
    createdWith: z
      .object({ etcdReplicas: z.number().int().min(1).optional(), storageSize: z.partialRecord(z.enum(STATEFUL_COMPONENTS), quantity).optional() })
      .strict()
      .optional(),
    /** @default true in production (and it may not be false there), else false */
    protect: z.boolean().optional(),
    /** Per-component overrides of the preset. @default {} */
    components: z.partialRecord(z.enum(COMPONENT_NAMES), milvusComponent).default({}),
  })
  .strict();
export type MilvusConfig = z.output<typeof milvusSection>;

/**
 * `forja:milvus` as component args: the environment decides the preset and
 * protection unless the config does; the stack's own workloads (its workload
 * namespace) are Milvus's clients unless the config names others.
 */
export function milvusArgs(config: MilvusConfig, environment: Environment, cluster: ClusterCapabilities, tags: Record<string, string>, workloadNamespace: string): MilvusClusterArgs {
  const production = environment === "production";
  const stackWorkloads: Peer[] = [{ namespaceLabels: { "kubernetes.io/metadata.name": workloadNamespace } }];
  return {
    cluster,
    namespace: config.namespace,
    preset: config.preset ?? (production ? MilvusPreset.Production : MilvusPreset.Development),
    storage: config.storage,
    s3: config.bucketName === undefined ? undefined : { bucketName: config.bucketName },
    messageQueue: config.messageQueue,
    externalKafka: config.externalKafka,
    access: config.access,
    attu: config.attu,
    clients: config.clients ?? stackWorkloads,
    metricsSources: config.metricsSources,
    serviceMonitor: config.serviceMonitor,
    serviceMonitorLabels: config.serviceMonitorLabels,
    createdWith: config.createdWith,
    etcdBackup: config.etcdBackup,
    protect: config.protect ?? production,
    components: config.components,
    tags,
  };
}

/** Rules that need the rest of the config: where Milvus may run and what production demands of it. */
export function milvusTargetProblems(milvus: MilvusConfig | undefined, target: Target | undefined, production: boolean, workloadNamespace: string): string[] {
  if (!milvus) return [];
  const problems: string[] = [];
  problems.push(...namespaceCollision("forja:milvus.namespace", milvus.namespace, workloadNamespace));
  if (target === "aci") problems.push(`forja:milvus is set but forja:target is "aci": Milvus runs on the k3s and eks targets`);
  if (production && milvus.preset === MilvusPreset.Development) {
    problems.push(`forja:milvus.preset = "development" in a production stack: expected "production" (the development preset runs one etcd and one Kafka broker, no quorum)`);
  }
  if (production && milvus.protect === false) problems.push(`forja:milvus.protect = false in a production stack: expected true (the namespace, bucket and credentials hold production data)`);
  // The preset's quorum and redundancy are production's invariants: a component override may raise them, never lower them.
  if (production) {
    for (const [component, override] of Object.entries(milvus.components) as [keyof typeof MILVUS_PRESETS.production, { replicas?: number } | undefined][]) {
      const preset = MILVUS_PRESETS[MilvusPreset.Production][component] as unknown;
      const minimum = typeof preset === "object" && preset !== null ? (preset as { replicas?: number }).replicas : undefined;
      if (override?.replicas !== undefined && minimum !== undefined && override.replicas < minimum) {
        problems.push(`forja:milvus.components.${component}.replicas = ${override.replicas} in a production stack: expected at least ${minimum}, the production preset's (a component setting must not weaken what the preset guarantees)`);
      }
    }
  }
  if (milvus.messageQueue === MilvusMessageQueue.ExternalKafka && !milvus.externalKafka) problems.push(`forja:milvus.externalKafka is missing: expected the brokers with messageQueue "external-kafka"`);
  return problems;
}

const MILVUS_KEYS: [string, string][] = [
  ["", "forja:milvus"],
  ["s3", "forja:milvus.bucketName"],
  ["cluster", "forja:target"],
  ["tags", "forja:tags"],
];

/** MilvusCluster's own rules (it stops at the first) on the args the program passes. */
export function milvusComponentProblems(name: string, args: MilvusClusterArgs, isSecret: (path: string) => boolean): string[] {
  try {
    planMilvusCluster(name, args);
    return [];
  } catch (error) {
    if ((error as ForjaArgumentError).name !== "ForjaArgumentError") throw error;
    return componentProblems([error as ForjaArgumentError], MILVUS_KEYS, isSecret);
  }
}
