/**
 * Chart values for Airflow as a pure function of the checked settings. Every
 * key exists in chart 1.19.0's values.yaml (tests validate the result against
 * its values.schema.json). Hooks decision: the chart is installed as a
 * template (`HelmInstall.Chart`), so the migration and create-user Jobs are
 * plain Jobs (`useHelmHooks: false`) that Pulumi creates with the rest and
 * waits for; they are kept after they finish (no TTL) so Pulumi's state
 * matches the cluster and a changed image re-runs the migration.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { mirrorImage, parseImage } from "../core/images";
import type { PlainObject } from "../core/merge";
import { kubernetesName } from "../core/naming";
import { settle } from "../core/outputs";
import type { ClusterCapabilities } from "../platform/capabilities";
import { ingressControllerAnnotation, storageClassName } from "../platform/capabilities";
import type { AirflowRemoteLogging } from "./args";
import { DagSourceKind } from "./args";
import { containerResources } from "../core/resources";
import type { Resources } from "../core/resources";
import { AIRFLOW_DEFAULTS, AIRFLOW_HEALTH_PATHS, AIRFLOW_IMAGES, DEPENDS_ON_ANNOTATION, SECRETS_CHECKSUM_ANNOTATION } from "./defaults";
import type { AirflowSettings } from "./settings";

/** Env var the create-user Job reads the admin password from: never in its args. */
export const ADMIN_PASSWORD_ENV = "FORJA_ADMIN_PASSWORD";

/** Names of the pre-created Secrets and the chart's service accounts, from the release name. */
export function airflowNames(release: string) {
  const n = (suffix: string) => kubernetesName([release, suffix]);
  return {
    release,
    fernetKey: n("fernet-key"),
    apiSecretKey: n("api-secret-key"),
    jwtSecret: n("jwt-secret"),
    webserverSecretKey: n("webserver-secret-key"),
    metadata: n("metadata"),
    brokerUrl: n("broker-url"),
    admin: n("admin"),
    env: n("env"),
    databaseCa: n("database-ca"),
    /** The UI's Ingress, outside the chart so only it waits for the ingress controller. */
    ingress: n("ui"),
    /** The chart's migration Job (`<release>-run-airflow-migrations`). */
    migrationJob: n("run-airflow-migrations"),
    serviceAccounts: {
      workers: n("worker"),
      scheduler: n("scheduler"),
      triggerer: n("triggerer"),
      dagProcessor: n("dag-processor"),
      apiServer: n("api-server"),
      webserver: n("webserver"),
      statsd: n("statsd"),
      migrateDatabaseJob: n("migrate-database-job"),
      createUserJob: n("create-user-job"),
    },
    /** The UI's Service: the chart names it after the release. */
    uiService: (airflow3: boolean) => n(airflow3 ? "api-server" : "webserver"),
  };
}

export type AirflowNames = ReturnType<typeof airflowNames>;

/** Chart sections whose pods parse or run DAG code, per major version. */
export function dagSections(airflow3: boolean): ("scheduler" | "workers" | "triggerer" | "dagProcessor")[] {
  return airflow3 ? ["scheduler", "workers", "triggerer", "dagProcessor"] : ["scheduler", "workers", "triggerer"];
}

/** Service accounts that need the cloud role: everything that runs DAG code, writes task logs or shows them. */
export function roleServiceAccounts(names: AirflowNames, airflow3: boolean): string[] {
  const ui = airflow3 ? names.serviceAccounts.apiServer : names.serviceAccounts.webserver;
  return [...dagSections(airflow3).map((section) => names.serviceAccounts[section]), ui];
}

/** Labels every pod of the release carries (the chart's): what the databases' NetworkPolicies admit. */
export function airflowPodLabels(release: string): Record<string, string> {
  return { tier: "airflow", release };
}

