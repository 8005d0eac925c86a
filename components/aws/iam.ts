/**
 * IAM policy documents as plain data: built and tested as pure functions,
 * serialised once. No `getPolicyDocument` invoke, nothing to mock.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** AWS partitions: ARNs in China and GovCloud regions do not start with `arn:aws:`. */
export const AwsPartition = { Aws: "aws", China: "aws-cn", GovCloud: "aws-us-gov" } as const;
export type AwsPartition = (typeof AwsPartition)[keyof typeof AwsPartition];

/** The partition a region belongs to (cn-north-1 -> aws-cn, us-gov-west-1 -> aws-us-gov). */
export function awsPartition(region: string | undefined): AwsPartition {
  if (region?.startsWith("cn-")) return AwsPartition.China;
  if (region?.startsWith("us-gov-")) return AwsPartition.GovCloud;
  return AwsPartition.Aws;
}

/** The DNS suffix of AWS endpoints in a region (amazonaws.com, amazonaws.com.cn). */
export function awsDnsSuffix(region: string): string {
  return awsPartition(region) === AwsPartition.China ? "amazonaws.com.cn" : "amazonaws.com";
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * IRSA trust: only the named service accounts of one namespace may assume the
 * role, and only with a token minted for STS.
 */
export function irsaTrustPolicy(oidcProviderArn: string, issuerUrl: string, namespace: string, serviceAccounts: string[]): PolicyDocument {
  const issuer = issuerUrl.replace(/^https:\/\//, "");
  const subjects = serviceAccounts.map((account) => `system:serviceaccount:${namespace}:${account}`);
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${issuer}:sub`]: subjects.length === 1 ? subjects[0] : subjects,
          [`${issuer}:aud`]: "sts.amazonaws.com",
        },
      },
    },
  ]);
}

/**
 * EKS Pod Identity trust: the agent assumes the role for pods and tags the
 * session with the pod's namespace and service account. Which service
 * accounts may use the role is decided by the associations.
 */
export function podIdentityTrustPolicy(): PolicyDocument {
  return policyDocument([{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }]);
}

/** Trust for an AWS service principal (eks.amazonaws.com, ec2.amazonaws.com, ...). */
export function serviceTrustPolicy(service: string): PolicyDocument {
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);
}

/** AWS managed policy ARN in the region's partition. */
export function managedPolicyArn(name: string, region?: string): string {
  return `arn:${awsPartition(region)}:iam::aws:policy/${name}`;
}

/** What VPC Flow Logs needs to write into one log group. */
export function flowLogsWriterPolicy(logGroupArn: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
      Resource: [logGroupArn, `${logGroupArn}:*`],
    },
  ]);
}

/** Refuses every request to a bucket that does not use TLS: for every bucket Forja creates. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return policyDocument([
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "s3:*",
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ]);
}
