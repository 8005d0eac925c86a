import type * as pulumi from "@pulumi/pulumi";
import type { AirflowIngress, AirflowPreset } from "../airflow/args";
import type { ClusterCapabilities } from "../platform/capabilities";

/** The RDS PostgreSQL metadata database. */
export interface AirflowRdsArgs {
  /** Only "postgres" (RDS PostgreSQL) is supported. @default "postgres" */
  engine?: string;
  /** PostgreSQL major version ("15", "16" or "17"); RDS applies minor upgrades in the maintenance window. A changed major upgrades in place. @default "15" */
  engineVersion?: string;
  /** @default "db.t4g.large" in production, "db.t4g.medium" otherwise */
  instanceClass?: string;
  /** Initial storage in GiB (integer). @default 50 */
  allocatedStorageGiB?: number;
  /** Storage autoscaling ceiling in GiB (integer). @default 200 */
  maxAllocatedStorageGiB?: number;
  /** Days of automated backups (integer; at least 7 when protected). @default 7 when protected, 1 otherwise */
  backupRetentionDays?: number;
}

/** The ElastiCache Redis Celery broker. */
export interface AirflowCacheArgs {
  /** Redis 7. @default "7.1" */
  engineVersion?: string;
  /** @default "cache.t4g.medium" */
  nodeType?: string;
}

export interface AirflowOnEksArgs {
  /** The EKS cluster's capabilities (workload identity, ALB ingress, ECR mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace for Airflow (must exist). */
  namespace: pulumi.Input<string>;
  /** VPC of the cluster (EksCluster.vpcId): the database and cache live in it. */
  vpcId: pulumi.Input<string>;
  /** Private subnets for the database and cache (EksCluster.privateSubnetIds). */
  privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The nodes' security group (EksCluster.nodeSecurityGroupId): the only source allowed to 5432 and 6379. */
  nodeSecurityGroupId: pulumi.Input<string>;
  /** Airflow version: 3.x, or 2.10/2.11 for the seed's image. @default "3.1.7" */
  airflowVersion?: string;
  /** Airflow image pinned to a tag or digest (e.g. the mirrored seed image). @default the official image of airflowVersion */
  image?: string;
  /** Sizes only: production is a multi-AZ database and cache, a larger instance, two of every Airflow component. Protection follows `protect`. @default "production" */
  preset?: AirflowPreset;
  /** The metadata database. @default RDS PostgreSQL 15 sized per preset */
  database?: AirflowRdsArgs;
  /** The Celery broker. @default ElastiCache Redis 7.1 on cache.t4g.medium */
  cache?: AirflowCacheArgs;
  /** The UI on an ALB of its own. @default an internal ALB, every host, HTTP with a warning until certificateArn is set */
  ingress?: AirflowIngress;
  /** Days task logs are kept in S3 (integer). @default 90 */
  logRetentionDays?: number;
  /** Upload the seed's GenAI example DAG (Bedrock through the pods' role) to the DAG bucket. @default true */
  exampleDag?: boolean;
  /** Plain env for every Airflow container, e.g. GenAiAccess's GENAI_MODEL_ID. @default { AWS_REGION, AWS_DEFAULT_REGION } of the cluster */
  env?: Record<string, pulumi.Input<string>>;
  /** Credentials for every Airflow container, through a Secret. @default {} */
  secretEnv?: Record<string, pulumi.Input<string>>;
  /** More IAM policies (JSON) for Airflow's role by a stable name, e.g. GenAiAccess's Bedrock policy. @default {} */
  rolePolicies?: Record<string, pulumi.Input<string>>;
  /**
   * Keep the data whatever the preset: Pulumi `protect` on the database, cache,
   * buckets, KMS key and Fernet key; RDS deletion protection, a final snapshot
   * and at least a week of backups; a week of cache snapshots. Tie it to the
   * stack's environment. @default true
   */
  protect?: boolean;
  /** Chart values over Forja's (see Airflow). @default {} */
  values?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** @default {} */
  tags?: Record<string, string>;
}