/** `postgresql://user:password@host:port/db?sslmode=...[&sslrootcert=...]` with credentials URL-encoded. */
export function metadataUrl(user: string, password: string, host: string, port: number, database: string, sslmode: string, sslrootcert?: string): string {
  const ca = sslrootcert === undefined ? "" : `&sslrootcert=${sslrootcert}`;
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}?sslmode=${sslmode}${ca}`;
}

/** Where the database's CA bundle is inside every Airflow container. */
export const DATABASE_CA_FILE = `${AIRFLOW_DEFAULTS.databaseCaPath}/${AIRFLOW_DEFAULTS.databaseCaKey}`;

/**
 * One hash of the data of every Secret Forja owns (order of keys ignored).
 * The chart's own checksum annotations hash its (unused) Secret templates, so
 * without this a rotated password would never reach running pods.
 */
export function secretsChecksum(secrets: Record<string, string>[]): string {
  const canonical = secrets.map((data) => Object.keys(data).sort().map((key) => [key, data[key]]));
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** What the annotation holds while a preview cannot know the hash: a first preview, before the generated passwords exist. */
export const CHECKSUM_PENDING = "known-after-up";

/**
 * The hash as a plain output: a SHA-256 of high-entropy secrets reveals none
 * of them, and a secret annotation would hide every diff of the chart. Never
 * unknown: the real engine showed that an unknown inside a v4 Chart's values
 * reaches the chart as null once the Chart has a transform (every Forja chart
 * has one), and the Airflow chart's schema then refuses the preview. While the
 * hash cannot be known it is `CHECKSUM_PENDING`, which still shows the pods
 * changing; the chart depends on the Secrets themselves (`dependsOn`), so no
 * ordering rides on this value.
 */
export function secretsChecksumOutput(secrets: pulumi.Input<Record<string, pulumi.Input<string>>>[]): pulumi.Output<string> {
  const checksum = pulumi.unsecret(pulumi.all(secrets.map((data) => pulumi.output(data))).apply((all) => secretsChecksum(all as Record<string, string>[])));
  return pulumi.output(settle(checksum).then((state) => (state.known ? state.value : CHECKSUM_PENDING)));
}

/** Celery broker URL; with TLS, `rediss://` and a verified certificate (Celery refuses rediss:// without ssl_cert_reqs). */
export function brokerUrl(password: string, host: string, port: number, tls: boolean): string {
  return `${tls ? "rediss" : "redis"}://:${encodeURIComponent(password)}@${host}:${port}/0${tls ? "?ssl_cert_reqs=CERT_REQUIRED" : ""}`;
}

/** An Airflow connection without keys: boto3 takes the pod's role from its environment. */
export function awsConnection(region: string | undefined): string {
  return JSON.stringify({ conn_type: "aws", extra: region ? { region_name: region } : {} });
}

/** A `config.kubernetes.io/depends-on` reference to a Job; plain when the namespace is. */
function dependsOnJob(namespace: pulumi.Input<string>, job: string): pulumi.Input<string> {
  const reference = (ns: string) => `batch/namespaces/${ns}/Job/${job}`;
  return typeof namespace === "string" ? reference(namespace) : pulumi.output(namespace).apply(reference);
}

/** Values of Forja's own making that refer to things created outside the chart. */
export interface AirflowRefs {
  names: AirflowNames;
  cluster: ClusterCapabilities;
  /** Annotations for the role's service accounts (IRSA). */
  serviceAccountAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Plain env for every Airflow container. */
  env: Record<string, pulumi.Input<string>>;
  /** Names of the keys of the `<release>-env` Secret (every key becomes an env var of every Airflow container). */
  secretEnv: string[];
  remoteLogging?: AirflowRemoteLogging;
  dagsS3Uri?: pulumi.Input<string>;
  /** The UI's route, when there is one. */
  ingress?: { host?: string; certificateArn?: pulumi.Input<string> };
  /** Namespace of the release (the create-user Job names the migration Job by it). */
  namespace: pulumi.Input<string>;
  /** `secretsChecksumOutput` of Forja's Secrets: a pod annotation, so a changed Secret rolls the pods. */
  secretsChecksum: pulumi.Input<string>;
  /** The `<release>-database-ca` ConfigMap exists: mount it in every Airflow container. */
  databaseCa?: boolean;
}

function resources(size: Resources): PlainObject {
  return containerResources(size);
}

const podSecurityContext = (uid: number, gid: number) => ({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: "RuntimeDefault" } });
const containerSecurityContext = (readOnlyRootFilesystem = false) => ({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  runAsNonRoot: true,
  readOnlyRootFilesystem,
  seccompProfile: { type: "RuntimeDefault" },
});

