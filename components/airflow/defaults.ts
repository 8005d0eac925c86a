import type { Resources } from "../core/resources";
/**
 * Pinned chart, images and presets for Airflow. Chart 1.19.0 ships Airflow
 * 3.1.7 and still renders Airflow 2.10/2.11 (webserver, ingress.web); its
 * values.schema.json is in tests/fixtures to validate what Forja renders.
 */
export const AIRFLOW_CHART = { chart: "airflow", version: "1.19.0", repository: "https://airflow.apache.org" } as const;

export const AIRFLOW_VERSIONS = {
  /** The chart's appVersion. */
  airflow3: "3.1.7",
  /** The last Airflow 2 release line the seed's image (`FROM apache/airflow:2.x`) can move to. */
  airflow2: "2.11.0",
} as const;

export const AIRFLOW_IMAGES = {
  /** Official image repository; the tag is the Airflow version. */
  airflow: "docker.io/apache/airflow",
  /** The seed's StatsD exporter. */
  statsd: { repository: "quay.io/prometheus/statsd-exporter", tag: "v0.28.0" },
  gitSync: { repository: "registry.k8s.io/git-sync/git-sync", tag: "v4.4.2" },
  /** Copies DAGs from S3 with the pod's role. */
  awsCli: "public.ecr.aws/aws-cli/aws-cli:2.27.0",
} as const;

export const AIRFLOW_DEFAULTS = {
  preset: "production",
  adminUsername: "admin",
  adminEmail: "admin@example.com",
  workerStorageSize: "20Gi",
  triggererStorageSize: "10Gi",
  protect: true,
  /** The image's airflow user; group 0 as the official image expects. */
  uid: 50000,
  gid: 0,
  dagsPath: "/opt/airflow/dags",
  gitBranch: "main",
  syncIntervalSeconds: 60,
  remoteLogConnectionId: "aws_default",
  databasePort: 5432,
  brokerPort: 6379,
  sslmode: "require",
  /** In-cluster Postgres: the database and owner Airflow uses (never the superuser). */
  metadataDatabase: "airflow",
  uiPort: 8080,
  /** Secret key lengths: 32 random bytes for Fernet, 64 characters for the Flask/JWT keys. */
  fernetKeyBytes: 32,
  signingKeyLength: 64,
  adminPasswordLength: 24,
  /** Where every Airflow container finds the database's CA bundle (`sslrootcert`). */
  databaseCaPath: "/opt/airflow/database-ca",
  databaseCaKey: "ca.pem",
} as const;

/** Pod annotation whose change rolls every Airflow pod: a hash of the data of every Secret Forja owns. */
export const SECRETS_CHECKSUM_ANNOTATION = "forja.dev/secrets-checksum";
/** The v4 Chart (and kpt) order: this object is applied once the named one is ready. */
export const DEPENDS_ON_ANNOTATION = "config.kubernetes.io/depends-on";
/** Values that rename the chart's objects: Forja refers to them by name (Secrets, Services, service accounts, Jobs). */
export const NAMING_KEYS = ["useStandardNaming", "fullnameOverride", "nameOverride"] as const;

/** What the load balancer probes: the API server's and the webserver's unauthenticated health endpoints. */
export const AIRFLOW_HEALTH_PATHS = { airflow3: "/api/v2/monitor/health", airflow2: "/health" } as const;

export interface PresetSpec {
  replicas: number;
  disruptionBudgets: boolean;
  ui: Resources;
  scheduler: Resources;
  workers: Resources;
  /** Tasks one Celery worker runs at once (`[celery] worker_concurrency`): what its memory limit holds. */
  workerConcurrency: number;
  triggerer: Resources;
  dagProcessor: Resources;
  jobs: Resources;
  statsd: Resources;
  sidecar: Resources;
}

const size = (cpu: string, memory: string, memoryLimit: string): Resources => ({ requests: { cpu, memory }, limits: { memory: memoryLimit } });

