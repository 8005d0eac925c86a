/**
 * S3 mode: the bucket Milvus writes to and the IRSA role that may use it.
 * Loaded only in S3 mode, so K3s users need not install @pulumi/aws.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogBucket, allowLogDelivery } from "../aws/access-logs";
import { WorkloadRole } from "../aws/workload-role";
import { childName } from "../core/naming";
import { ETCD_BACKUP, MILVUS_DEFAULTS } from "./defaults";
import { ETCD_BACKUP_NAME } from "./etcd-backup";
import { tlsOnlyBucketPolicy } from "../aws/iam";
import { snapshotPolicy, storagePolicy } from "./iam";
import type { MilvusPlan } from "./validate";

export interface MilvusBucket {
  bucket: aws.s3.Bucket;
  role: WorkloadRole;
  /** The etcd backup's role (write-only, under the snapshot prefix), when backups are on. */
  backupRole?: WorkloadRole;
  /** Everything the pods need before they start: the role's policies and the bucket's guards. */
  ready: pulumi.Resource[];
}

/**
 * A private, versioned, SSE-KMS bucket reachable only over TLS, never
 * force-destroyed, its access logged to a bucket of its own, plus a role
 * trusted by Milvus's service account alone.
 * In production the bucket is protected and survives the stack's deletion.
 */
export function milvusBucket(parent: pulumi.Resource, name: string, plan: MilvusPlan, namespace: pulumi.Input<string>, serviceAccount: string): MilvusBucket {
  const opts = { parent };
  const keep = { parent, protect: plan.protect, retainOnDelete: plan.protect };
  // Who read or deleted which segment: S3 server access logs, in a bucket of their own.
  const accessLogs = accessLogBucket(name, plan.tags, keep);
  const bucket = new aws.s3.Bucket(childName(name, "bucket"), { bucket: plan.s3.bucketName, forceDestroy: false, tags: plan.tags, logging: { targetBucket: accessLogs.bucket.bucket, targetPrefix: "milvus/" } }, keep);
  allowLogDelivery(name, accessLogs.bucket, [bucket], parent);
  const guards: pulumi.Resource[] = [
    new aws.s3.BucketPublicAccessBlock(childName(name, "bucket-public-access"), { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts),
    new aws.s3.BucketOwnershipControls(childName(name, "bucket-ownership"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts),
    new aws.s3.BucketServerSideEncryptionConfiguration(
      childName(name, "bucket-encryption"),
      {
        bucket: bucket.id,
        // Without a key id S3 uses the account's aws/s3 key, which any principal allowed by S3 may use through S3.
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: plan.s3.kmsKeyArn }, bucketKeyEnabled: true }],
      },
      opts,
    ),
    new aws.s3.BucketVersioning(childName(name, "bucket-versioning"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts),
    new aws.s3.BucketPolicy(childName(name, "bucket-policy"), { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, opts),
  ];
  // Milvus's GC deletes segments constantly: without expiry, versioning would keep every one forever.
  new aws.s3.BucketLifecycleConfiguration(
    childName(name, "bucket-lifecycle"),
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-noncurrent-versions",
          status: "Enabled",
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: plan.s3.noncurrentVersionExpirationDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: MILVUS_DEFAULTS.abortIncompleteUploadDays },
        },
        ...(plan.etcdBackup
          ? [{ id: "expire-etcd-snapshots", status: "Enabled", filter: { prefix: `${ETCD_BACKUP.prefix}/` }, expiration: { days: plan.etcdBackup.retentionDays } }]
          : []),
      ],
    },
    { parent, dependsOn: guards },
  );
  const policy = pulumi.all([bucket.arn, plan.s3.kmsKeyArn]).apply(([arn, key]) => JSON.stringify(storagePolicy(arn, key, plan.region)));
  const role = new WorkloadRole(
    childName(name, "storage"),
    {
      identity: plan.cluster.workloadIdentity,
      namespace,
      serviceAccounts: [serviceAccount],
      policies: { "milvus-bucket": policy },
      region: plan.region,
      description: `Milvus ${name}: its S3 bucket only`,
      tags: plan.tags,
    },
    opts,
  );
  const backupRole = plan.etcdBackup
    ? new WorkloadRole(
        childName(name, "etcd-backup"),
        {
          identity: plan.cluster.workloadIdentity,
          namespace,
          serviceAccounts: [ETCD_BACKUP_NAME],
          policies: { "etcd-snapshots": pulumi.all([bucket.arn, plan.s3.kmsKeyArn]).apply(([arn, key]) => JSON.stringify(snapshotPolicy(arn, ETCD_BACKUP.prefix, key, plan.region))) },
          region: plan.region,
          description: `Milvus ${name}: writes etcd snapshots to its bucket`,
          tags: plan.tags,
        },
        opts,
      )
    : undefined;
  return { bucket, role, backupRole, ready: [...guards, role] };
}