/** One `aws s3 sync` container: once as an init container (DAGs before start), forever as a sidecar. */
function s3SyncContainer(s: AirflowSettings, uri: pulumi.Input<string>, once: boolean): PlainObject {
  const sync = `aws s3 sync "$DAGS_S3_URI" /dags --delete --no-progress --only-show-errors`;
  return {
    name: once ? "s3-dags-init" : "s3-dags-sync",
    image: AIRFLOW_IMAGES.awsCli,
    imagePullPolicy: "IfNotPresent",
    command: ["/bin/sh", "-c", once ? sync : `while true; do ${sync} || echo "sync failed, retrying"; sleep ${s.syncIntervalSeconds}; done`],
    env: [
      { name: "HOME", value: "/home/sync" },
      { name: "DAGS_S3_URI", value: uri },
    ],
    resources: resources(s.presetSpec.sidecar),
    securityContext: { ...containerSecurityContext(true), runAsUser: AIRFLOW_DEFAULTS.uid, runAsGroup: AIRFLOW_DEFAULTS.gid },
    volumeMounts: [
      { name: "s3-dags", mountPath: "/dags" },
      { name: "s3-sync-scratch", mountPath: "/home/sync", subPath: "home" },
      { name: "s3-sync-scratch", mountPath: "/tmp", subPath: "tmp" },
    ],
  };
}

/** What one DAG-running section needs for DAGs from S3: the volume, its mount, the init copy and the sync sidecar. */
function s3DagSync(s: AirflowSettings, uri: pulumi.Input<string>): PlainObject {
  return {
    extraInitContainers: [s3SyncContainer(s, uri, true)],
    extraContainers: [s3SyncContainer(s, uri, false)],
    extraVolumes: [
      { name: "s3-dags", emptyDir: { sizeLimit: "1Gi" } },
      { name: "s3-sync-scratch", emptyDir: { sizeLimit: "256Mi" } },
    ],
    extraVolumeMounts: [{ name: "s3-dags", mountPath: AIRFLOW_DEFAULTS.dagsPath, readOnly: true }],
  };
}

/**
 * Workers and triggerers keep task logs on a volume only when nothing else
 * keeps them: with remote logging the logs live in the bucket, so the pods run
 * as Deployments without volumes (no EBS volume per pod, nothing to wait for).
 */
function logVolume(size: string, refs: AirflowRefs): PlainObject {
  return refs.remoteLogging ? { enabled: false } : { enabled: true, size, storageClassName: storageClassName(refs.cluster) };
}

function disruptionBudget(s: AirflowSettings): PlainObject {
  return { enabled: s.presetSpec.disruptionBudgets, config: { maxUnavailable: 1 } };
}

function serviceAccount(name: string, annotations?: pulumi.Input<Record<string, pulumi.Input<string>>>): PlainObject {
  return annotations === undefined ? { create: true, name } : { create: true, name, annotations };
}

/**
 * The UI's Ingress, created beside the chart rather than by it: it alone waits
 * for the ingress controller (the annotation), so the chart's pods start while
 * the AWS Load Balancer Controller is still installing. On an ALB: a load
 * balancer of its own, health-checked on the UI's health endpoint, HTTPS when
 * a certificate is given.
 */
export function uiIngress(s: AirflowSettings, refs: AirflowRefs): PlainObject {
  const cluster = refs.cluster;
  const ingress = refs.ingress ?? {};
  const annotations: Record<string, pulumi.Input<string>> = { ...cluster.ingress.annotations, ...ingressControllerAnnotation(cluster) };
  if (cluster.ingress.controller === "aws-alb") {
    Object.assign(annotations, {
      "alb.ingress.kubernetes.io/scheme": s.ingressScheme,
      "alb.ingress.kubernetes.io/target-type": "ip",
      "alb.ingress.kubernetes.io/healthcheck-path": s.airflow3 ? AIRFLOW_HEALTH_PATHS.airflow3 : AIRFLOW_HEALTH_PATHS.airflow2,
      // Airflow owns "/": an ALB of its own, never a path rule racing another service's.
      "alb.ingress.kubernetes.io/group.name": kubernetesName([refs.names.release, "airflow"]),
    });
    if (ingress.certificateArn !== undefined) {
      Object.assign(annotations, {
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/certificate-arn": ingress.certificateArn,
      });
    }
  }
  const backend = { service: { name: refs.names.uiService(s.airflow3), port: { number: AIRFLOW_DEFAULTS.uiPort } } };
  return {
    metadata: { name: refs.names.ingress, namespace: refs.namespace, labels: { ...airflowPodLabels(refs.names.release), component: s.airflow3 ? "api-server" : "webserver" }, annotations },
    spec: {
      ingressClassName: cluster.ingress.className,
      rules: [{ ...(ingress.host ? { host: ingress.host } : {}), http: { paths: [{ path: "/", pathType: "Prefix", backend }] } }],
    },
  };
}

