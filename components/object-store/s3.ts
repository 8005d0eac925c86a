/**
 * The S3 backend: a private, encrypted, TLS-only, versioned bucket per
 * logical bucket and one WorkloadRole that only the named service accounts
 * can assume. Loaded only with that backend, so K3s users need no AWS SDK.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogBucket, allowLogDelivery } from "../aws/access-logs";
import { tlsOnlyBucketPolicy } from "../aws/iam";
import { WorkloadRole } from "../aws/workload-role";
import { childName } from "../core/naming";
import type { ObjectStorePlan } from "./values";
import { s3BucketName } from "./values";

/** Read, write, list and delete on these buckets only. */
export function bucketAccessPolicy(bucketArns: string[]): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: bucketArns },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], Resource: bucketArns.map((arn) => `${arn}/*`) },
    ],
  };
}

export interface S3Buckets {
  role: WorkloadRole;
  /** Logical bucket -> S3 bucket name. */
  names: Record<string, string>;
  ready: pulumi.Resource[];
}

export function s3Buckets(parent: pulumi.Resource, name: string, plan: ObjectStorePlan): S3Buckets {
  const s3 = plan.s3!;
  const opts = { parent };
  const keep = { parent, protect: plan.protect, retainOnDelete: plan.protect };
  // Who read or deleted which artifact: S3 server access logs, in a bucket of their own.
  const accessLogs = accessLogBucket(name, s3.tags ?? {}, keep);
  const ready: pulumi.Resource[] = [...accessLogs.guards];
  const buckets = plan.buckets.map((logical) => {
    const bucket = new aws.s3.Bucket(
      childName(name, logical),
      { bucket: s3BucketName(plan, logical), forceDestroy: false, tags: s3.tags, logging: { targetBucket: accessLogs.bucket.bucket, targetPrefix: `${logical}/` } },
      keep,
    );
    ready.push(
      new aws.s3.BucketPublicAccessBlock(childName(name, `${logical}-public-access`), { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, opts),
      new aws.s3.BucketOwnershipControls(childName(name, `${logical}-ownership`), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, opts),
      new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(name, `${logical}-encryption`),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: s3.kmsKeyArn }, bucketKeyEnabled: true }] },
        opts,
      ),
      // Artifacts are written once: versions guard against an overwrite or a delete by mistake.
      new aws.s3.BucketVersioning(childName(name, `${logical}-versioning`), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, opts),
      new aws.s3.BucketPolicy(childName(name, `${logical}-policy`), { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, opts),
    );
    return bucket;
  });
  allowLogDelivery(name, accessLogs.bucket, buckets, parent);
  const role = new WorkloadRole(
    childName(name, "role"),
    {
      identity: plan.cluster.workloadIdentity,
      namespace: plan.namespace,
      serviceAccounts: plan.serviceAccounts,
      policies: { buckets: pulumi.all(buckets.map((b) => b.arn)).apply((arns) => JSON.stringify(bucketAccessPolicy(arns))) },
      region: s3.region,
      description: `Forja ObjectStore ${name}: its buckets only`,
      tags: s3.tags,
    },
    opts,
  );
  return { role, names: Object.fromEntries(plan.buckets.map((b) => [b, s3BucketName(plan, b)])), ready: [...ready, role] };
}
