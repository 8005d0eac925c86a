/** Pure parts of AirflowOnEks: validation, IAM and bucket documents, database and cache settings. */
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import type { PolicyDocument } from "../aws/iam";
import { policyDocument } from "../aws/iam";
import { AirflowPreset } from "../airflow/args";
import { validateAirflow } from "../airflow/settings";
import { requireWorkloadIdentity, validateCapabilities } from "../platform/capabilities";
import type { AirflowOnEksArgs } from "./args";
import { AIRFLOW_EKS_DEFAULTS as D } from "./defaults";

const COMPONENT = "AirflowOnEks";

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

function checkInteger(argument: string, value: number, min: number, max: number, why = ""): void {
  if (!Number.isInteger(value) || value < min || value > max) fail(argument, value, `an integer from ${min} to ${max}${why}`);
}

/**
 * Two independent axes: the preset sizes things (instance class, multi-AZ,
 * replicas), `protect` keeps data (deletion protection, final snapshot, a
 * week of backups, Pulumi `protect`). A development preset in a production
 * stack stays small but loses no protection.
 */
export function airflowOnEksSettings(args: AirflowOnEksArgs) {
  const production = (args.preset ?? AirflowPreset.Production) === AirflowPreset.Production;
  const tier = production ? "production" : "development";
  const protect = args.protect ?? true;
  const db = withDefaults(
    {
      engine: D.engine as string,
      engineVersion: D.engineVersion as string,
      instanceClass: D.instanceClass[tier] as string,
      allocatedStorageGiB: D.allocatedStorageGiB as number,
      maxAllocatedStorageGiB: D.maxAllocatedStorageGiB as number,
      backupRetentionDays: D.backupRetentionDays[protect ? "production" : "development"] as number,
    },
    args.database,
  );
  const cache = withDefaults({ engineVersion: D.cacheEngineVersion as string, nodeType: D.nodeType as string }, args.cache);
  const a = withDefaults({ logRetentionDays: D.logRetentionDays as number, exampleDag: true }, { logRetentionDays: args.logRetentionDays, exampleDag: args.exampleDag });
  const major = String(db.engineVersion);
  return { ...a, protect, production, db, parameterGroupFamily: `postgres${major}`, cache, tags: args.tags ?? {}, region: args.cluster?.region ?? "us-east-1" };
}

export type AirflowOnEksSettings = ReturnType<typeof airflowOnEksSettings>;

/** Every rule an AirflowOnEks must satisfy (its Airflow's too), checked before anything is registered. */
export function validateAirflowOnEks(name: string, args: AirflowOnEksArgs): AirflowOnEksSettings & { airflow3: boolean; image: string } {
  if (!args || typeof args !== "object") fail("args", args, "an object with at least cluster, namespace, vpcId, privateSubnetIds and nodeSecurityGroupId");
  validateCapabilities(COMPONENT, args.cluster);
  requireWorkloadIdentity(COMPONENT, args.cluster, "Airflow reads DAGs and writes logs in S3 with its pods' role");
  for (const field of ["vpcId", "privateSubnetIds", "nodeSecurityGroupId"] as const) {
    if (args[field] === undefined || args[field] === "") fail(field, args[field], "the cluster's network (EksCluster exports vpcId, privateSubnetIds and nodeSecurityGroupId)");
  }
  const s = airflowOnEksSettings(args);
  if (s.db.engine !== "postgres") fail("database.engine", s.db.engine, '"postgres": Airflow\'s metadata database here is RDS PostgreSQL 15');
  if (typeof s.db.engineVersion !== "string" || !(D.supportedMajors as readonly string[]).includes(s.db.engineVersion)) {
    fail("database.engineVersion", s.db.engineVersion, `a PostgreSQL major version only (${D.supportedMajors.join(", ")}): RDS applies minor upgrades itself, and a pinned minor would make Pulumi ask for a downgrade after one`);
  }
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(s.db.instanceClass)) fail("database.instanceClass", s.db.instanceClass, "an RDS instance class such as db.t4g.large");
  checkInteger("database.allocatedStorageGiB", s.db.allocatedStorageGiB, 20, 65536);
  checkInteger("database.maxAllocatedStorageGiB", s.db.maxAllocatedStorageGiB, s.db.allocatedStorageGiB, 65536, " (at least allocatedStorageGiB)");
  checkInteger("database.backupRetentionDays", s.db.backupRetentionDays, s.protect ? D.minimumProductionBackupDays : 1, 35, s.protect ? " (a protected database keeps at least a week)" : "");
  if (!/^7\.\d+$/.test(s.cache.engineVersion)) fail("cache.engineVersion", s.cache.engineVersion, 'Redis 7, e.g. "7.1"');
  if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(s.cache.nodeType)) fail("cache.nodeType", s.cache.nodeType, "an ElastiCache node type such as cache.t4g.medium");
  checkInteger("logRetentionDays", s.logRetentionDays, 1, 3650);
  if (args.cluster.region === undefined) fail("cluster.region", undefined, "the EKS cluster's region");
  // The Airflow inside is checked now too: nothing may be registered on bad args.
  const airflow = validateAirflow(name, { cluster: args.cluster, namespace: args.namespace, airflowVersion: args.airflowVersion, image: args.image, preset: args.preset, ingress: args.ingress, env: args.env, secretEnv: args.secretEnv, values: args.values });
  return { ...s, airflow3: airflow.airflow3, image: airflow.image };
}

