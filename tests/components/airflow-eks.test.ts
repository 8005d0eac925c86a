import * as pulumi from "@pulumi/pulumi";
import { AirflowOnEks } from "../../components/airflow-eks";
import type { AirflowOnEksArgs } from "../../components/airflow-eks";
import { GENAI_EXAMPLE_DAG } from "../../components/airflow-eks/example-dag";
import { tlsOnlyBucketPolicy } from "../../components/aws/iam";
import { airflowS3Policy, validateAirflowOnEks } from "../../components/airflow-eks/values";
import type { PlainObject } from "../../components/core/merge";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record, EKS_CAPABILITIES } from "../harness";
import type { Recorded } from "../harness";
import { schemaErrors } from "./airflow-chart";

const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const OIDC = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
const eks: ClusterCapabilities = { ...EKS_CAPABILITIES, imageMirrors: { "docker.io": `${ECR}/docker-hub`, "quay.io": `${ECR}/quay`, "public.ecr.aws": `${ECR}/ecr-public` } };
const base: AirflowOnEksArgs = {
  cluster: eks,
  namespace: "forja",
  vpcId: "vpc-0abc",
  privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  nodeSecurityGroupId: "sg-nodes",
};

type Outputs = Record<string, unknown>;
async function build(args: AirflowOnEksArgs): Promise<{ recorded: Recorded; outputs: Outputs }> {
  const outputs: Outputs = {};
  const recorded = await record(async () => {
    const airflow = new AirflowOnEks("airflow", args, onCluster());
    const all = pulumi.all([airflow.rdsEndpoint, airflow.redisEndpoint, airflow.s3BucketNames, airflow.uiUrl, airflow.roleArn]);
    const [rdsEndpoint, redisEndpoint, s3BucketNames, uiUrl, roleArn] = await new Promise<unknown[]>((resolve) => all.apply(resolve));
    Object.assign(outputs, { rdsEndpoint, redisEndpoint, s3BucketNames, uiUrl, roleArn });
  });
  return { recorded, outputs };
}

