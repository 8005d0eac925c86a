import { iamDocument } from "../fixtures";
import type { RuleCase } from "../fixtures";

const BLOCK_ALL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const TLS_ONLY = { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

const s3: RuleCase[] = [
  { rule: "no-public-s3-bucket", title: "a public access block that lets policies through", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", props: { ...BLOCK_ALL, restrictPublicBuckets: false }, expect: ["restrictPublicBuckets"] },
  { rule: "no-public-s3-bucket", title: "a full block", type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", props: BLOCK_ALL, expect: [] },
  { rule: "no-public-s3-bucket", title: "a public-read canned ACL", type: "aws:s3/bucketAclV2:BucketAclV2", props: { bucket: "logs", acl: "public-read" }, expect: ['ACL "public-read"'] },
  {
    rule: "no-public-s3-bucket",
    title: "an ACL grant to AllUsers",
    type: "aws:s3/bucketAcl:BucketAcl",
    props: { bucket: "logs", accessControlPolicy: { owner: { id: "abc" }, grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] } },
    expect: ["grants READ to AllUsers"],
  },
  {
    rule: "no-public-s3-bucket",
    title: "a legacy bucket grant to AuthenticatedUsers (any AWS account)",
    type: "aws:s3/bucket:Bucket",
    props: { grants: [{ type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", permissions: ["READ", "WRITE"] }] },
    expect: ["grants READ, WRITE to AuthenticatedUsers"],
  },
  { rule: "no-public-s3-bucket", title: "a public object", type: "aws:s3/bucketObjectv2:BucketObjectv2", props: { bucket: "dags", key: "dag.py", acl: "public-read" }, expect: ['ACL "public-read"'] },
  {
    rule: "no-public-s3-bucket",
    title: "a grant to the owner's canonical user",
    type: "aws:s3/bucketAcl:BucketAcl",
    props: { bucket: "logs", accessControlPolicy: { owner: { id: "abc" }, grants: [{ grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" }] } },
    expect: [],
  },
  { rule: "s3-account-public-access-block", title: "an account block with public policies allowed", type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", props: { ...BLOCK_ALL, blockPublicPolicy: false, restrictPublicBuckets: false }, expect: ["blockPublicPolicy, restrictPublicBuckets off"] },
  { rule: "s3-account-public-access-block", title: "the full account block", type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", props: BLOCK_ALL, expect: [] },
];

const resourcePolicies: RuleCase[] = [
  {
    rule: "resource-policies-not-public",
    title: 'a bucket policy that lets Principal "*" read',
    type: "aws:s3/bucketPolicy:BucketPolicy",
    props: { bucket: "dags", policy: iamDocument(TLS_ONLY, { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::dags/*" }) },
    expect: ['statement "PublicRead" allows "s3:GetObject" to Principal "*"'],
  },
  {
    rule: "resource-policies-not-public",
    title: 'Principal {"AWS": ["*"]} on a KMS key',
    type: "aws:kms/key:Key",
    props: { policy: iamDocument({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "kms:Decrypt", Resource: "*" }) },
    expect: ["statement 1 allows"],
  },
  { rule: "resource-policies-not-public", title: "an Allow with NotPrincipal on a queue", type: "aws:sqs/queuePolicy:QueuePolicy", props: { policy: iamDocument({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sqs:SendMessage", Resource: "*" }) }, expect: ["everyone but NotPrincipal"] },
  {
    rule: "resource-policies-not-public",
    title: 'an aws:SourceIp condition open to 0.0.0.0/1 and 128.0.0.0/1 does not narrow "*"',
    type: "aws:s3/bucketPolicy:BucketPolicy",
    props: { policy: iamDocument({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } } }) },
    expect: ["to Principal"],
  },
  { rule: "resource-policies-not-public", title: "a Lambda permission for any account", type: "aws:lambda/permission:Permission", props: { action: "lambda:InvokeFunction", function: "f", principal: "*" }, expect: ['principal "*"'] },
  {
    rule: "resource-policies-not-public",
    title: "a TLS-only deny and a grant pinned to the VPC endpoint",
    type: "aws:s3/bucketPolicy:BucketPolicy",
    props: { policy: iamDocument(TLS_ONLY, { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-0abc" } } }) },
    expect: [],
  },
  {
    rule: "resource-policies-not-public",
    title: "a KMS grant to any principal of the caller's account via EBS",
    type: "aws:kms/key:Key",
    props: { policy: iamDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:Decrypt"], Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com" } } }) },
    expect: [],
  },
  { rule: "resource-policies-not-public", title: "a policy that is not JSON", type: "aws:sns/topicPolicy:TopicPolicy", props: { arn: "t", policy: "{not json" }, expect: ["policy is not valid JSON"] },
];

const atRest: RuleCase[] = [
  { rule: "encrypted-at-rest", title: "an unencrypted RDS instance", type: "aws:rds/instance:Instance", props: { engine: "postgres", storageEncrypted: false }, expect: ["storageEncrypted must be true"] },
  { rule: "encrypted-at-rest", title: "an encrypted RDS instance", type: "aws:rds/instance:Instance", props: { engine: "postgres", storageEncrypted: true }, expect: [] },
  { rule: "encrypted-at-rest", title: "ElastiCache without at-rest encryption", type: "aws:elasticache/replicationGroup:ReplicationGroup", props: {}, expect: ["atRestEncryptionEnabled"] },
  { rule: "encrypted-at-rest", title: "an unencrypted EBS volume", type: "aws:ebs/volume:Volume", props: { size: 100, encrypted: false }, expect: ["encrypted must be true"] },
  { rule: "encrypted-at-rest", title: "an unencrypted EFS file system", type: "aws:efs/fileSystem:FileSystem", props: { performanceMode: "generalPurpose" }, expect: ["encrypted must be true"] },
  { rule: "encrypted-at-rest", title: "an encrypted EFS file system", type: "aws:efs/fileSystem:FileSystem", props: { encrypted: true }, expect: [] },
  { rule: "encrypted-at-rest", title: "Redshift with encryption turned off", type: "aws:redshift/cluster:Cluster", props: { encrypted: false }, expect: ["encrypted must not be false"] },
  { rule: "encrypted-at-rest", title: "an EBS CSI StorageClass without encrypted", type: "kubernetes:storage.k8s.io/v1:StorageClass", props: { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } }, expect: ['parameters.encrypted "true"'] },
  {
    rule: "encrypted-at-rest",
    title: 'an in-tree EBS StorageClass with encrypted "false"',
    type: "kubernetes:storage.k8s.io/v1:StorageClass",
    props: { provisioner: "kubernetes.io/aws-ebs", parameters: { type: "gp2", encrypted: "false" } },
    expect: ["kubernetes.io/aws-ebs"],
  },
  { rule: "encrypted-at-rest", title: "an encrypted in-tree StorageClass", type: "kubernetes:storage.k8s.io/v1:StorageClass", props: { provisioner: "kubernetes.io/aws-ebs", parameters: { encrypted: "true" } }, expect: [] },
  { rule: "encrypted-at-rest", title: "a local-path StorageClass (not EBS)", type: "kubernetes:storage.k8s.io/v1:StorageClass", props: { provisioner: "rancher.io/local-path" }, expect: [] },
  { rule: "encrypted-at-rest", title: "S3 encryption with no rule", type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", props: { rules: [] }, expect: ["AES256 or aws:kms"] },
  { rule: "encrypted-at-rest", title: "S3 KMS encryption", type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, expect: [] },
  { rule: "encrypted-at-rest", title: "an EKS cluster without Secrets encryption", type: "eks:index:Cluster", props: { version: "1.35" }, expect: ["encryptionConfigKeyArn"] },
  { rule: "encrypted-at-rest", title: "an aws.eks.Cluster without encryptionConfig", type: "aws:eks/cluster:Cluster", props: { vpcConfig: {} }, expect: ["encryptionConfig"] },
  { rule: "encrypted-at-rest", title: "Azure Storage with blob encryption disabled", type: "azure-native:storage:StorageAccount", props: { encryption: { services: { blob: { enabled: false }, file: { enabled: true } }, keySource: "Microsoft.Storage" } }, expect: ["disabled for blob"] },
  { rule: "ec2-block-devices-encrypted", title: "a launch template with an unencrypted root volume", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 100, volumeType: "gp3" } }] }, expect: ["block device /dev/xvda"] },
  { rule: "ec2-block-devices-encrypted", title: "a launch template that inherits the AMI's volumes", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { metadataOptions: { httpTokens: "required" } }, expect: ["declares no block device mapping"] },
  { rule: "ec2-block-devices-encrypted", title: 'a launch template with encrypted "true"', type: "aws:ec2/launchTemplate:LaunchTemplate", props: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }, { deviceName: "/dev/sdb", virtualName: "ephemeral0" }] }, expect: [] },
  { rule: "ec2-block-devices-encrypted", title: "an instance with an unencrypted data volume", type: "aws:ec2/instance:Instance", props: { rootBlockDevice: { encrypted: true }, ebsBlockDevices: [{ deviceName: "/dev/sdf", volumeSize: 500 }] }, expect: ["EBS device /dev/sdf"] },
  { rule: "ec2-block-devices-encrypted", title: "an instance with no root device settings", type: "aws:ec2/instance:Instance", props: { instanceType: "t3.micro" }, expect: ["rootBlockDevice.encrypted"] },
  { rule: "opensearch-encrypted", title: "a default OpenSearch domain", type: "aws:opensearch/domain:Domain", props: { engineVersion: "OpenSearch_2.13" }, expect: ["encryptAtRest", "nodeToNodeEncryption", "enforceHttps", "tlsSecurityPolicy"] },
  {
    rule: "opensearch-encrypted",
    title: "a hardened OpenSearch domain",
    type: "aws:opensearch/domain:Domain",
    props: { encryptAtRest: { enabled: true }, nodeToNodeEncryption: { enabled: true }, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } },
    expect: [],
  },
  {
    rule: "opensearch-encrypted",
    title: "an Elasticsearch domain on TLS 1.0",
    type: "aws:elasticsearch/domain:Domain",
    props: { encryptAtRest: { enabled: true }, nodeToNodeEncryption: { enabled: true }, domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } },
    expect: ["tlsSecurityPolicy"],
  },
];

const transit: RuleCase[] = [
  { rule: "in-transit-tls", title: "ElastiCache without transit encryption", type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { transitEncryptionEnabled: false }, expect: ["transitEncryptionEnabled must be true"] },
  { rule: "in-transit-tls", title: 'ElastiCache in "preferred" mode', type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { transitEncryptionEnabled: true, transitEncryptionMode: "preferred" }, expect: ['"preferred"'] },
  { rule: "in-transit-tls", title: "ElastiCache with required TLS", type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { transitEncryptionEnabled: true }, expect: [] },
  { rule: "in-transit-tls", title: "a PostgreSQL 15 parameter group without force_ssl", type: "aws:rds/parameterGroup:ParameterGroup", props: { family: "postgres15", parameters: [{ name: "log_min_duration_statement", value: "500" }] }, expect: ["rds.force_ssl = 1"] },
  { rule: "in-transit-tls", title: "a PostgreSQL parameter group with force_ssl", type: "aws:rds/parameterGroup:ParameterGroup", props: { family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }] }, expect: [] },
  { rule: "in-transit-tls", title: "an Aurora MySQL cluster group without require_secure_transport", type: "aws:rds/clusterParameterGroup:ClusterParameterGroup", props: { family: "aurora-mysql8.0", parameters: [] }, expect: ["require_secure_transport = ON"] },
  { rule: "in-transit-tls", title: "a MySQL group with require_secure_transport ON", type: "aws:rds/parameterGroup:ParameterGroup", props: { family: "mysql8.0", parameters: [{ name: "require_secure_transport", value: "ON" }] }, expect: [] },
  { rule: "in-transit-tls", title: "an MSK cluster accepting plain text", type: "aws:msk/cluster:Cluster", props: { encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT", inCluster: false } } }, expect: ['"TLS_PLAINTEXT"', "inCluster"] },
  { rule: "in-transit-tls", title: "an MSK cluster on TLS (the default)", type: "aws:msk/cluster:Cluster", props: { encryptionInfo: { encryptionAtRestKmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k" } }, expect: [] },
  { rule: "in-transit-tls", title: "an RDS proxy without requireTls", type: "aws:rds/proxy:Proxy", props: { engineFamily: "POSTGRESQL" }, expect: ["requireTls"] },
  { rule: "in-transit-tls", title: "DocumentDB with TLS disabled", type: "aws:docdb/clusterParameterGroup:ClusterParameterGroup", props: { family: "docdb5.0", parameters: [{ name: "tls", value: "disabled" }] }, expect: ['"disabled"'] },
  { rule: "ec2-imdsv2-required", title: "a launch template that allows IMDSv1", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } }, expect: ["httpTokens"] },
  { rule: "ec2-imdsv2-required", title: "an instance with no metadata options", type: "aws:ec2/instance:Instance", props: {}, expect: ["httpTokens"] },
  { rule: "ec2-imdsv2-required", title: "IMDSv2 required", type: "aws:ec2/launchTemplate:LaunchTemplate", props: { metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } }, expect: [] },
  { rule: "ec2-imdsv2-required", title: "metadata turned off", type: "aws:ec2/instance:Instance", props: { metadataOptions: { httpEndpoint: "disabled" } }, expect: [] },
];

const accessLogging: RuleCase[] = [
  { rule: "s3-bucket-access-logging", title: "a bucket without access logging", type: "aws:s3/bucket:Bucket", props: { forceDestroy: false }, expect: ["has no server access logging"] },
  { rule: "s3-bucket-access-logging", title: "a bucket logging to a log bucket", type: "aws:s3/bucket:Bucket", props: { logging: { targetBucket: "acme-access-logs", targetPrefix: "milvus/" } }, expect: [] },
  { rule: "s3-bucket-access-logging", title: "the log bucket itself (the named exemption)", type: "aws:s3/bucket:Bucket", props: { tags: { "forja:access-logs": "true" } }, expect: [] },
  { rule: "s3-bucket-access-logging", title: "a log-bucket tag with another value", type: "aws:s3/bucketV2:BucketV2", props: { tags: { "forja:access-logs": "yes" } }, expect: ["has no server access logging"] },
];

export const storageCases: RuleCase[] = [...s3, ...resourcePolicies, ...atRest, ...transit, ...accessLogging];
