/**
 * Data at rest and in transit on AWS: public S3 and resource policies,
 * encryption of stores, volumes and domains, TLS on databases, caches and
 * brokers, and IMDSv2 on instances.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { at, conditionNarrows, describeStatement, isPublicPrincipal, list, obj, rule, statementsOf } from "./util";
import type { Obj } from "./util";

const PUBLIC_CANNED_ACL = /^(public-read|public-read-write|authenticated-read)$/;
const PUBLIC_GRANTEE = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;
const PUBLIC_ACCESS_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function publicAccessFlagsOff(props: Obj): string[] {
  return PUBLIC_ACCESS_FLAGS.filter((flag) => props[flag] !== true);
}

const noPublicS3 = rule("no-public-s3-bucket", "S3 buckets block every kind of public access and carry no public ACL or grant (buckets and objects).", (args, report) => {
  const p = args.props;
  if (args.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock") {
    const off = publicAccessFlagsOff(p);
    if (off.length > 0) report(`public access block must set ${off.join(", ")} to true`);
  }
  if (/^aws:s3\/(bucket|bucketV2|bucketAcl|bucketAclV2|bucketObject|bucketObjectv2|objectCopy):/.test(args.type) && PUBLIC_CANNED_ACL.test(String(p.acl ?? ""))) {
    report(`ACL "${String(p.acl)}" makes it public`);
  }
  const grants = [...list(p.grants), ...list(at(p, "accessControlPolicy.grants"))].map(obj);
  for (const grant of grants) {
    const uri = String(obj(grant.grantee).uri ?? grant.uri ?? "");
    const group = PUBLIC_GRANTEE.exec(uri)?.[1];
    if (group) report(`grants ${list(grant.permissions ?? grant.permission).join(", ") || "access"} to ${group}`);
  }
});

const accountPublicAccessBlock = rule("s3-account-public-access-block", "The account-level S3 public access block turns on all four protections.", (args, report) => {
  if (args.type !== "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock") return;
  const off = publicAccessFlagsOff(args.props);
  if (off.length > 0) report(`account public access block leaves ${off.join(", ")} off: every bucket in the account could be made public`);
});

/** Resource types whose input is a resource-based policy document, and the field that holds it. */
const RESOURCE_POLICY_FIELDS: Record<string, string> = {
  "aws:s3/bucketPolicy:BucketPolicy": "policy",
  "aws:s3/bucket:Bucket": "policy",
  "aws:s3/bucketV2:BucketV2": "policy",
  "aws:s3/accessPoint:AccessPoint": "policy",
  "aws:kms/key:Key": "policy",
  "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
  "aws:ecr/registryPolicy:RegistryPolicy": "policy",
  "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": "repositoryPolicy",
  "aws:secretsmanager/secret:Secret": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:sqs/queue:Queue": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:sns/topic:Topic": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
  "aws:opensearch/domain:Domain": "accessPolicies",
  "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
  "aws:elasticsearch/domain:Domain": "accessPolicies",
};

const resourcePoliciesNotPublic = rule(
  "resource-policies-not-public",
  'Resource policies (S3, KMS, ECR, Secrets Manager, SQS, SNS, EFS, OpenSearch, Lambda) grant nothing to Principal "*" unless a condition pins the account, organisation, VPC or source.',
  (args, report) => {
    if (args.type === "aws:lambda/permission:Permission") {
      const p = args.props;
      if (p.principal === "*" && !p.sourceArn && !p.sourceAccount && !p.principalOrgId) report('lets any AWS account invoke the function (principal "*" without sourceArn, sourceAccount or principalOrgId)');
      return;
    }
    const field = RESOURCE_POLICY_FIELDS[args.type];
    if (!field) return;
    const statements = statementsOf(args.props[field]);
    if (!statements) return report(`${field} is not valid JSON`);
    statements.forEach((statement, index) => {
      if (statement.Effect !== "Allow" || conditionNarrows(statement.Condition)) return;
      if (isPublicPrincipal(statement.Principal)) report(`${describeStatement(statement, index)} allows ${JSON.stringify(statement.Action ?? statement.NotAction)} to Principal "*"`);
      else if (statement.NotPrincipal !== undefined) report(`${describeStatement(statement, index)} allows everyone but NotPrincipal`);
    });
  },
);

