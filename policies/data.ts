/**
 * Data safety: what holds data is protected in production, and nothing
 * deletes volumes as a side effect.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isProduction, obj, rule } from "./util";

/** Types whose replacement or deletion loses data. */
export const STATEFUL_TYPES = new Set([
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:docdb/cluster:Cluster",
  "aws:neptune/cluster:Cluster",
  "aws:redshift/cluster:Cluster",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:opensearch/domain:Domain",
  "aws:msk/cluster:Cluster",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:ebs/volume:Volume",
  "aws:efs/fileSystem:FileSystem",
  "aws:dynamodb/table:Table",
  "aws:ecr/repository:Repository",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:core/v1:PersistentVolume",
  "azure-native:cosmosdb:DatabaseAccount",
  "azure-native:cosmosdb:MongoDBResourceMongoDBDatabase",
  "azure-native:cosmosdb:SqlResourceSqlDatabase",
  "azure-native:cosmosdb:MongoCluster",
  "azure-native:mongocluster:MongoCluster",
  "azure-native:sql:Server",
  "azure-native:sql:Database",
  "azure-native:dbforpostgresql:Server",
  "azure-native:dbformysql:Server",
  "azure-native:redis:Redis",
  "azure-native:keyvault:Vault",
  "azure-native:storage:StorageAccount",
  "azure-native:containerregistry:Registry",
]);

const statefulProtected = rule(
  "stateful-resources-protected",
  "In production, resources that hold data (databases, caches, buckets, volumes, keys, vaults, registries) are protected against deletion.",
  (args, report) => {
    if (isProduction(args) && STATEFUL_TYPES.has(args.type) && !args.opts.protect) report(`${args.type} holds data and must be protected in production`);
  },
  { production: true },
);

const namespacesProtected = rule(
  "namespaces-protected",
  "In production, workload namespaces are protected: deleting a namespace deletes every volume claim, Secret and workload in it.",
  (args, report) => {
    if (isProduction(args) && args.type === "kubernetes:core/v1:Namespace" && !args.opts.protect) report("namespace must be protected in production: its deletion would take every volume claim in it");
  },
  { production: true },
);

const claimsRetained = rule("statefulset-claims-retained", "StatefulSets keep their volume claims when deleted (persistentVolumeClaimRetentionPolicy.whenDeleted is not Delete).", (args, report) => {
  if (!/^kubernetes:apps\/v1:StatefulSet(Patch)?$/.test(args.type)) return;
  const policy = obj(obj(args.props.spec).persistentVolumeClaimRetentionPolicy);
  if (policy.whenDeleted === "Delete") report("persistentVolumeClaimRetentionPolicy.whenDeleted: Delete drops the data with the StatefulSet; use Retain");
});

/** Engines whose TLS is forced only by a parameter (in-transit-tls checks the parameter groups themselves). */
const TLS_ENGINES = /^(aurora-)?(postgres(ql)?|mysql)$|^mariadb$/;

/** RDS for PostgreSQL 15 and later forces TLS in its default parameter group; MySQL and MariaDB never do. */
function defaultGroupForcesTls(engine: string, version: string): boolean {
  return /postgres/.test(engine) && Number(/^(\d+)/.exec(version)?.[1] ?? 0) >= 15;
}

const databaseTls = rule(
  "database-tls-enforced",
  "RDS instances whose engine forces TLS only through a parameter use a parameter group (in-transit-tls checks that it sets rds.force_ssl or require_secure_transport), not a default group that accepts plain connections.",
  (args, report) => {
    if (args.type !== "aws:rds/instance:Instance" || args.props.parameterGroupName !== undefined) return;
    const engine = String(args.props.engine ?? "");
    const version = String(args.props.engineVersion ?? "");
    if (TLS_ENGINES.test(engine) && !defaultGroupForcesTls(engine, version)) {
      report(`${engine} ${version} with the default parameter group accepts unencrypted connections: give it a parameter group that forces TLS`);
    }
  },
);

export const dataPolicies: ResourceValidationPolicy[] = [statefulProtected, namespacesProtected, claimsRetained, databaseTls];
