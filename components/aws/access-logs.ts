/**
 * S3 server access logging: every bucket Forja creates logs its requests to
 * a dedicated log bucket of its component (who read or deleted what, which
 * CloudTrail records only with paid data events). The log bucket itself does
 * not log: logging into itself would loop (the policy pack exempts it by its
 * tag, see `s3-bucket-access-logging`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { policyDocument, tlsOnlyBucketPolicy } from "./iam";
import type { PolicyDocument } from "./iam";

/** Tag that marks a bucket as an access-log destination (the policy pack's named exemption). */
export const ACCESS_LOG_TAG = "forja:access-logs";
/** Days access logs are kept: a year covers most audit windows. */
export const ACCESS_LOG_RETENTION_DAYS = 365;

/** TLS only, and only S3's log delivery may write, only for the listed source buckets. */
export function logDeliveryPolicy(logBucketArn: string, sourceArns: string[]): PolicyDocument {
  return policyDocument([
    ...tlsOnlyBucketPolicy(logBucketArn).Statement,
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${logBucketArn}/*`,
      Condition: { ArnLike: { "aws:SourceArn": sourceArns } },
    },
  ]);
}

/**
 * The log bucket: private, SSE-S3 (the only encryption log delivery
 * supports), expiring after a year; protected like the data it describes.
 */
export function accessLogBucket(name: string, tags: Record<string, string>, keep: pulumi.CustomResourceOptions): { bucket: aws.s3.Bucket; guards: pulumi.Resource[] } {
  const parent = { parent: keep.parent };
  const bucket = new aws.s3.Bucket(childName(name, "access-logs"), { forceDestroy: false, tags: { ...tags, [ACCESS_LOG_TAG]: "true" } }, keep);
  const guards: pulumi.Resource[] = [
    new aws.s3.BucketPublicAccessBlock(childName(name, "access-logs-public-access"), { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, parent),
    new aws.s3.BucketOwnershipControls(childName(name, "access-logs-ownership"), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent),
    new aws.s3.BucketServerSideEncryptionConfiguration(childName(name, "access-logs-encryption"), { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, parent),
    new aws.s3.BucketLifecycleConfiguration(
      childName(name, "access-logs-lifecycle"),
      { bucket: bucket.id, rules: [{ id: "expire-access-logs", status: "Enabled", filter: {}, expiration: { days: ACCESS_LOG_RETENTION_DAYS } }] },
      parent,
    ),
  ];
  return { bucket, guards };
}

/** Lets S3 deliver the `sources`' access logs into `logBucket`. */
export function allowLogDelivery(name: string, logBucket: aws.s3.Bucket, sources: aws.s3.Bucket[], parent: pulumi.Resource): aws.s3.BucketPolicy {
  const policy = pulumi.all([logBucket.arn, ...sources.map((s) => s.arn)]).apply(([arn, ...sourceArns]) => JSON.stringify(logDeliveryPolicy(arn, sourceArns)));
  return new aws.s3.BucketPolicy(childName(name, "access-logs-policy"), { bucket: logBucket.id, policy }, { parent });
}
