/** IAM documents for Milvus's S3 bucket, as plain data (pure, tested directly). */
import { awsDnsSuffix, policyDocument } from "../aws/iam";
import type { PolicyDocument } from "../aws/iam";

/** Exactly what Milvus does with its bucket: list it; read, write and delete objects (compaction and GC delete). */
export function storagePolicy(bucketArn: string, kmsKeyArn?: string, region?: string): PolicyDocument {
  const statements: PolicyDocument["Statement"] = [
    { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [bucketArn] },
    { Sid: "ReadWriteObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`${bucketArn}/*`] },
  ];
  if (kmsKeyArn !== undefined && region !== undefined) {
    statements.push({
      Sid: "UseKeyThroughS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${awsDnsSuffix(region)}` } },
    });
  }
  return policyDocument(statements);
}



/** The etcd backup's role: write snapshots under one prefix, nothing else (no read, no delete, no list). */
export function snapshotPolicy(bucketArn: string, prefix: string, kmsKeyArn?: string, region?: string): PolicyDocument {
  const statements: PolicyDocument["Statement"] = [{ Sid: "WriteSnapshots", Effect: "Allow", Action: ["s3:PutObject"], Resource: [`${bucketArn}/${prefix}/*`] }];
  if (kmsKeyArn !== undefined && region !== undefined) {
    statements.push({
      Sid: "EncryptThroughS3",
      Effect: "Allow",
      // A multipart upload (the CLI splits files over 8 MiB) under SSE-KMS needs Decrypt as well.
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [kmsKeyArn],
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.${awsDnsSuffix(region)}` } },
    });
  }
  return policyDocument(statements);
}
