/**
 * AWS facts args are checked against: the regions that exist, and the shape
 * of the ARNs components take. Pure data, no SDK.
 */
import { AwsPartition, awsPartition } from "./iam";

/**
 * Regions of the partitions Forja deploys to (aws, aws-cn, aws-us-gov), as
 * @pulumi/aws 7 knows them. Isolated and sovereign partitions are not supported.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "cn-north-1",
  "cn-northwest-1",
  "us-gov-east-1",
  "us-gov-west-1",
] as const;

export function awsRegionReason(region: unknown): string | undefined {
  if (typeof region === "string" && (AWS_REGIONS as readonly string[]).includes(region)) return undefined;
  const near = typeof region === "string" ? AWS_REGIONS.find((r) => r.replace(/-/g, "") === region.toLowerCase().replace(/[-_\s]/g, "")) : undefined;
  return `an AWS region such as us-east-1, eu-west-1, cn-north-1 or us-gov-west-1${near ? ` (did you mean ${near}?)` : ""}`;
}

/** An availability zone of `region`: the region and one letter (us-east-1a). */
export function availabilityZoneReason(zone: unknown, region: string): string | undefined {
  return typeof zone === "string" && zone.length === region.length + 1 && zone.startsWith(region) && /[a-z]$/.test(zone) ? undefined : `a zone of ${region} such as ${region}a`;
}

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const PARTITIONS: readonly string[] = Object.values(AwsPartition);

export function parseArn(text: unknown): Arn | undefined {
  if (typeof text !== "string") return undefined;
  const match = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/.exec(text);
  if (!match || !PARTITIONS.includes(match[1])) return undefined;
  return { partition: match[1], service: match[2], region: match[3], account: match[4], resource: match[5] };
}

/** A regional ARN must name a real region of its own partition. */
function regionalArnOk(arn: Arn): boolean {
  return awsRegionReason(arn.region) === undefined && awsPartition(arn.region) === arn.partition && /^\d{12}$/.test(arn.account);
}

/** An IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<optional path/>name. */
export function iamRoleArnReason(text: unknown): string | undefined {
  const arn = parseArn(text);
  const segments = arn?.resource.split("/") ?? [];
  const ok =
    arn !== undefined &&
    arn.service === "iam" &&
    arn.region === "" &&
    /^\d{12}$/.test(arn.account) &&
    segments[0] === "role" &&
    segments.length >= 2 &&
    segments.slice(1).every((s) => /^[\w+=,.@-]{1,64}$/.test(s));
  return ok ? undefined : "an IAM role ARN such as arn:aws:iam::123456789012:role/name";
}

/** An ACM certificate ARN, in `region` when given (an ALB only uses certificates of its own region). */
export function acmCertificateArnReason(text: unknown, region?: string): string | undefined {
  const arn = parseArn(text);
  if (!arn || arn.service !== "acm" || !regionalArnOk(arn) || !/^certificate\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(arn.resource)) {
    return "an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/<uuid>";
  }
  if (region !== undefined && arn.region !== region) return `a certificate in ${region}, the cluster's region (an ALB cannot use one from ${arn.region})`;
  return undefined;
}

/**
 * A Secrets Manager secret ARN whose name starts with `namePrefix`, in the
 * given account and region when they are known.
 */
export function secretArnReason(text: unknown, namePrefix: string, where?: { account: string; region: string }): string | undefined {
  const arn = parseArn(text);
  if (!arn || arn.service !== "secretsmanager" || !regionalArnOk(arn) || !arn.resource.startsWith(`secret:${namePrefix}`) || arn.resource.length <= `secret:${namePrefix}`.length) {
    return `the ARN of a Secrets Manager secret named ${namePrefix}..., e.g. arn:aws:secretsmanager:us-east-1:123456789012:secret:${namePrefix}docker-hub`;
  }
  if (where && (arn.account !== where.account || arn.region !== where.region)) {
    return `a secret in account ${where.account}, region ${where.region}: the registry's (ECR reads pull-through credentials only from its own account and region, and this one is in ${arn.account}, ${arn.region})`;
  }
  return undefined;
}

/**
 * Whether an ACM certificate can serve a route on this cluster: only the AWS
 * Load Balancer Controller terminates TLS with one, and only with a
 * certificate of the cluster's region. Elsewhere it would be dropped while
 * the component's URLs turn https. (Its shape is acmCertificateArnReason's.)
 */
export function ingressCertificateReason(certificate: unknown, cluster: { region?: string; ingress: { controller: string } } | undefined): string | undefined {
  if (cluster && cluster.ingress.controller !== "aws-alb") return `no ACM certificate on a ${cluster.ingress.controller} ingress (only the AWS Load Balancer Controller terminates TLS with one)`;
  const arn = parseArn(certificate);
  if (arn && cluster?.region && arn.region !== cluster.region) return `a certificate in ${cluster.region}, the cluster's region (an ALB cannot use one from ${arn.region})`;
  return undefined;
}
