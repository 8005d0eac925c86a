/**
 * Pure renderers of the chart's values: the plan in, values out (plus the
 * names and labels the other renderers share). The class only creates
 * resources from these.
 */
import type * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { awsDnsSuffix } from "../aws/iam";
import { parseImage } from "../core/images";
import { standardLabels } from "../core/labels";
import type { PlainObject } from "../core/merge";
import { restrictedNamespaceLabels } from "../core/security";
import { storageClassName } from "../platform/capabilities";
import { EtcdClusterState, KafkaSecurityProtocol, MilvusMessageQueue, MilvusStorage } from "./args";
import type { MilvusTolerationArgs } from "./args";
import {
  ETCD_SELECTOR,
  ETCD_TUNING,
  KAFKA_CA_KEY,
  KAFKA_CA_PATH,
  KAFKA_MAX_REPLICATION,
  MILVUS_COMPONENT_LABELS,
  MILVUS_DEFAULTS,
  MILVUS_ENV,
  MILVUS_LOCAL_PATH,
  MILVUS_PORTS,
  PROXY_CERT_PATH,
  RUN_AS,
  SECRET_KEYS,
} from "./defaults";
import { MILVUS_COMPONENTS } from "./validate";
import type { MilvusComponentKey, MilvusPlan, ResolvedComponent } from "./validate";

type Obj = Record<string, unknown>;

/** Names of the objects Forja creates next to the chart: fixed, so the chart's values can name them. */
export function objectNames(plan: MilvusPlan) {
  const release = MILVUS_DEFAULTS.releaseName;
  return {
    release,
    /** The chart's proxy Service (`milvus.fullname`). */
    service: release,
    serviceAccount: release,
    rootSecret: `${release}-root-credentials`,
    minioSecret: `${release}-minio-credentials`,
    kafkaSecret: `${release}-kafka-sasl`,
    kafkaCa: `${release}-kafka-ca`,
    tlsSecret: plan.tls?.secretName ?? `${release}-proxy-tls`,
    attu: `${release}-attu`,
    loadBalancer: `${release}-nlb`,
    networkPolicy: `${release}-ingress`,
  };
}

/** The selector of one Milvus component's pods, as the chart labels them. */
export function componentSelector(component: keyof typeof MILVUS_COMPONENT_LABELS): Record<string, string> {
  return { "app.kubernetes.io/name": "milvus", "app.kubernetes.io/instance": MILVUS_DEFAULTS.releaseName, component: MILVUS_COMPONENT_LABELS[component] };
}

export function milvusLabels(plan: MilvusPlan, component?: string): Record<string, string> {
  return standardLabels({ name: "milvus", instance: plan.name, component, partOf: "milvus", version: parseImage(plan.images.milvus).tag });
}

/** Restricted Pod Security, enforced by the API server for every pod in Milvus's namespace. */
export function namespaceLabels(plan: MilvusPlan): Record<string, string> {
  return { ...milvusLabels(plan), ...restrictedNamespaceLabels() };
}

/** `{registry, repository, tag}` for Bitnami charts, which compose `registry/repository:tag`. */
function bitnamiImage(reference: string): Obj {
  const image = parseImage(reference);
  return { registry: image.registry, repository: image.repository, tag: tagOf(reference) };
}

/** `{repository, tag}` for charts that compose `repository:tag`. */
function plainImage(reference: string): Obj {
  const image = parseImage(reference);
  return { repository: `${image.registry}/${image.repository}`, tag: tagOf(reference) };
}

/** The tag, with the digest kept after it so `repository:tag` still pins the exact image. */
function tagOf(reference: string): string {
  const image = parseImage(reference);
  return image.digest ? `${image.tag}@${image.digest}` : (image.tag as string);
}

function resources(component: ResolvedComponent): Obj {
  return { requests: { ...component.resources.requests }, limits: { ...component.resources.limits } };
}

function tolerations(list: MilvusTolerationArgs[]): Obj[] {
  return list.map((t) => Object.fromEntries(Object.entries({ key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds }).filter(([, v]) => v !== undefined)));
}

/**
 * Zone spread: soft for Milvus's Deployments, hard for Kafka and ZooKeeper so
 * one zone's loss never takes their quorum. (etcd and MinIO charts have no
 * such key: see spreadAffinity, a soft preference.)
 */
