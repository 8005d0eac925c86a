/** Pinned engines and sizes for Airflow's AWS services. */
export const AIRFLOW_EKS_DEFAULTS = {
  engine: "postgres",
  /**
   * Major only: AWS applies minor upgrades in the maintenance window (and
   * forces them when a minor is deprecated); a pinned minor would then ask
   * RDS for a downgrade it refuses. The parameter group family follows the major.
   */
  engineVersion: "15",
  /** Majors Airflow 2.10+ and 3 support on RDS. */
  supportedMajors: ["15", "16", "17"],
  /** The CA RDS signs the server certificate with; rdsCaBundle ships all three current ones. */
  caCertIdentifier: "rds-ca-rsa2048-g1",
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
  /** The login role Airflow connects as: owner of its database, nothing more. */
  appUsername: "airflow_app",
  /** Days the RDS log groups keep the PostgreSQL and upgrade logs. */
  rdsLogRetentionDays: 30,
  /** Days a deleted master secret can be restored. */
  secretRecoveryDays: 7,
  setupBackoffLimit: 6,
  /** The setup Job: one Python process and one connection. */
  setupResources: { cpu: "50m", memory: "192Mi", memoryLimit: "512Mi" },
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