function configValues(s: AirflowSettings, refs: AirflowRefs): PlainObject {
  const config: PlainObject = { core: { load_examples: "False" }, celery: { worker_concurrency: s.presetSpec.workerConcurrency } };
  if (refs.remoteLogging) {
    config.logging = {
      remote_logging: "True",
      remote_base_log_folder: refs.remoteLogging.baseLogFolder,
      remote_log_conn_id: refs.remoteLogging.connectionId ?? AIRFLOW_DEFAULTS.remoteLogConnectionId,
      encrypt_s3_logs: "False",
    };
  }
  if (refs.ingress?.host) {
    const url = `${refs.ingress?.certificateArn === undefined ? "http" : "https"}://${refs.ingress?.host}`;
    config[s.airflow3 ? "api" : "webserver"] = { base_url: url };
  }
  return config;
}

function dagValues(s: AirflowSettings): PlainObject | undefined {
  const dags = s.dags;
  if (dags.kind !== DagSourceKind.GitSync) return undefined;
  return {
    gitSync: {
      enabled: true,
      repo: dags.gitRepository,
      branch: dags.gitBranch ?? AIRFLOW_DEFAULTS.gitBranch,
      subPath: dags.gitSubPath ?? "",
      period: `${s.syncIntervalSeconds}s`,
      ...(dags.gitSshKeySecret ? { sshKeySecret: dags.gitSshKeySecret } : {}),
      resources: resources(s.presetSpec.sidecar),
      // git-sync adds its user to /etc/passwd (GIT_SYNC_ADD_USER): its root filesystem stays writable.
      securityContexts: { container: containerSecurityContext(false) },
    },
  };
}