function zoneSpread(plan: MilvusPlan, matchLabels: Record<string, string>, hard: boolean): Obj[] {
  if (!plan.zoneSpread) return [];
  return [{ maxSkew: 1, topologyKey: MILVUS_DEFAULTS.zoneKey, whenUnsatisfiable: hard ? "DoNotSchedule" : "ScheduleAnyway", labelSelector: { matchLabels } }];
}

/** For charts without topologySpreadConstraints (etcd 6.3.3, MinIO 8.0.17): prefer other zones, then other hosts. */
function spreadAffinity(plan: MilvusPlan, matchLabels: Record<string, string>): Obj | undefined {
  if (!plan.zoneSpread) return undefined;
  const term = (topologyKey: string, weight: number) => ({ weight, podAffinityTerm: { topologyKey, labelSelector: { matchLabels } } });
  return { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term(MILVUS_DEFAULTS.zoneKey, 100), term(MILVUS_DEFAULTS.hostKey, 50)] } };
}

function secretEnv(name: string, secret: string, key: string): Obj {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

/** Credentials Milvus reads from the environment (see MILVUS_ENV), per component. */
function componentEnv(plan: MilvusPlan, component: MilvusComponentKey): Obj[] {
  const names = objectNames(plan);
  const env: Obj[] = [];
  // The root coordinator (inside MixCoord) creates the root user once, with this password.
  if (component === "mixCoordinator") env.push(secretEnv(MILVUS_ENV.rootPassword, names.rootSecret, SECRET_KEYS.password));
  if (plan.storage === MilvusStorage.Minio) {
    env.push(secretEnv(MILVUS_ENV.minioAccessKey, names.minioSecret, SECRET_KEYS.minioAccessKey), secretEnv(MILVUS_ENV.minioSecretKey, names.minioSecret, SECRET_KEYS.minioSecretKey));
  }
  if (plan.externalKafka?.securityProtocol === KafkaSecurityProtocol.SaslSsl) {
    env.push(secretEnv(MILVUS_ENV.kafkaSaslUsername, names.kafkaSecret, SECRET_KEYS.saslUsername), secretEnv(MILVUS_ENV.kafkaSaslPassword, names.kafkaSecret, SECRET_KEYS.saslPassword));
  }
  return env;
}

function milvusComponentValues(plan: MilvusPlan, key: MilvusComponentKey): Obj {
  const component = plan.components[key];
  const values: Obj = {
    enabled: true,
    replicas: component.replicas,
    resources: resources(component),
    nodeSelector: component.nodeSelector,
    tolerations: tolerations(component.tolerations),
    topologySpreadConstraints: zoneSpread(plan, componentSelector(key), false),
    extraEnv: componentEnv(plan, key),
  };
  // The chart requires it with more than one coordinator: without it the second one crash-loops.
  if (key === "mixCoordinator") values.activeStandby = { enabled: component.replicas > 1 };
  if (key === "proxy" && plan.tls) {
    // Template-only keys (`proxy.volumes`, `proxy.volumeMounts`): the chart reads them but documents them in a comment.
    values.volumes = [{ name: "milvus-tls", secret: { secretName: objectNames(plan).tlsSecret } }];
    values.volumeMounts = [{ name: "milvus-tls", mountPath: PROXY_CERT_PATH, readOnly: true }];
  }
  return values;
}

/** milvus.yaml additions (the chart's user.yaml): settings only, never a credential. */
export function userConfig(plan: MilvusPlan): string {
  const config: Obj = { common: { security: { authorizationEnabled: true, ...(plan.tls ? { tlsMode: 1 } : {}) } } };
  if (plan.tls) config.tls = { serverPemPath: `${PROXY_CERT_PATH}/tls.crt`, serverKeyPath: `${PROXY_CERT_PATH}/tls.key` };
  // One-way TLS verified against the given CA; no client certificate.
  if (plan.externalKafka?.caCertificate !== undefined) config.kafka = { ssl: { enabled: true, tlsCaCert: `${KAFKA_CA_PATH}/${KAFKA_CA_KEY}` } };
  return stringify(config);
}

/** Volumes every Milvus container mounts: scratch space, and the external Kafka's CA when one is given. */
function sharedVolumes(plan: MilvusPlan): { volumes: Obj[]; volumeMounts: Obj[] } {
  const volumes: Obj[] = [{ name: "milvus-local", emptyDir: {} }];
  const volumeMounts: Obj[] = [{ name: "milvus-local", mountPath: MILVUS_LOCAL_PATH }];
  if (plan.externalKafka?.caCertificate !== undefined) {
    volumes.push({ name: "kafka-ca", configMap: { name: objectNames(plan).kafkaCa } });
    volumeMounts.push({ name: "kafka-ca", mountPath: KAFKA_CA_PATH, readOnly: true });
  }
  return { volumes, volumeMounts };
}

/** Restricted security context for the Bitnami subcharts, which render these objects whole. */
function bitnamiSecurity(): Obj {
  const { user, group } = RUN_AS.bitnami;
  return {
    podSecurityContext: { enabled: true, fsGroup: group, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: {
      enabled: true,
      runAsUser: user,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

function statefulScheduling(plan: MilvusPlan, component: ResolvedComponent, matchLabels: Record<string, string>, amd64Only: boolean): Obj {
  const nodeSelector = amd64Only ? { ...component.nodeSelector, [MILVUS_DEFAULTS.archKey]: "amd64" } : component.nodeSelector;
  return { nodeSelector, tolerations: tolerations(component.tolerations), topologySpreadConstraints: zoneSpread(plan, matchLabels, true) };
}

function persistence(plan: MilvusPlan, component: ResolvedComponent): Obj {
  return { enabled: true, storageClass: storageClassName(plan.cluster), size: component.storageSize };
}

function etcdValues(plan: MilvusPlan): Obj {
  const etcd = plan.components.etcd;
  const values: Obj = {
    enabled: true,
    replicaCount: etcd.replicas,
    image: bitnamiImage(plan.images.etcd),
    persistence: persistence(plan, etcd),
    resources: resources(etcd),
    nodeSelector: etcd.nodeSelector,
    tolerations: tolerations(etcd.tolerations),
    // The subchart's PDB is policy/v1beta1, which Kubernetes stopped serving in 1.25: Forja creates a policy/v1 one (objects.ts).
    pdb: { create: false },
    autoCompactionMode: ETCD_TUNING.autoCompactionMode,
    autoCompactionRetention: ETCD_TUNING.autoCompactionRetention,
    extraEnvVars: [
      { name: "ETCD_QUOTA_BACKEND_BYTES", value: ETCD_TUNING.quotaBackendBytes },
      { name: "ETCD_HEARTBEAT_INTERVAL", value: ETCD_TUNING.heartbeatIntervalMs },
      { name: "ETCD_ELECTION_TIMEOUT", value: ETCD_TUNING.electionTimeoutMs },
    ],
    ...bitnamiSecurity(),
  };
  // The chart would say "new" on every render (a v4 Chart is always a fresh install): Forja says "existing" when told.
  if (plan.etcdClusterState === EtcdClusterState.Existing) values.initialClusterState = EtcdClusterState.Existing;
  const affinity = spreadAffinity(plan, { ...ETCD_SELECTOR });
  if (affinity) values.affinity = affinity;
  return values;
}

function kafkaValues(plan: MilvusPlan): Obj {
  if (plan.messageQueue !== MilvusMessageQueue.Kafka) return { enabled: false };
  const kafka = plan.components.kafka;
  const zookeeper = plan.components.zookeeper;
  const replication = Math.min(kafka.replicas, KAFKA_MAX_REPLICATION);
  const selector = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": MILVUS_DEFAULTS.releaseName, "app.kubernetes.io/component": name });
  return {
    enabled: true,
    replicaCount: kafka.replicas,
    image: bitnamiImage(plan.images.kafka),
    heapOpts: `-Xmx${plan.kafkaHeapMiB}m -Xms${plan.kafkaHeapMiB}m`,
    defaultReplicationFactor: replication,
    offsetsTopicReplicationFactor: replication,
    persistence: persistence(plan, kafka),
    resources: resources(kafka),
    pdb: { create: kafka.replicas > 1 },
    ...statefulScheduling(plan, kafka, selector("kafka"), true),
    ...bitnamiSecurity(),
    zookeeper: {
      enabled: true,
      replicaCount: zookeeper.replicas,
      image: bitnamiImage(plan.images.zookeeper),
      heapSize: plan.zookeeperHeapMiB,
      persistence: persistence(plan, zookeeper),
      resources: resources(zookeeper),
      pdb: { create: zookeeper.replicas > 1 },
      ...statefulScheduling(plan, zookeeper, selector("zookeeper"), true),
      ...bitnamiSecurity(),
    },
  };
}

function externalKafkaValues(plan: MilvusPlan): Obj {
  const external = plan.externalKafka;
  if (!external) return { enabled: false };
  // SASL credentials travel as environment variables from a Secret, never through the chart's ConfigMap.
  return { enabled: true, brokerList: external.brokers.join(","), securityProtocol: external.securityProtocol, sasl: { mechanisms: external.saslMechanism, username: "", password: "" } };
}

function minioValues(plan: MilvusPlan): Obj {
  if (plan.storage !== MilvusStorage.Minio) return { enabled: false };
  const minio = plan.components.minio;
  const { user, group } = RUN_AS.minio;
  const values: Obj = {
    enabled: true,
    mode: "distributed",
    replicas: minio.replicas,
    image: plainImage(plan.images.minio),
    // The server reads its root credential from this Secret; the chart's minioadmin defaults are blanked
    // because the chart also copies them into Milvus's ConfigMap (Milvus reads the Secret instead).
    existingSecret: objectNames(plan).minioSecret,
    accessKey: "",
    secretKey: "",
    persistence: persistence(plan, minio),
    resources: resources(minio),
    nodeSelector: minio.nodeSelector,
    tolerations: tolerations(minio.tolerations),
    podDisruptionBudget: { enabled: minio.replicas > 1 },
    securityContext: { enabled: true, runAsUser: user, runAsGroup: group, fsGroup: group },
  };
  const affinity = spreadAffinity(plan, { app: "minio", release: MILVUS_DEFAULTS.releaseName });
  if (affinity) values.affinity = affinity;
  return values;
}

/** The regional endpoint: IAM credentials against the global `s3.amazonaws.com` fail for buckets outside us-east-1. */
export function s3Endpoint(region: string): string {
  return `s3.${region}.${awsDnsSuffix(region)}`;
}

function externalS3Values(plan: MilvusPlan, bucketName: pulumi.Input<string> | undefined): Obj {
  if (plan.storage !== MilvusStorage.S3) return { enabled: false };
  const region = plan.region as string;
  return {
    enabled: true,
    host: s3Endpoint(region),
    port: 443,
    useSSL: true,
    bucketName,
    rootPath: plan.s3.rootPath,
    // Credentials come from the pod's IRSA web identity: no keys anywhere.
    useIAM: true,
    cloudProvider: "aws",
    region,
    accessKey: "",
    secretKey: "",
  };
}

function attuValues(plan: MilvusPlan): Obj {
  if (!plan.attu) return { enabled: false };
  return {
    enabled: true,
    image: plainImage(plan.images.attu),
    resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    // Forja routes Attu with its own Ingress, tied to the ingress controller's readiness.
    ingress: { enabled: false },
  };
}

/**
 * The chart values Forja computes (the layer between chart defaults and the
 * user's `values`). Every key exists in the chart's or a subchart's
 * values.yaml (tests/components/milvus-values.test.ts holds them to it).
 */
export function renderValues(plan: MilvusPlan, storage: { bucketName?: pulumi.Input<string> } = {}): PlainObject {
  const names = objectNames(plan);
  const { user, group } = RUN_AS.milvus;
  return {
    cluster: { enabled: true },
    image: { all: plainImage(plan.images.milvus) },
    serviceAccount: { create: false, name: names.serviceAccount },
    securityContext: { runAsNonRoot: true, runAsUser: user, runAsGroup: group, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ["ALL"] } },
    ...sharedVolumes(plan),
    extraConfigFiles: { "user.yaml": userConfig(plan) },
    service: { type: "ClusterIP", port: MILVUS_PORTS.grpc },
    // Labels only with a ServiceMonitor to carry them.
    metrics: { enabled: true, serviceMonitor: plan.serviceMonitor ? { enabled: true, additionalLabels: { ...plan.serviceMonitorLabels } } : { enabled: false } },
    ...Object.fromEntries(MILVUS_COMPONENTS.map((key) => [key, milvusComponentValues(plan, key)])),
    attu: attuValues(plan),
    // The chart's default queue is Pulsar; with both on it renders two mq configs.
    pulsarv3: { enabled: false },
    kafka: kafkaValues(plan),
    externalKafka: externalKafkaValues(plan),
    etcd: etcdValues(plan),
    minio: minioValues(plan),
    externalS3: externalS3Values(plan, storage.bucketName),
  };
}