const ENCRYPTION_FIELDS: Record<string, string> = {
  "aws:rds/instance:Instance": "storageEncrypted",
  "aws:rds/cluster:Cluster": "storageEncrypted",
  "aws:docdb/cluster:Cluster": "storageEncrypted",
  "aws:neptune/cluster:Cluster": "storageEncrypted",
  "aws:elasticache/replicationGroup:ReplicationGroup": "atRestEncryptionEnabled",
  "aws:ebs/volume:Volume": "encrypted",
  "aws:efs/fileSystem:FileSystem": "encrypted",
};
const EBS_PROVISIONERS = new Set(["ebs.csi.aws.com", "kubernetes.io/aws-ebs"]);
const SSE_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse", "AES256"]);

const encryptedAtRest = rule(
  "encrypted-at-rest",
  "RDS, DocumentDB, Neptune, Redshift, ElastiCache, EBS volumes, EFS, EBS StorageClasses (CSI and in-tree) and EKS Secrets are encrypted; S3 and Azure Storage encryption is never disabled.",
  (args, report) => {
    const p = args.props;
    const field = ENCRYPTION_FIELDS[args.type];
    if (field && p[field] !== true) report(`${field} must be true`);
    if (args.type === "aws:redshift/cluster:Cluster" && p.encrypted === false) report("encrypted must not be false");
    if (args.type === "kubernetes:storage.k8s.io/v1:StorageClass" && EBS_PROVISIONERS.has(String(p.provisioner))) {
      if (String(obj(p.parameters).encrypted) !== "true") report(`EBS StorageClass (${String(p.provisioner)}) must set parameters.encrypted "true"`);
    }
    if (/^aws:s3\/bucketServerSideEncryptionConfiguration(V2)?:/.test(args.type)) {
      const rules = list(p.rules).map(obj);
      const ok = rules.length > 0 && rules.every((r) => SSE_ALGORITHMS.has(String(obj(r.applyServerSideEncryptionByDefault).sseAlgorithm)));
      if (!ok) report("every rule must apply AES256 or aws:kms encryption by default");
    }
    if (args.type === "eks:index:Cluster" && !p.encryptionConfigKeyArn) report("Kubernetes Secrets need envelope encryption: set encryptionConfigKeyArn to a KMS key");
    if (args.type === "aws:eks/cluster:Cluster") {
      const config = obj(p.encryptionConfig);
      if (!list(config.resources).includes("secrets") || !obj(config.provider).keyArn) report("Kubernetes Secrets need envelope encryption: set encryptionConfig with resources [\"secrets\"] and a KMS key");
    }
    if (args.type === "azure-native:storage:StorageAccount") {
      const off = Object.entries(obj(at(p, "encryption.services"))).filter(([, service]) => obj(service).enabled === false);
      if (off.length > 0) report(`encryption is disabled for ${off.map(([name]) => name).join(", ")}`);
    }
  },
);

function isEncryptedFlag(value: unknown): boolean {
  return value === true || value === "true";
}

const ec2BlockDevicesEncrypted = rule("ec2-block-devices-encrypted", "Launch templates, launch configurations and instances declare encrypted EBS volumes, the root volume included.", (args, report) => {
  const p = args.props;
  if (args.type === "aws:ec2/launchTemplate:LaunchTemplate") {
    const mappings = list(p.blockDeviceMappings).map(obj);
    if (mappings.length === 0) report("declares no block device mapping: the root volume takes the AMI's settings (unencrypted unless EBS encryption by default is on)");
    for (const mapping of mappings) {
      if (mapping.ebs !== undefined && !isEncryptedFlag(obj(mapping.ebs).encrypted)) report(`block device ${String(mapping.deviceName ?? "?")} must set ebs.encrypted "true"`);
    }
  }
  if (args.type === "aws:ec2/instance:Instance" || args.type === "aws:ec2/launchConfiguration:LaunchConfiguration") {
    if (!isEncryptedFlag(obj(p.rootBlockDevice).encrypted)) report("rootBlockDevice.encrypted must be true");
    for (const device of list(p.ebsBlockDevices).map(obj)) {
      if (!isEncryptedFlag(device.encrypted)) report(`EBS device ${String(device.deviceName ?? "?")} must set encrypted: true`);
    }
  }
});

const TLS12_POLICIES = /^Policy-Min-TLS-1-2/;

