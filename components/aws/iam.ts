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

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * IRSA trust: only one service account of one namespace may assume the role,
 * and only with a token minted for STS.
 */
export function irsaTrustPolicy(oidcProviderArn: string, issuerUrl: string, namespace: string, serviceAccount: string): PolicyDocument {
  const issuer = issuerUrl.replace(/^https:\/\//, "");
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
          [`${issuer}:aud`]: "sts.amazonaws.com",
        },
      },
    },
  ]);
}

/** Trust for an AWS service principal (eks.amazonaws.com, ec2.amazonaws.com, ...). */
export function serviceTrustPolicy(service: string): PolicyDocument {
  return policyDocument([{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }]);
}

/** Managed policy ARN in the standard partition. */
export function managedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
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