/**
 * Exactly what Airflow's pods may do in S3: list both buckets, read and write
 * task logs under the log prefix, read DAG files under the DAG prefix. No
 * delete, no other bucket, no other service.
 */
export function airflowS3Policy(logsBucketArn: string, dagsBucketArn: string): PolicyDocument {
  return policyDocument([
    { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListBucket", Resource: [logsBucketArn, dagsBucketArn] },
    { Sid: "ReadWriteTaskLogs", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${logsBucketArn}/${D.logsPrefix}/*` },
    { Sid: "ReadDags", Effect: "Allow", Action: "s3:GetObject", Resource: `${dagsBucketArn}/${D.dagsPrefix}/*` },
  ]);
}


/** Task logs expire; DAG files keep old versions for a while. Unfinished uploads never linger. */
export function lifecycleRules(kind: "logs" | "dags", s: AirflowOnEksSettings) {
  const abort = { abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } };
  return kind === "logs"
    ? [{ id: "expire-task-logs", status: "Enabled", filter: {}, expiration: { days: s.logRetentionDays }, ...abort }]
    : [{ id: "expire-old-dag-versions", status: "Enabled", filter: {}, noncurrentVersionExpiration: { noncurrentDays: D.dagVersionRetentionDays }, ...abort }];
}

/** RDS names that must exist before the instance: its identifier and the log groups it exports to. */
export function rdsNames(name: string, suffix: string) {
  const identifier = `${name}-db-${suffix}`;
  return {
    identifier,
    // Unique per instance: a second create/destroy cycle of the stack never meets DBSnapshotAlreadyExists.
    finalSnapshot: `${identifier}-final`,
    logGroups: D.logExports.map((log) => ({ log, name: `/aws/rds/instance/${identifier}/${log}` })),
  };
}

/** RDS inputs that depend only on the settings (the class adds names, network, key and password). */
export function rdsSettings(s: AirflowOnEksSettings) {
  return {
    engine: s.db.engine,
    engineVersion: s.db.engineVersion,
    // Minor upgrades in the maintenance window; engineVersion names the major only, so Pulumi never fights them.
    autoMinorVersionUpgrade: true,
    allowMajorVersionUpgrade: true,
    caCertIdentifier: D.caCertIdentifier,
    instanceClass: s.db.instanceClass,
    allocatedStorage: s.db.allocatedStorageGiB,
    maxAllocatedStorage: s.db.maxAllocatedStorageGiB,
    storageType: "gp3",
    storageEncrypted: true,
    dbName: D.databaseName,
    username: D.masterUsername,
    port: D.postgresPort,
    publiclyAccessible: false,
    multiAz: s.production,
    deletionProtection: s.protect,
    skipFinalSnapshot: !s.protect,
    backupRetentionPeriod: s.db.backupRetentionDays,
    copyTagsToSnapshot: true,
    performanceInsightsEnabled: true,
    performanceInsightsRetentionPeriod: D.performanceInsightsRetentionDays,
    enabledCloudwatchLogsExports: [...D.logExports],
    tags: s.tags,
  };
}

export function cacheSettings(name: string, s: AirflowOnEksSettings) {
  return {
    description: `Celery broker of Airflow ${name}`,
    engine: "redis",
    engineVersion: s.cache.engineVersion,
    parameterGroupName: D.cacheParameterGroup,
    nodeType: s.cache.nodeType,
    port: D.redisPort,
    numCacheClusters: s.production ? 2 : 1,
    automaticFailoverEnabled: s.production,
    multiAzEnabled: s.production,
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    snapshotRetentionLimit: s.protect ? D.cacheSnapshotDays.production : D.cacheSnapshotDays.development,
    tags: s.tags,
  };
}
