/**
 * Every rule a MilvusCluster's args must satisfy, checked before anything is
 * registered, and the args resolved into one plan (preset < overrides) that
 * the renderers read.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { parseImage, unpinnedReason } from "../core/images";
import { coversInternet } from "../core/network";
import { namespaceReason, requestAboveLimit } from "../core/validate";
import { validateChartReference } from "../helm/chart";
import type { ChartReference } from "../helm/chart";
import type { ClusterCapabilities } from "../platform/capabilities";
import { peerProblem } from "../core/peer";
import type { Peer } from "../core/peer";
import { validateCapabilities, WorkloadIdentityKind } from "../platform/capabilities";
import type {
  ChartValuesOverride,
  EtcdClusterState,
  MilvusAttuArgs,
  MilvusClusterArgs,
  MilvusComponentArgs,
  MilvusComponentsArgs,
  MilvusEtcdBackupArgs,
  MilvusImagesArgs,
  MilvusResourcesArgs,
  MilvusStatefulComponentArgs,
  MilvusTlsArgs,
  MilvusTolerationArgs,
} from "./args";
import { KafkaSaslMechanism, KafkaSecurityProtocol, MilvusAccess, MilvusMessageQueue, MilvusPreset, MilvusStorage, TolerationEffect, TolerationOperator } from "./args";
import { checkQuantity, COMPONENT, fail, MILVUS_COMPONENTS, oneOf, STATEFUL_COMPONENTS } from "./checks";
import type { ComponentKey } from "./checks";
import type { ComponentPreset } from "./defaults";
import { ETCD_BACKUP, MILVUS_CHART, MILVUS_DEFAULTS, MILVUS_IMAGES, MILVUS_PRESETS } from "./defaults";
import { checkStatefulLayout } from "./layout";

export { COMPONENT, MILVUS_COMPONENTS, STATEFUL_COMPONENTS } from "./checks";
export type { ComponentKey, MilvusComponentKey, ResolvedComponent, StatefulComponentKey } from "./checks";
import type { ResolvedComponent } from "./checks";

export interface ResolvedExternalKafka {
  brokers: string[];
  securityProtocol: KafkaSecurityProtocol;
  saslMechanism: KafkaSaslMechanism;
  saslUsername?: pulumi.Input<string>;
  saslPassword?: pulumi.Input<string>;
  caCertificate?: pulumi.Input<string>;
}

/** The args after validation: every default applied, every override merged into the preset. */
export interface MilvusPlan {
  name: string;
  cluster: ClusterCapabilities;
  namespace: string;
  preset: MilvusPreset;
  storage: MilvusStorage;
  messageQueue: MilvusMessageQueue;
  access: MilvusAccess;
  components: Record<ComponentKey, ResolvedComponent>;
  images: Record<keyof typeof MILVUS_IMAGES, string>;
  kafkaHeapMiB: number;
  zookeeperHeapMiB: number;
  zoneSpread: boolean;
  s3: { bucketName?: string; rootPath: string; kmsKeyArn?: pulumi.Input<string>; noncurrentVersionExpirationDays: number };
  /** S3 mode: the cluster's region (required there). */
  region?: string;
  externalKafka?: ResolvedExternalKafka;
  loadBalancerSourceRanges: string[];
  clients: Peer[];
  metricsSources: Peer[];
  etcdClusterState: EtcdClusterState;
  tls?: MilvusTlsArgs;
  attu?: { host?: string; path: string };
  /** S3 mode: daily etcd snapshots into the bucket. */
  etcdBackup?: { schedule: string; retentionDays: number };
  serviceMonitor: boolean;
  serviceMonitorLabels: Record<string, string>;
  protect: boolean;
  chart: ChartReference;
  values: ChartValuesOverride;
  tags: Record<string, string>;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const BROKER = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function checkTolerations(argument: string, tolerations: unknown): void {
  if (!Array.isArray(tolerations)) fail(argument, tolerations, "a list of tolerations");
  (tolerations as MilvusTolerationArgs[]).forEach((t, i) => {
    const at = `${argument}[${i}]`;
    if (!t || typeof t !== "object") fail(at, t, "a toleration object");
    if (t.operator !== undefined) oneOf(`${at}.operator`, t.operator, TolerationOperator);
    if (t.effect !== undefined) oneOf(`${at}.effect`, t.effect, TolerationEffect);
    if (t.operator === TolerationOperator.Exists && t.value !== undefined) fail(`${at}.value`, t.value, 'no value with operator "Exists"');
    if (t.key === undefined && t.operator !== TolerationOperator.Exists) fail(`${at}.key`, t.key, 'a taint key (only operator "Exists" may match every key)');
    if (t.tolerationSeconds !== undefined && (!Number.isInteger(t.tolerationSeconds) || t.tolerationSeconds < 0 || t.effect !== TolerationEffect.NoExecute)) {
      fail(`${at}.tolerationSeconds`, t.tolerationSeconds, 'a non-negative integer, with effect "NoExecute" only');
    }
  });
}

/** A component's preset merged with its override; the rules every component shares, then the per-kind ones. */
function resolveComponent(key: ComponentKey, preset: ComponentPreset, override: MilvusStatefulComponentArgs | undefined): ResolvedComponent {
  const at = `components.${key}`;
  if (override !== undefined && (override === null || typeof override !== "object")) fail(at, override, "an object");
  const stateful = (STATEFUL_COMPONENTS as readonly string[]).includes(key);
  if (override?.storageSize !== undefined && !stateful) fail(`${at}.storageSize`, override.storageSize, "no storageSize: Milvus's own components keep no volumes (their state is in etcd, the message queue and object storage)");
  const o = withDefaults({ replicas: preset.replicas, resources: { requests: preset.requests, limits: preset.limits } as MilvusResourcesArgs, nodeSelector: {}, tolerations: [], storageSize: preset.storageSize }, override);
  if (!Number.isInteger(o.replicas) || o.replicas < 1) fail(`${at}.replicas`, o.replicas, "an integer >= 1 (a component with no pods stops Milvus)");
  if ((key === "etcd" || key === "zookeeper") && o.replicas % 2 === 0) fail(`${at}.replicas`, o.replicas, "an odd number (1, 3, 5): a quorum of an even count tolerates no more failures than one fewer");
  if (key === "minio" && o.replicas < 4) fail(`${at}.replicas`, o.replicas, "at least 4 (distributed MinIO's erasure coding needs 4 drives)");
  const r = o.resources as Partial<MilvusResourcesArgs> | null;
  checkQuantity(`${at}.resources.requests.cpu`, r?.requests?.cpu, true);
  checkQuantity(`${at}.resources.requests.memory`, r?.requests?.memory, true);
  checkQuantity(`${at}.resources.limits.memory`, r?.limits?.memory, true);
  checkQuantity(`${at}.resources.limits.cpu`, r?.limits?.cpu, false);
  const above = requestAboveLimit(r?.requests, r?.limits);
  if (above) fail(`${at}.resources.requests.${above[0]}`, r?.requests?.[above[0] as "cpu"], above[1]);
  const bad = Object.entries(o.nodeSelector ?? {}).find(([k, v]) => !LABEL_KEY.test(k) || typeof v !== "string");
  if (o.nodeSelector === null || typeof o.nodeSelector !== "object" || bad) fail(`${at}.nodeSelector`, o.nodeSelector, "a map of node label keys to string values");
  checkTolerations(`${at}.tolerations`, o.tolerations);
  if (stateful) checkQuantity(`${at}.storageSize`, o.storageSize, true);
  const limits: ResolvedComponent["resources"]["limits"] = { memory: o.resources.limits.memory as string };
  if (o.resources.limits.cpu !== undefined) limits.cpu = o.resources.limits.cpu;
  return {
    replicas: o.replicas,
    resources: { requests: { cpu: o.resources.requests.cpu as string, memory: o.resources.requests.memory as string }, limits },
    nodeSelector: { ...o.nodeSelector },
    tolerations: [...o.tolerations],
    storageSize: stateful ? o.storageSize : undefined,
  };
}

function resolveImages(images: MilvusImagesArgs | undefined): Record<keyof typeof MILVUS_IMAGES, string> {
  if (images !== undefined && (images === null || typeof images !== "object")) fail("images", images, "an object of image references");
  const unknown = Object.keys(images ?? {}).find((key) => !(key in MILVUS_IMAGES));
  if (unknown) fail(`images.${unknown}`, images?.[unknown as keyof MilvusImagesArgs], `one of the images ${Object.keys(MILVUS_IMAGES).join(", ")}`);
  const resolved = { ...MILVUS_IMAGES } as Record<keyof typeof MILVUS_IMAGES, string>;
  for (const key of Object.keys(MILVUS_IMAGES) as (keyof typeof MILVUS_IMAGES)[]) {
    const image = images?.[key];
    if (image === undefined) continue;
    const reason = typeof image === "string" ? unpinnedReason(image) : "not a string";
    if (reason) fail(`images.${key}`, image, `an image pinned to a tag other than latest (${reason})`);
    // The chart composes `repository:tag`: a digest alone has nowhere to go.
    if (!parseImage(image).tag) fail(`images.${key}`, image, "a tag (optionally with a digest): the chart composes repository:tag");
    resolved[key] = image;
  }
  return resolved;
}

/** S3 needs a role Milvus's storage layer can actually use: IRSA, and nothing else. */
function requireIrsa(cluster: ClusterCapabilities): void {
  const kind = cluster.workloadIdentity.kind;
  if (kind === WorkloadIdentityKind.None) {
    fail("cluster.workloadIdentity.kind", kind, `"irsa": storage "s3" needs a cloud role for Milvus's pods and this ${cluster.kind} cluster gives none (use storage "minio")`);
  }
  if (kind === WorkloadIdentityKind.PodIdentity) {
    fail(
      "cluster.workloadIdentity.kind",
      kind,
      '"irsa": EKS Pod Identity does not work for Milvus — its C++ storage layer asserts on an empty access key instead of asking the Pod Identity agent, so segment loads fail. Create the cluster with IRSA (EksCluster workloadIdentity "irsa") or use storage "minio"',
    );
  }
  if (!cluster.region) fail("cluster.region", cluster.region, "the cluster's AWS region: Milvus must use the regional S3 endpoint (the global one fails with IAM credentials)");
}

function resolveExternalKafka(args: MilvusClusterArgs, queue: MilvusMessageQueue): ResolvedExternalKafka | undefined {
  const external = args.externalKafka;
  if (queue !== MilvusMessageQueue.ExternalKafka) {
    if (external !== undefined) fail("externalKafka", external, 'messageQueue "external-kafka" when an external Kafka is given');
    return undefined;
  }
  if (!external || typeof external !== "object") fail("externalKafka", external, 'the external Kafka\'s brokers with messageQueue "external-kafka"');
  if (!Array.isArray(external.brokers) || external.brokers.length === 0) fail("externalKafka.brokers", external.brokers, "at least one bootstrap broker as host:port, e.g. b-1.msk.example.kafka.us-east-1.amazonaws.com:9094");
  const bad = external.brokers.find((broker) => typeof broker !== "string" || !BROKER.test(broker));
  if (bad !== undefined) fail("externalKafka.brokers", bad, "host:port");
  const e = withDefaults({ securityProtocol: MILVUS_DEFAULTS.externalKafkaProtocol as KafkaSecurityProtocol, saslMechanism: MILVUS_DEFAULTS.externalKafkaSaslMechanism as KafkaSaslMechanism }, external);
  const securityProtocol = oneOf("externalKafka.securityProtocol", e.securityProtocol, KafkaSecurityProtocol);
  const saslMechanism = oneOf("externalKafka.saslMechanism", e.saslMechanism, KafkaSaslMechanism);
  if (securityProtocol === KafkaSecurityProtocol.SaslSsl) {
    if (external.saslUsername === undefined) fail("externalKafka.saslUsername", undefined, 'the SASL user with securityProtocol "SASL_SSL"');
    if (external.saslPassword === undefined) fail("externalKafka.saslPassword", undefined, 'the SASL password (a secret) with securityProtocol "SASL_SSL"');
  } else if (external.saslUsername !== undefined || external.saslPassword !== undefined || external.saslMechanism !== undefined) {
    fail("externalKafka.securityProtocol", securityProtocol, '"SASL_SSL" when SASL credentials are given');
  }
  if (external.caCertificate !== undefined && typeof external.caCertificate === "string" && !external.caCertificate.includes("-----BEGIN CERTIFICATE-----")) {
    fail("externalKafka.caCertificate", "(not PEM)", "PEM certificate(s) of the brokers' CA, starting with -----BEGIN CERTIFICATE-----");
  }
  return { brokers: [...external.brokers], securityProtocol, saslMechanism, saslUsername: external.saslUsername, saslPassword: external.saslPassword, caCertificate: external.caCertificate };
}

function resolveSourceRanges(args: MilvusClusterArgs, access: MilvusAccess): string[] {
  if (access !== MilvusAccess.InternalLoadBalancer) {
    if (args.loadBalancerSourceRanges !== undefined) fail("loadBalancerSourceRanges", args.loadBalancerSourceRanges, 'access "internal-load-balancer" (a ClusterIP has no load balancer to restrict)');
    return [];
  }
  if (args.cluster.ingress.controller !== "aws-alb") {
    fail("access", access, `"cluster-ip" on this cluster: an internal NLB needs the AWS Load Balancer Controller (EKS), and this cluster's ingress controller is "${args.cluster.ingress.controller}"`);
  }
  const ranges = args.loadBalancerSourceRanges ?? args.cluster.ingress.sourcePeers.flatMap((peer) => (peer.cidr ? [peer.cidr] : []));
  if (!Array.isArray(ranges) || ranges.length === 0) fail("loadBalancerSourceRanges", ranges, "the CIDRs that may reach the load balancer");
  const bad = ranges.find((cidr) => typeof cidr !== "string" || !CIDR.test(cidr) || cidr === "0.0.0.0/0");
  if (bad !== undefined) fail("loadBalancerSourceRanges", bad, "IPv4 CIDRs narrower than 0.0.0.0/0 (the load balancer is internal)");
  return [...ranges];
}

function checkTls(tls: MilvusTlsArgs | undefined, attu: MilvusAttuArgs | undefined): void {
  if (tls === undefined) return;
  if (!tls || typeof tls !== "object") fail("tls", tls, "an object");
  const byName = tls.secretName !== undefined;
  const byValue = tls.certificate !== undefined || tls.privateKey !== undefined;
  if (byName === byValue) fail("tls", Object.keys(tls), "either secretName (an existing kubernetes.io/tls Secret) or certificate and privateKey, not both");
  if (byName && (typeof tls.secretName !== "string" || !DNS_LABEL.test(tls.secretName))) fail("tls.secretName", tls.secretName, "a Secret name");
  if (byValue && (tls.certificate === undefined || tls.privateKey === undefined)) fail(tls.certificate === undefined ? "tls.certificate" : "tls.privateKey", undefined, "both certificate and privateKey");
  if (attu !== undefined) fail("attu", attu, "no Attu with tls: Attu reaches the proxy over plain gRPC inside the cluster");
}

const CRON = /^(\S+\s+){4}\S+$/;

function resolveEtcdBackup(backup: MilvusEtcdBackupArgs | undefined, storage: MilvusStorage): { schedule: string; retentionDays: number } | undefined {
  if (backup !== undefined && (backup === null || typeof backup !== "object")) fail("etcdBackup", backup, "an object");
  const b = withDefaults({ enabled: storage === MilvusStorage.S3, schedule: ETCD_BACKUP.schedule as string, retentionDays: ETCD_BACKUP.retentionDays as number }, backup);
  if (typeof b.enabled !== "boolean") fail("etcdBackup.enabled", b.enabled, "true or false");
  if (!b.enabled) return undefined;
  if (storage !== MilvusStorage.S3) fail("etcdBackup.enabled", true, 'storage "s3": snapshots go to the stack\'s bucket, and with MinIO they would live in the cluster they must outlive (back up the volumes instead)');
  if (typeof b.schedule !== "string" || !CRON.test(b.schedule.trim())) fail("etcdBackup.schedule", b.schedule, 'a five-field cron schedule such as "17 3 * * *"');
  if (!Number.isInteger(b.retentionDays) || b.retentionDays < 1) fail("etcdBackup.retentionDays", b.retentionDays, "an integer >= 1");
  return { schedule: b.schedule.trim(), retentionDays: b.retentionDays };
}

function resolveAttu(attu: MilvusAttuArgs | undefined): { host?: string; path: string } | undefined {
  if (attu === undefined) return undefined;
  if (!attu || typeof attu !== "object") fail("attu", attu, "an object (host and path are optional)");
  const { path } = withDefaults({ path: MILVUS_DEFAULTS.attuPath as string }, attu);
  if (typeof path !== "string" || !path.startsWith("/")) fail("attu.path", path, 'a path starting with "/"');
  if (attu.host !== undefined && (typeof attu.host !== "string" || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(attu.host))) fail("attu.host", attu.host, "a DNS host name");
  return { host: attu.host, path };
}

function checkSources(argument: string, sources: unknown): Peer[] {
  if (!Array.isArray(sources)) fail(argument, sources, "a list of peers ({cidr}, or {namespace or namespaceLabels, podLabels})");
  sources.forEach((source: Peer, i) => {
    const problem = peerProblem(source);
    if (problem) fail(`${argument}[${i}]`, source, problem);
    // An empty source admits every pod of Milvus's namespace only; `{namespaceLabels: {}}` without pod labels admits every pod of the cluster.
    if (source.namespaceLabels !== undefined && Object.keys(source.namespaceLabels).length === 0 && source.podLabels === undefined) {
      fail(`${argument}[${i}]`, source, "named sources: every pod of every namespace is what this port must not be open to (name the namespace or the pods)");
    }
  });
  // Any spelling of the whole internet, or blocks that tile it (network.ts sees through both).
  const cidrs = (sources as Peer[]).flatMap((source) => (source.cidr ? [source.cidr] : []));
  if (coversInternet(cidrs)) fail(argument, cidrs, "CIDRs narrower than the whole internet");
  return [...(sources as Peer[])];
}

/**
 * Validates every arg and resolves the plan. Throws ForjaArgumentError naming
 * the argument, the value and what was expected; registers nothing.
 */
export function planMilvusCluster(name: string, args: MilvusClusterArgs): MilvusPlan {
  if (!args || typeof args !== "object") fail("args", args, "an object with at least cluster");
  const cluster = validateCapabilities(COMPONENT, args.cluster);
  if (typeof name !== "string" || !DNS_LABEL.test(name) || name.length > 52) fail("name", name, "a DNS-1123 label of at most 52 characters");
  const a = withDefaults(
    {
      namespace: name,
      preset: MILVUS_DEFAULTS.preset as MilvusPreset,
      // Capabilities, not cloud names: a cloud cluster gets its object store.
      storage: (cluster.region !== undefined ? MilvusStorage.S3 : MilvusStorage.Minio) as MilvusStorage,
      messageQueue: MILVUS_DEFAULTS.messageQueue as MilvusMessageQueue,
      access: MILVUS_DEFAULTS.access as MilvusAccess,
      serviceMonitor: MILVUS_DEFAULTS.serviceMonitor as boolean,
      protect: MILVUS_DEFAULTS.protect as boolean,
      components: {} as MilvusComponentsArgs,
      clients: [] as Peer[],
      metricsSources: [] as Peer[],
      serviceMonitorLabels: {} as Record<string, string>,
      chartRepository: MILVUS_CHART.repository,
      values: {} as ChartValuesOverride,
      tags: {} as Record<string, string>,
    },
    args,
  );
  // Milvus creates its namespace: one of Kubernetes' own would be taken over (and deleted with the stack).
  const namespace = namespaceReason(a.namespace);
  if (namespace) fail("namespace", a.namespace, namespace);
  const preset = oneOf("preset", a.preset, MilvusPreset);
  const storage = oneOf("storage", a.storage, MilvusStorage);
  const messageQueue = oneOf("messageQueue", a.messageQueue, MilvusMessageQueue);
  const access = oneOf("access", a.access, MilvusAccess);
  for (const flag of ["serviceMonitor", "protect"] as const) {
    if (typeof a[flag] !== "boolean") fail(flag, a[flag], "true or false");
  }

  if (storage === MilvusStorage.S3) requireIrsa(cluster);
  else if (args.s3 !== undefined) fail("s3", args.s3, 'storage "s3" when S3 options are given');
  const s3 = withDefaults({ rootPath: MILVUS_DEFAULTS.s3RootPath as string, noncurrentVersionExpirationDays: MILVUS_DEFAULTS.noncurrentVersionExpirationDays as number }, args.s3);
  if (s3.bucketName !== undefined && (typeof s3.bucketName !== "string" || !BUCKET.test(s3.bucketName) || s3.bucketName.includes(".."))) {
    fail("s3.bucketName", s3.bucketName, "an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-'");
  }
  if (typeof s3.rootPath !== "string" || !/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/.test(s3.rootPath)) fail("s3.rootPath", s3.rootPath, "an object key prefix of letters, digits and /_.-");
  const noncurrent = s3.noncurrentVersionExpirationDays;
  if (!Number.isInteger(noncurrent) || noncurrent < 1) fail("s3.noncurrentVersionExpirationDays", noncurrent, "an integer >= 1");

  const overrides = a.components;
  if (typeof overrides !== "object" || overrides === null) fail("components", overrides, "an object");
  const unknown = Object.keys(overrides).find((key) => !([...MILVUS_COMPONENTS, ...STATEFUL_COMPONENTS] as string[]).includes(key));
  if (unknown) fail(`components.${unknown}`, (overrides as Record<string, unknown>)[unknown], `one of ${[...MILVUS_COMPONENTS, ...STATEFUL_COMPONENTS].join(", ")}`);
  const spec = MILVUS_PRESETS[preset];
  const components = Object.fromEntries(
    [...MILVUS_COMPONENTS, ...STATEFUL_COMPONENTS].map((key) => [key, resolveComponent(key, spec[key], (overrides as Record<string, MilvusComponentArgs | undefined>)[key])]),
  ) as Record<ComponentKey, ResolvedComponent>;
  for (const key of ["kafka", "zookeeper"] as const) {
    if (messageQueue === MilvusMessageQueue.ExternalKafka && overrides[key] !== undefined) fail(`components.${key}`, overrides[key], 'messageQueue "kafka": with an external Kafka no brokers run in the cluster');
  }
  if (storage === MilvusStorage.S3 && overrides.minio !== undefined) fail("components.minio", overrides.minio, 'storage "minio": with S3 no MinIO runs in the cluster');
  // The Bitnami Kafka and ZooKeeper images exist for amd64 only.
  for (const key of ["kafka", "zookeeper"] as const) {
    if (messageQueue === MilvusMessageQueue.Kafka && cluster.nodeArchitecture === "arm64" && components[key].tolerations.length === 0) {
      fail(`components.${key}.tolerations`, [], `tolerations for an amd64 node pool: this cluster's nodes are arm64 and the ${key === "kafka" ? "Kafka" : "ZooKeeper"} image is amd64-only (or use an external Kafka)`);
    }
  }
  const inUse = STATEFUL_COMPONENTS.filter((key) => key === "etcd" || (key === "minio" ? storage === MilvusStorage.Minio : messageQueue === MilvusMessageQueue.Kafka));
  const etcdClusterState = checkStatefulLayout(args, components, spec, inUse);

  const externalKafka = resolveExternalKafka(args, messageQueue);
  const loadBalancerSourceRanges = resolveSourceRanges(args, access);
  const clients = checkSources("clients", a.clients);
  const metricsSources = checkSources("metricsSources", a.metricsSources);
  const labels = a.serviceMonitorLabels;
  if (labels === null || typeof labels !== "object" || Object.entries(labels).some(([k, v]) => !LABEL_KEY.test(k) || typeof v !== "string")) fail("serviceMonitorLabels", labels, "a map of label keys to string values");
  if (Object.keys(labels).length > 0 && !a.serviceMonitor) fail("serviceMonitorLabels", labels, "serviceMonitor true (the labels go on the ServiceMonitor)");
  // Prometheus scrapes 9091 from its own namespace: without a named source the NetworkPolicy drops every scrape.
  if (a.serviceMonitor && metricsSources.length === 0) fail("metricsSources", [], "the Prometheus pods that scrape Milvus (e.g. {namespaceLabels: {\"kubernetes.io/metadata.name\": \"monitoring\"}}) with serviceMonitor true");
  checkTls(args.tls, args.attu);
  const attu = resolveAttu(args.attu);
  const etcdBackup = resolveEtcdBackup(args.etcdBackup, storage);
  const chart = validateChartReference(COMPONENT, "chartRepository", { ...MILVUS_CHART, repository: a.chartRepository });
  if (a.values === null || typeof a.values !== "object" || Array.isArray(a.values)) fail("values", a.values, "an object of chart values");

  return {
    name,
    cluster,
    namespace: a.namespace,
    preset,
    storage,
    messageQueue,
    access,
    components,
    images: resolveImages(args.images),
    kafkaHeapMiB: spec.kafkaHeapMiB,
    zookeeperHeapMiB: spec.zookeeperHeapMiB,
    zoneSpread: spec.zoneSpread,
    s3: { bucketName: s3.bucketName, rootPath: s3.rootPath, kmsKeyArn: s3.kmsKeyArn, noncurrentVersionExpirationDays: noncurrent },
    region: cluster.region,
    externalKafka,
    loadBalancerSourceRanges,
    clients,
    metricsSources,
    etcdClusterState,
    tls: args.tls,
    attu,
    etcdBackup,
    serviceMonitor: a.serviceMonitor,
    serviceMonitorLabels: { ...labels },
    protect: a.protect,
    chart,
    values: a.values,
    tags: a.tags,
  };
}