/** The computed values layer (component defaults < this < the user's `values`). */
export function airflowValues(s: AirflowSettings, refs: AirflowRefs): PlainObject {
  const { names } = refs;
  const preset = s.presetSpec;
  const image = parseImage(mirrorImage(s.image, refs.cluster.imageMirrors));
  const repository = `${image.registry}/${image.repository}`;
  const sync = s.dags.kind === DagSourceKind.S3 ? s3DagSync(s, refs.dagsS3Uri as pulumi.Input<string>) : {};
  const groomer = { logGroomerSidecar: { resources: resources(preset.sidecar) } };
  const annotations = refs.serviceAccountAnnotations;
  const section = (key: keyof AirflowNames["serviceAccounts"], size: Resources, role: boolean): PlainObject => ({
    resources: resources(size),
    serviceAccount: serviceAccount(names.serviceAccounts[key], role ? annotations : undefined),
  });
  const ui: PlainObject = { replicas: preset.replicas, podDisruptionBudget: disruptionBudget(s), ...section(s.airflow3 ? "apiServer" : "webserver", preset.ui, true) };
  // By name: a map reaches a package component with its keys sorted (a protobuf Struct), so every language renders one list.
  const env = Object.entries(refs.env)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => ({ name, value }));

  const values: PlainObject = {
    airflowVersion: s.airflowVersion,
    defaultAirflowRepository: repository,
    defaultAirflowTag: image.tag ?? s.airflowVersion,
    defaultAirflowDigest: image.digest ?? null,
    images: {
      airflow: { repository, tag: image.tag ?? null, digest: image.digest ?? null, pullPolicy: "IfNotPresent" },
      statsd: { ...AIRFLOW_IMAGES.statsd },
      ...(s.dags.kind === DagSourceKind.GitSync ? { gitSync: { ...AIRFLOW_IMAGES.gitSync } } : {}),
    },
    executor: "CeleryExecutor",
    // Celery workers launch no pods: no pod-launching Role for them.
    allowPodLaunching: false,
    uid: AIRFLOW_DEFAULTS.uid,
    gid: AIRFLOW_DEFAULTS.gid,
    securityContexts: { pod: podSecurityContext(AIRFLOW_DEFAULTS.uid, AIRFLOW_DEFAULTS.gid), containers: containerSecurityContext() },
    airflowPodAnnotations: { [SECRETS_CHECKSUM_ANNOTATION]: refs.secretsChecksum },
    // Databases come from Forja (Postgres/Redis or RDS/ElastiCache), never the chart's subcharts.
    postgresql: { enabled: false },
    redis: { enabled: false },
    pgbouncer: { enabled: false },
    data: { metadataSecretName: names.metadata, brokerUrlSecretName: names.brokerUrl },
    fernetKeySecretName: names.fernetKey,
    ...(s.airflow3 ? { apiSecretKeySecretName: names.apiSecretKey, jwtSecretName: names.jwtSecret } : { webserverSecretKeySecretName: names.webserverSecretKey }),
    migrateDatabaseJob: { enabled: true, useHelmHooks: false, ttlSecondsAfterFinished: null, ...section("migrateDatabaseJob", preset.jobs, false) },
    createUserJob: {
      enabled: true,
      useHelmHooks: false,
      ttlSecondsAfterFinished: null,
      ...section("createUserJob", preset.jobs, false),
      // Created once the migration Job has succeeded (the v4 Chart orders by it): no crash-looping against an empty schema.
      jobAnnotations: { [DEPENDS_ON_ANNOTATION]: dependsOnJob(refs.namespace, names.migrationJob) },
      // The password comes from the admin Secret through env: it never appears in the Job's spec.
      args: ["bash", "-c", `exec airflow users create -r Admin -u "${s.adminUsername}" -e "${AIRFLOW_DEFAULTS.adminEmail}" -f Airflow -l Admin -p "$${ADMIN_PASSWORD_ENV}"`],
      env: [{ name: ADMIN_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: names.admin, key: "password" } } }],
    },
    scheduler: { replicas: preset.replicas, podDisruptionBudget: disruptionBudget(s), ...section("scheduler", preset.scheduler, true), ...groomer, ...sync },
    workers: {
      celery: {
        replicas: preset.replicas,
        persistence: logVolume(s.workerStorageSize, refs),
      },
      podDisruptionBudget: disruptionBudget(s),
      ...section("workers", preset.workers, true),
      ...groomer,
      ...sync,
    },
    triggerer: {
      replicas: preset.replicas,
      podDisruptionBudget: disruptionBudget(s),
      persistence: logVolume(s.triggererStorageSize, refs),
      ...section("triggerer", preset.triggerer, true),
      ...groomer,
      ...sync,
    },
    ...(s.airflow3
      ? { dagProcessor: { enabled: true, replicas: preset.replicas, podDisruptionBudget: disruptionBudget(s), ...section("dagProcessor", preset.dagProcessor, true), ...groomer, ...sync } }
      : {}),
    [s.airflow3 ? "apiServer" : "webserver"]: ui,
    statsd: {
      enabled: true,
      ...section("statsd", preset.statsd, false),
      securityContexts: { pod: podSecurityContext(65534, 65534), container: containerSecurityContext(true) },
    },
    config: configValues(s, refs),
    env,
  };
  // The whole Secret as env: its values never pass through the chart's values.
  if (refs.secretEnv.length) values.extraEnvFrom = `- secretRef:\n    name: ${names.env}\n`;
  if (refs.databaseCa) {
    // Top-level volumes reach every Airflow container, init containers and Jobs included: each one opens the database.
    values.volumes = [{ name: "database-ca", configMap: { name: names.databaseCa } }];
    values.volumeMounts = [{ name: "database-ca", mountPath: AIRFLOW_DEFAULTS.databaseCaPath, readOnly: true }];
  }
  const dags = dagValues(s);
  if (dags) values.dags = dags;
  return values;
}