const openSearchEncrypted = rule("opensearch-encrypted", "OpenSearch and Elasticsearch domains encrypt at rest and node-to-node, and enforce HTTPS with TLS 1.2.", (args, report) => {
  if (args.type !== "aws:opensearch/domain:Domain" && args.type !== "aws:elasticsearch/domain:Domain") return;
  const p = args.props;
  if (obj(p.encryptAtRest).enabled !== true) report("encryptAtRest.enabled must be true");
  if (obj(p.nodeToNodeEncryption).enabled !== true) report("nodeToNodeEncryption.enabled must be true");
  const endpoint = obj(p.domainEndpointOptions);
  if (endpoint.enforceHttps !== true) report("domainEndpointOptions.enforceHttps must be true");
  if (!TLS12_POLICIES.test(String(endpoint.tlsSecurityPolicy ?? ""))) report("domainEndpointOptions.tlsSecurityPolicy must be a Policy-Min-TLS-1-2 policy");
});

function parameterValue(parameters: unknown, name: string): string | undefined {
  const found = list(parameters).map(obj).find((parameter) => parameter.name === name);
  return found === undefined ? undefined : String(found.value);
}

/** The tag that marks an access-log destination (components/aws/access-logs.ts): logging into itself would loop. */
const ACCESS_LOG_TAG = "forja:access-logs";

const bucketAccessLogging = rule(
  "s3-bucket-access-logging",
  `S3 buckets log their requests (server access logging) to a log bucket; the named exemption is a log bucket itself, tagged ${ACCESS_LOG_TAG}: "true".`,
  (args, report) => {
    if (!/^aws:s3\/(bucket:Bucket|bucketV2:BucketV2)$/.test(args.type)) return;
    if (obj(args.props.tags)[ACCESS_LOG_TAG] === "true") return;
    const logging = list(args.props.loggings).length > 0 ? obj(list(args.props.loggings)[0]) : obj(args.props.logging);
    if (!logging.targetBucket) report(`has no server access logging: set logging.targetBucket to a log bucket (or tag a log bucket ${ACCESS_LOG_TAG}: "true")`);
  },
);

const inTransitTls = rule(
  "in-transit-tls",
  "ElastiCache, RDS (parameter groups and proxies), DocumentDB and MSK require TLS in transit.",
  (args, report) => {
    const p = args.props;
    if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup") {
      if (p.transitEncryptionEnabled !== true) report("transitEncryptionEnabled must be true");
      else if (p.transitEncryptionMode === "preferred") report('transitEncryptionMode "preferred" still accepts plain-text clients; use "required"');
    }
    if (args.type === "aws:rds/parameterGroup:ParameterGroup" || args.type === "aws:rds/clusterParameterGroup:ClusterParameterGroup") {
      const family = String(p.family ?? "");
      const value = (name: string) => parameterValue(p.parameters, name);
      if (/postgres|sqlserver/.test(family) && value("rds.force_ssl") !== "1") report("set parameter rds.force_ssl = 1");
      if (/mysql|mariadb/.test(family) && !/^(1|ON)$/i.test(value("require_secure_transport") ?? "")) report("set parameter require_secure_transport = ON");
    }
    if (args.type === "aws:docdb/clusterParameterGroup:ClusterParameterGroup" && parameterValue(p.parameters, "tls") === "disabled") report('parameter tls must not be "disabled"');
    if (args.type === "aws:rds/proxy:Proxy" && p.requireTls !== true) report("requireTls must be true");
    if (args.type === "aws:msk/cluster:Cluster") {
      const transit = obj(at(p, "encryptionInfo.encryptionInTransit"));
      if (transit.clientBroker === "PLAINTEXT" || transit.clientBroker === "TLS_PLAINTEXT") report(`encryptionInTransit.clientBroker "${String(transit.clientBroker)}" lets clients connect in plain text; use "TLS"`);
      if (transit.inCluster === false) report("encryptionInTransit.inCluster must not be false");
    }
  },
);

const imdsv2Required = rule("ec2-imdsv2-required", "Launch templates, launch configurations and instances require IMDSv2 tokens (metadataOptions.httpTokens: required).", (args, report) => {
  if (!/^aws:ec2\/(launchTemplate:LaunchTemplate|instance:Instance|launchConfiguration:LaunchConfiguration)$/.test(args.type)) return;
  const options = obj(args.props.metadataOptions);
  if (options.httpEndpoint === "disabled") return;
  if (options.httpTokens !== "required") report("metadataOptions.httpTokens must be \"required\": IMDSv1 hands the instance role's credentials to any SSRF");
});

export const storagePolicies: ResourceValidationPolicy[] = [
  noPublicS3,
  accountPublicAccessBlock,
  resourcePoliciesNotPublic,
  bucketAccessLogging,
  encryptedAtRest,
  ec2BlockDevicesEncrypted,
  openSearchEncrypted,
  inTransitTls,
  imdsv2Required,
];
