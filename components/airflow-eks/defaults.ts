/** Pinned engines and sizes for Airflow's AWS services. */
export const AIRFLOW_EKS_DEFAULTS = {
  engine: "postgres",
  /** Minor pinned; the parameter group family follows the major. */
  engineVersion: "15.14",
  parameterGroupFamily: "postgres15",
  instanceClass: { production: "db.t4g.large", development: "db.t4g.medium" },
  allocatedStorageGiB: 50,
  maxAllocatedStorageGiB: 200,
  backupRetentionDays: { production: 7, development: 1 },
  /** Below this, production backups are refused. */
  minimumProductionBackupDays: 7,
  performanceInsightsRetentionDays: 7,
  logExports: ["postgresql", "upgrade"],
  databaseName: "airflow",
  masterUsername: "airflow",
  cacheEngineVersion: "7.1",
  cacheParameterGroup: "default.redis7",
  nodeType: "cache.t4g.medium",
  cacheSnapshotDays: { production: 7, development: 1 },
  logRetentionDays: 90,
  /** Old versions of DAG files stay this long (undo a bad upload). */
  dagVersionRetentionDays: 90,
  logsPrefix: "logs",
  dagsPrefix: "dags",
  exampleDagKey: "dags/genai_bedrock_example.py",
  passwordLength: 32,
  authTokenLength: 64,
  postgresPort: 5432,
  redisPort: 6379,
} as const;