describe("validateAirflowOnEks", () => {
  it.each<[string, Partial<AirflowOnEksArgs>, RegExp]>([
    ["an engine other than PostgreSQL", { database: { engine: "mysql" } }, /argument "database.engine" was "mysql"; expected "postgres"/],
    ["PostgreSQL 16", { database: { engineVersion: "16.4" } }, /argument "database.engineVersion" was "16.4"; expected PostgreSQL 15 with the minor pinned/],
    ["an unpinned minor", { database: { engineVersion: "15" } }, /"database.engineVersion" was "15"/],
    ["three days of backups in production", { database: { backupRetentionDays: 3 } }, /"database.backupRetentionDays" was 3; expected an integer from 7 to 35 \(production keeps at least a week\)/],
    ["Redis 6", { cache: { engineVersion: "6.2" } }, /"cache.engineVersion" was "6.2"; expected Redis 7/],
    ["no VPC", { vpcId: undefined as never }, /argument "vpcId" was missing; expected the cluster's network/],
    ["a cluster without workload identity", { cluster: k3sCapabilities({}) }, /"cluster.workloadIdentity.kind" was "none"/],
    ["the seed's image unpinned", { image: "icr.io/mjc-cr/mmjc-airflow-service:latest" }, /Airflow: argument "image"/],
    ["a public ALB without the opt-in", { ingress: { scheme: "internet-facing", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } }, /"ingress.allowPublicAccess" was missing/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateAirflowOnEks("airflow", { ...base, ...change })).toThrow(expected);
  });

  it("keeps one day of backups outside production", () => {
    expect(validateAirflowOnEks("airflow", { ...base, preset: "development" }).db.backupRetentionDays).toBe(1);
  });
});

describe("the example DAG", () => {
  it("runs on Airflow 2 and 3 and reads the model and region from the environment", () => {
    expect(GENAI_EXAMPLE_DAG).toContain('schedule="@daily"');
    expect(GENAI_EXAMPLE_DAG).not.toContain("schedule_interval");
    expect(GENAI_EXAMPLE_DAG).toContain('_setting("GENAI_MODEL_ID", "BEDROCK_MODEL_ID")');
    expect(GENAI_EXAMPLE_DAG).toContain('_setting("AWS_REGION", "AWS_DEFAULT_REGION")');
    expect(GENAI_EXAMPLE_DAG).not.toMatch(/aws_access_key_id|aws_secret_access_key|anthropic\.claude/);
  });

  it("reads the rest of the env contract: the provider, and the guardrail the role enforces", () => {
    expect(GENAI_EXAMPLE_DAG).toContain('os.environ.get("GENAI_PROVIDER")');
    expect(GENAI_EXAMPLE_DAG).toContain('request["guardrailConfig"] = {"guardrailIdentifier": guardrail, "guardrailVersion": _setting("GENAI_GUARDRAIL_VERSION")}');
    expect(GENAI_EXAMPLE_DAG).toContain('os.environ.get("GENAI_API_KEY")');
  });
});

describe("AirflowOnEks in production", () => {
  let recorded: Recorded;
  let outputs: Outputs;
  beforeAll(async () => {
    ({ recorded, outputs } = await build(base));
  });
  const one = (type: string, name?: string) => recorded.one(type, name).inputs;

  it("creates the AWS services, the role and Airflow", () => {
    expect(recorded.counts()).toMatchObject({
      "forja:index:AirflowOnEks": 1,
      "forja:index:Airflow": 1,
      "forja:index:WorkloadRole": 1,
      "aws:kms/key:Key": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
      "aws:rds/subnetGroup:SubnetGroup": 1,
      "aws:rds/parameterGroup:ParameterGroup": 1,
      "aws:rds/instance:Instance": 1,
      "aws:elasticache/subnetGroup:SubnetGroup": 1,
      "aws:elasticache/replicationGroup:ReplicationGroup": 1,
      "aws:s3/bucket:Bucket": 2,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
      "aws:s3/bucketPolicy:BucketPolicy": 2,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 2,
      "aws:s3/bucketVersioning:BucketVersioning": 1,
      "aws:s3/bucketObjectv2:BucketObjectv2": 1,
      "aws:iam/role:Role": 1,
      "aws:iam/rolePolicy:RolePolicy": 1,
      "kubernetes:helm.sh/v4:Chart": 1,
    });
    expect(recorded.ofType("forja:index:Postgres")).toHaveLength(0);
  });

  it("runs RDS PostgreSQL 15 encrypted with its key, multi-AZ, protected, with a final snapshot and a week of backups", () => {
    const db = recorded.one("aws:rds/instance:Instance");
    const key = recorded.one("aws:kms/key:Key").outputs.arn;
    expect(db.inputs).toMatchObject({
      engine: "postgres",
      engineVersion: "15.14",
      instanceClass: "db.t4g.large",
      storageEncrypted: true,
      kmsKeyId: key,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "airflow-airflow-final",
      backupRetentionPeriod: 7,
      publiclyAccessible: false,
      autoMinorVersionUpgrade: false,
      dbSubnetGroupName: recorded.one("aws:rds/subnetGroup:SubnetGroup").outputs.name,
      parameterGroupName: recorded.one("aws:rds/parameterGroup:ParameterGroup").outputs.name,
      vpcSecurityGroupIds: [recorded.one("aws:ec2/securityGroup:SecurityGroup", "airflow-db-sg").outputs.id],
    });
    expect(db.secretPaths).toContain("password");
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
    expect(one("aws:rds/parameterGroup:ParameterGroup")).toMatchObject({ family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }] });
    expect(one("aws:rds/subnetGroup:SubnetGroup").subnetIds).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
  });

  it("admits 5432 and 6379 only from the nodes' security group, through rules of their own", () => {
    const rules = recorded.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs);
    expect(rules).toEqual([
      expect.objectContaining({ securityGroupId: recorded.one("aws:ec2/securityGroup:SecurityGroup", "airflow-db-sg").outputs.id, referencedSecurityGroupId: "sg-nodes", ipProtocol: "tcp", fromPort: 5432, toPort: 5432 }),
      expect.objectContaining({ securityGroupId: recorded.one("aws:ec2/securityGroup:SecurityGroup", "airflow-cache-sg").outputs.id, referencedSecurityGroupId: "sg-nodes", ipProtocol: "tcp", fromPort: 6379, toPort: 6379 }),
    ]);
    for (const group of recorded.ofType("aws:ec2/securityGroup:SecurityGroup")) expect(group.inputs).toMatchObject({ vpcId: "vpc-0abc", egress: [] });
  });

  it("runs ElastiCache Redis 7 encrypted at rest and in transit with a secret AUTH token, failing over across zones", () => {
    const cache = recorded.one("aws:elasticache/replicationGroup:ReplicationGroup");
    expect(cache.inputs).toMatchObject({
      engine: "redis",
      engineVersion: "7.1",
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      kmsKeyId: recorded.one("aws:kms/key:Key").outputs.arn,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      numCacheClusters: 2,
      securityGroupIds: [recorded.one("aws:ec2/securityGroup:SecurityGroup", "airflow-cache-sg").outputs.id],
    });
    expect(cache.secretPaths).toContain("authToken");
    expect(String(cache.inputs.authToken)).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it("keeps both buckets private, encrypted and TLS-only; logs expire, DAGs are versioned", () => {
    for (const block of recorded.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
      expect(block.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    }
    for (const encryption of recorded.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")) {
      expect(encryption.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    }
    const logsBucket = recorded.one("aws:s3/bucket:Bucket", "airflow-logs").outputs;
    expect(JSON.parse(String(one("aws:s3/bucketPolicy:BucketPolicy", "airflow-logs-tls-only").policy))).toEqual(tlsOnlyBucketPolicy(String(logsBucket.arn)));
    expect(one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "airflow-logs-lifecycle").rules).toEqual([
      { id: "expire-task-logs", status: "Enabled", filter: {}, expiration: { days: 90 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ]);
    expect(one("aws:s3/bucketVersioning:BucketVersioning")).toMatchObject({ versioningConfiguration: { status: "Enabled" } });
    for (const bucket of recorded.ofType("aws:s3/bucket:Bucket")) expect([bucket.protect, bucket.inputs.forceDestroy]).toEqual([true, false]);
  });

  it("grants the role exactly: list both buckets, read and write task logs, read DAGs — trusted by Airflow's service accounts only", () => {
    const logs = String(recorded.one("aws:s3/bucket:Bucket", "airflow-logs").outputs.arn);
    const dags = String(recorded.one("aws:s3/bucket:Bucket", "airflow-dags").outputs.arn);
    const policy = JSON.parse(String(one("aws:iam/rolePolicy:RolePolicy").policy));
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListBucket", Resource: [logs, dags] },
        { Sid: "ReadWriteTaskLogs", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${logs}/logs/*` },
        { Sid: "ReadDags", Effect: "Allow", Action: "s3:GetObject", Resource: `${dags}/dags/*` },
      ],
    });
    expect(policy).toEqual(airflowS3Policy(logs, dags));
    const trust = JSON.parse(String(one("aws:iam/role:Role").assumeRolePolicy));
    expect(trust.Statement[0].Condition.StringEquals[`${OIDC}:sub`]).toEqual(
      ["scheduler", "worker", "triggerer", "dag-processor", "api-server"].map((account) => `system:serviceaccount:forja:airflow-${account}`),
    );
  });

  it("ships the GenAI example DAG into the DAG prefix, and points Airflow at both buckets with TLS to RDS and ElastiCache", () => {
    expect(one("aws:s3/bucketObjectv2:BucketObjectv2")).toMatchObject({ key: "dags/genai_bedrock_example.py", content: GENAI_EXAMPLE_DAG, serverSideEncryption: "AES256" });
    const values = one("kubernetes:helm.sh/v4:Chart").values as PlainObject;
    expect(schemaErrors(values)).toEqual([]);
    const bucketName = (resource: string) => String(recorded.one("aws:s3/bucket:Bucket", resource).outputs.bucket);
    expect((values.config as PlainObject).logging).toMatchObject({ remote_base_log_folder: `s3://${bucketName("airflow-logs")}/logs` });
    expect(JSON.stringify(values.workers)).toContain(`"value":"s3://${bucketName("airflow-dags")}/dags"`);
    expect(values.env).toEqual(expect.arrayContaining([{ name: "AWS_REGION", value: "us-east-1" }, { name: "AIRFLOW_CONN_AWS_DEFAULT", value: '{"conn_type":"aws","extra":{"region_name":"us-east-1"}}' }]));
    const secret = (name: string) => recorded.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === name)?.inputs.stringData as { connection: string };
    expect(secret("airflow-metadata").connection).toMatch(/^postgresql:\/\/airflow:[A-Za-z0-9]{32}@airflow-db-[0-9a-f]+\.c[0-9a-f]+\.us-east-1\.rds\.amazonaws\.com:5432\/airflow\?sslmode=require$/);
    expect(secret("airflow-broker-url").connection).toMatch(/^rediss:\/\/:[A-Za-z0-9]{64}@master\.airflow-cache-[0-9a-f]+\.[0-9a-f]+\.use1\.cache\.amazonaws\.com:6379\/0\?ssl_cert_reqs=CERT_REQUIRED$/);
  });

  it("exports the seed's outputs: RDS and Redis endpoints, bucket names, the UI URL, the role", () => {
    expect(outputs).toMatchObject({
      rdsEndpoint: expect.stringMatching(/\.rds\.amazonaws\.com:5432$/),
      redisEndpoint: expect.stringMatching(/^master\..*\.cache\.amazonaws\.com$/),
      s3BucketNames: { logs: expect.stringMatching(/^airflow-logs-/), dags: expect.stringMatching(/^airflow-dags-/) },
      uiUrl: "http://airflow-api-server.forja.svc.cluster.local:8080",
      roleArn: expect.stringMatching(/^arn:aws:iam::123456789012:role\//),
    });
  });

  it("never shows the master password, AUTH token or any generated key outside a Pulumi secret", () => {
    const generated = recorded.records.filter((r) => r.type.startsWith("random:")).map((r) => String(r.outputs.result ?? r.outputs.base64));
    expect(generated.length).toBeGreaterThanOrEqual(6);
    const visible = JSON.stringify(recorded.records.map((r) => r.redactedInputs));
    for (const value of generated) expect(visible).not.toContain(value.slice(0, 16));
  });

  it("passes every policy rule for production", () => {
    expect(recorded.policyViolations(true)).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });
});

describe("AirflowOnEks outside production", () => {
  it("is single-AZ, unprotected, without deletion protection or a final snapshot", async () => {
    const { recorded } = await build({ ...base, preset: "development", airflowVersion: "2.11.0", image: "icr.io/mjc-cr/mmjc-airflow-service:2.11.0-1" });
    const db = recorded.one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({ multiAz: false, deletionProtection: false, skipFinalSnapshot: true, backupRetentionPeriod: 1, instanceClass: "db.t4g.medium" });
    expect(db.inputs.finalSnapshotIdentifier).toBeUndefined();
    expect(db.protect).toBe(false);
    expect(recorded.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs).toMatchObject({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false });
    const trust = JSON.parse(String(recorded.one("aws:iam/role:Role").inputs.assumeRolePolicy));
    expect(trust.Statement[0].Condition.StringEquals[`${OIDC}:sub`]).toEqual(["scheduler", "worker", "triggerer", "webserver"].map((a) => `system:serviceaccount:forja:airflow-${a}`));
    expect((recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject).webserver).toMatchObject({ replicas: 1 });
  });
});
