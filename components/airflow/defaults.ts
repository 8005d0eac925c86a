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
} as const;

/** What the load balancer probes: the API server's and the webserver's unauthenticated health endpoints. */
export const AIRFLOW_HEALTH_PATHS = { airflow3: "/api/v2/monitor/health", airflow2: "/health" } as const;

export interface ComponentSize {
  cpuRequest: string;
  memoryRequest: string;
  memoryLimit: string;
}
export interface PresetSpec {
  replicas: number;
  disruptionBudgets: boolean;
  ui: ComponentSize;
  scheduler: ComponentSize;
  workers: ComponentSize;
  triggerer: ComponentSize;
  dagProcessor: ComponentSize;
  jobs: ComponentSize;
  statsd: ComponentSize;
  sidecar: ComponentSize;
}

const size = (cpuRequest: string, memoryRequest: string, memoryLimit: string): ComponentSize => ({ cpuRequest, memoryRequest, memoryLimit });

/** Production runs two of everything behind disruption budgets; development runs one of each. */
export const AIRFLOW_PRESETS: Record<"development" | "production", PresetSpec> = {
  development: {
    replicas: 1,
    disruptionBudgets: false,
    ui: size("250m", "768Mi", "1536Mi"),
    scheduler: size("250m", "512Mi", "1Gi"),
    workers: size("250m", "1Gi", "2Gi"),
    triggerer: size("100m", "256Mi", "512Mi"),
    dagProcessor: size("100m", "512Mi", "1Gi"),
    jobs: size("100m", "512Mi", "1Gi"),
    statsd: size("25m", "32Mi", "64Mi"),
    sidecar: size("10m", "32Mi", "128Mi"),
  },
  production: {
    replicas: 2,
    disruptionBudgets: true,
    ui: size("500m", "1Gi", "2Gi"),
    scheduler: size("1", "1Gi", "2Gi"),
    workers: size("1", "2Gi", "4Gi"),
    triggerer: size("250m", "512Mi", "1Gi"),
    dagProcessor: size("500m", "1Gi", "2Gi"),
    jobs: size("250m", "512Mi", "1Gi"),
    statsd: size("50m", "64Mi", "128Mi"),
    sidecar: size("25m", "64Mi", "256Mi"),
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