/**
 * Requests are what a process uses at rest, limits what it may burst to (no
 * CPU limits: idle CPU is lent, never throttled). Why each figure:
 * - UI: gunicorn (2) or uvicorn (3) workers, ~250 MiB each, mostly idle.
 * - scheduler: one loop; on Airflow 2 it also parses DAGs. The busiest process.
 * - workers: the Celery parent (~400 MiB) plus one process per running task,
 *   ~300-400 MiB each with provider imports: the memory limit divided by that
 *   is `workerConcurrency` (the chart's 16 would be OOM-killed at 4 Gi). Tasks
 *   here mostly wait on S3 and Bedrock, so CPU requests stay low.
 * - triggerer: one asyncio loop of sleeping deferrals.
 * - dag processor (3): parses DAG files on a timer.
 * - sidecars: `aws s3 sync` every minute and the log groomer, both idle.
 * Production runs two of each server behind disruption budgets.
 */
export const AIRFLOW_PRESETS: Record<"development" | "production", PresetSpec> = {
  development: {
    replicas: 1,
    disruptionBudgets: false,
    ui: size("100m", "512Mi", "1536Mi"),
    scheduler: size("200m", "512Mi", "1Gi"),
    workers: size("200m", "768Mi", "2Gi"),
    workerConcurrency: 4,
    triggerer: size("50m", "256Mi", "512Mi"),
    dagProcessor: size("100m", "384Mi", "1Gi"),
    jobs: size("100m", "384Mi", "1Gi"),
    statsd: size("10m", "32Mi", "64Mi"),
    sidecar: size("10m", "32Mi", "128Mi"),
  },
  production: {
    replicas: 2,
    disruptionBudgets: true,
    ui: size("200m", "1Gi", "2Gi"),
    scheduler: size("500m", "1Gi", "2Gi"),
    workers: size("400m", "1536Mi", "4Gi"),
    workerConcurrency: 8,
    triggerer: size("100m", "384Mi", "1Gi"),
    dagProcessor: size("250m", "768Mi", "2Gi"),
    jobs: size("100m", "512Mi", "1Gi"),
    statsd: size("20m", "48Mi", "128Mi"),
    sidecar: size("10m", "48Mi", "256Mi"),
  },
};

/** Top-level keys of chart 1.19.0's values.schema.json: Helm silently ignores any other. */
export const CHART_TOP_LEVEL_KEYS = [
  "fullnameOverride", "revisionHistoryLimit", "nameOverride", "useStandardNaming", "uid", "gid", "airflowHome", "defaultAirflowRepository", "defaultAirflowTag",
  "defaultAirflowDigest", "airflowVersion", "securityContext", "securityContexts", "containerLifecycleHooks", "nodeSelector", "affinity", "tolerations",
  "topologySpreadConstraints", "schedulerName", "labels", "imagePullSecrets", "ingress", "networkPolicies", "airflowPodAnnotations", "airflowConfigAnnotations",
  "airflowLocalSettings", "rbac", "executor", "allowPodLaunching", "allowJobLaunching", "images", "env", "volumes", "volumeMounts", "secret",
  "enableBuiltInSecretEnvVars", "extraEnv", "extraEnvFrom", "priorityClasses", "extraSecrets", "extraConfigMaps", "data", "fernetKey", "fernetKeySecretName",
  "fernetKeySecretAnnotations", "apiSecretKey", "apiSecretAnnotations", "apiSecretKeySecretName", "jwtSecret", "jwtSecretName", "jwtSecretAnnotations",
  "webserverSecretKey", "webserverSecretAnnotations", "webserverSecretKeySecretName", "kerberos", "workers", "scheduler", "triggerer", "dagProcessor",
  "createUserJob", "migrateDatabaseJob", "apiServer", "webserver", "flower", "statsd", "pgbouncer", "redis", "registry", "elasticsearch", "opensearch", "ports",
  "quotas", "limits", "cleanup", "databaseCleanup", "postgresql", "config", "multiNamespaceMode", "podTemplate", "dags", "logs",
] as const;

/** Keys only one major version renders: setting the other's is a mistake the chart would silently ignore. */
export const VERSION_ONLY_KEYS = {
  airflow2: ["webserver", "webserverSecretKey", "webserverSecretKeySecretName", "webserverSecretAnnotations", "ingress.web"],
  airflow3: ["apiServer", "apiSecretKey", "apiSecretKeySecretName", "apiSecretAnnotations", "jwtSecret", "jwtSecretName", "jwtSecretAnnotations", "ingress.apiServer"],
} as const;
