import * as pulumi from "@pulumi/pulumi";
import { AirflowOnEks } from "../../components/airflow-eks";
import type { AirflowOnEksArgs } from "../../components/airflow-eks";
import { GENAI_EXAMPLE_DAG } from "../../components/airflow-eks/example-dag";
import { tlsOnlyBucketPolicy } from "../../components/aws/iam";
import { airflowS3Policy, rdsNames, validateAirflowOnEks } from "../../components/airflow-eks/values";
import { SETUP_SCRIPT, rdsCaBundle, setupPolicy } from "../../components/airflow-eks/database-setup";
import { X509Certificate } from "node:crypto";
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
    ["a pinned minor", { database: { engineVersion: "15.14" } }, /argument "database.engineVersion" was "15.14"; expected a PostgreSQL major version only \(15, 16, 17\): RDS applies minor upgrades itself/],
    ["PostgreSQL 14", { database: { engineVersion: "14" } }, /"database.engineVersion" was "14"/],
    ["three days of backups on a protected database", { preset: "development", database: { backupRetentionDays: 3 } }, /"database.backupRetentionDays" was 3; expected an integer from 7 to 35 \(a protected database keeps at least a week\)/],
    ["chart naming overrides", { values: { fullnameOverride: "af" } }, /Airflow: argument "values" was \["fullnameOverride"\]; expected no naming overrides/],
    ["Redis 6", { cache: { engineVersion: "6.2" } }, /"cache.engineVersion" was "6.2"; expected Redis 7/],
    ["no VPC", { vpcId: undefined as never }, /argument "vpcId" was missing; expected the cluster's network/],
    ["a cluster without workload identity", { cluster: k3sCapabilities({}) }, /"cluster.workloadIdentity.kind" was "none"/],
    ["the seed's image unpinned", { image: "icr.io/mjc-cr/mmjc-airflow-service:latest" }, /Airflow: argument "image"/],
    ["a public ALB without the opt-in", { ingress: { scheme: "internet-facing", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } }, /"ingress.allowPublicAccess" was missing/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateAirflowOnEks("airflow", { ...base, ...change })).toThrow(expected);
  });

  it("keeps one day of backups when unprotected, a week when protected whatever the preset", () => {
    expect(validateAirflowOnEks("airflow", { ...base, preset: "development", protect: false }).db.backupRetentionDays).toBe(1);
    expect(validateAirflowOnEks("airflow", { ...base, preset: "development" }).db.backupRetentionDays).toBe(7);
  });

  it("follows the major version's parameter group family", () => {
    expect(validateAirflowOnEks("airflow", { ...base, database: { engineVersion: "16" } }).parameterGroupFamily).toBe("postgres16");
  });
});

describe("the database setup", () => {
  it("trusts exactly the region's three current RDS root CAs", () => {
    const subjects = rdsCaBundle("us-east-1")
      .split(/(?<=-----END CERTIFICATE-----)\n/)
      .filter((pem) => pem.includes("BEGIN"))
      .map((pem) => new X509Certificate(pem).subject);
    expect(subjects.sort()).toEqual(["CN=Amazon RDS us-east-1 Root CA ECC384 G1", "CN=Amazon RDS us-east-1 Root CA RSA2048 G1", "CN=Amazon RDS us-east-1 Root CA RSA4096 G1"].map((cn) => expect.stringContaining(cn)));
    expect(rdsCaBundle("eu-west-1")).not.toContain(rdsCaBundle("us-east-1"));
  });

  it("verifies the server, gives the role no superuser, database or role rights, and shuts PUBLIC out", () => {
    expect(SETUP_SCRIPT).toContain('sslmode="verify-full", sslrootcert=ca');
    expect(SETUP_SCRIPT).toContain("WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD %s");
    expect(SETUP_SCRIPT).not.toMatch(/[^O](SUPERUSER|CREATEDB|CREATEROLE)\b/);
    expect(SETUP_SCRIPT).toContain("REVOKE ALL ON DATABASE {} FROM PUBLIC");
    // Never interpolated: the password goes as a query parameter.
    expect(SETUP_SCRIPT).not.toMatch(/APP_PASSWORD"\]\s*\+|f".*APP_PASSWORD/);
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
      // Airflow's role, and the setup Job's (the master secret only).
      "forja:index:WorkloadRole": 2,
      "aws:kms/key:Key": 1,
      "aws:ec2/securityGroup:SecurityGroup": 2,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
      "aws:rds/subnetGroup:SubnetGroup": 1,
      "aws:rds/parameterGroup:ParameterGroup": 1,
      "aws:rds/instance:Instance": 1,
      "aws:cloudwatch/logGroup:LogGroup": 2,
      "aws:secretsmanager/secret:Secret": 1,
      "aws:secretsmanager/secretVersion:SecretVersion": 1,
      "random:index/randomId:RandomId": 1,
      "aws:elasticache/subnetGroup:SubnetGroup": 1,
      "aws:elasticache/replicationGroup:ReplicationGroup": 1,
      // Logs, DAGs and their access-log bucket.
      "aws:s3/bucket:Bucket": 3,
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 3,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 3,
      "aws:s3/bucketPolicy:BucketPolicy": 3,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": 3,
      "aws:s3/bucketVersioning:BucketVersioning": 1,
      "aws:s3/bucketObjectv2:BucketObjectv2": 1,
      "aws:iam/role:Role": 2,
      "aws:iam/rolePolicy:RolePolicy": 2,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:batch/v1:Job": 1,
      "kubernetes:core/v1:ConfigMap": 1,
      "kubernetes:networking.k8s.io/v1:Ingress": 1,
      "kubernetes:helm.sh/v4:Chart": 1,
    });
    expect(recorded.ofType("forja:index:Postgres")).toHaveLength(0);
  });

  it("runs RDS PostgreSQL 15 encrypted with its key, multi-AZ, protected, with a final snapshot of its own and a week of backups", () => {
    const db = recorded.one("aws:rds/instance:Instance");
    const key = recorded.one("aws:kms/key:Key").outputs.arn;
    const names = rdsNames("airflow", String(recorded.one("random:index/randomId:RandomId").outputs.hex));
    expect(db.inputs).toMatchObject({
      identifier: names.identifier,
      engine: "postgres",
      // The major only, minors from AWS: nothing for Pulumi to undo after a forced minor upgrade.
      engineVersion: "15",
      autoMinorVersionUpgrade: true,
      caCertIdentifier: "rds-ca-rsa2048-g1",
      instanceClass: "db.t4g.large",
      storageEncrypted: true,
      kmsKeyId: key,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      multiAz: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${names.identifier}-final`,
      backupRetentionPeriod: 7,
      publiclyAccessible: false,
      dbSubnetGroupName: recorded.one("aws:rds/subnetGroup:SubnetGroup").outputs.name,
      parameterGroupName: recorded.one("aws:rds/parameterGroup:ParameterGroup").outputs.name,
      vpcSecurityGroupIds: [recorded.one("aws:ec2/securityGroup:SecurityGroup", "airflow-db-sg").outputs.id],
    });
    expect(db.secretPaths).toContain("password");
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
    expect(one("aws:rds/parameterGroup:ParameterGroup")).toMatchObject({ family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }] });
    expect(one("aws:rds/subnetGroup:SubnetGroup").subnetIds).toEqual(["subnet-a", "subnet-b", "subnet-c"]);
  });

  it("creates the instance's log groups first, with a retention, so RDS never makes never-expiring ones", () => {
    const identifier = String(recorded.one("aws:rds/instance:Instance").inputs.identifier);
    const groups = recorded.ofType("aws:cloudwatch/logGroup:LogGroup");
    expect(groups.map((g) => [g.inputs.name, g.inputs.retentionInDays])).toEqual([
      [`/aws/rds/instance/${identifier}/postgresql`, 30],
      [`/aws/rds/instance/${identifier}/upgrade`, 30],
    ]);
    const dependencies = new Set(recorded.one("aws:rds/instance:Instance").dependsOn);
    for (const group of groups) expect(dependencies.has(group.urn)).toBe(true);
  });

  it("keeps the master credentials in Secrets Manager only: no Kubernetes Secret, env or value holds the master password", () => {
    const master = String(recorded.one("random:index/randomPassword:RandomPassword", "airflow-db-password").outputs.result);
    const version = recorded.one("aws:secretsmanager/secretVersion:SecretVersion");
    expect(JSON.parse(String(version.inputs.secretString))).toEqual({ username: "airflow", password: master });
    expect(version.secretPaths).toContain("secretString");
    expect(one("aws:secretsmanager/secret:Secret")).toMatchObject({ kmsKeyId: recorded.one("aws:kms/key:Key").outputs.arn, recoveryWindowInDays: 7 });
    const kubernetes = recorded.records.filter((r) => r.type.startsWith("kubernetes:"));
    expect(kubernetes.length).toBeGreaterThan(5);
    for (const object of kubernetes) expect(JSON.stringify(object.inputs)).not.toContain(master);
  });

  it("creates Airflow's login role with a Job that alone may read the master secret, before the chart starts", () => {
    const job = recorded.one("kubernetes:batch/v1:Job");
    const pod = (job.inputs.spec as { template: { spec: { serviceAccountName: string; containers: { image: string; env: { name: string; value?: string; valueFrom?: unknown }[] }[] } } }).template.spec;
    const env = Object.fromEntries(pod.containers[0].env.map((e) => [e.name, e.value ?? e.valueFrom]));
    const secretArn = String(recorded.one("aws:secretsmanager/secret:Secret").outputs.arn);
    expect(env).toMatchObject({
      MASTER_CREDENTIALS_ARN: secretArn,
      DB_HOST: recorded.one("aws:rds/instance:Instance").outputs.address,
      DB_NAME: "airflow",
      APP_USER: { secretKeyRef: { name: "airflow-db-app", key: "username" } },
      APP_PASSWORD: { secretKeyRef: { name: "airflow-db-app", key: "password" } },
      RDS_CA_BUNDLE: rdsCaBundle("us-east-1"),
    });
    expect(pod.containers[0].image).toBe(`${ECR}/docker-hub/apache/airflow:3.1.7`);
    expect(pod.serviceAccountName).toBe("airflow-db-setup");
    // Its role reads that one secret and decrypts through Secrets Manager only; its trust names its own service account only.
    const policy = recorded.ofType("aws:iam/rolePolicy:RolePolicy").map((r) => JSON.parse(String(r.inputs.policy))).find((p) => p.Statement[0].Sid === "ReadMasterSecret");
    expect(policy).toEqual(setupPolicy(secretArn, String(recorded.one("aws:kms/key:Key").outputs.arn), "us-east-1"));
    const trusts = recorded.ofType("aws:iam/role:Role").map((r) => JSON.parse(String(r.inputs.assumeRolePolicy)).Statement[0].Condition.StringEquals[`${OIDC}:sub`]);
    expect(trusts).toContainEqual("system:serviceaccount:forja:airflow-db-setup");
    // The chart waits for the Job, for its own role's policy (not only the role), and for the database's CA; the Job for the database and its role's policy.
    const chart = new Set(recorded.one("kubernetes:helm.sh/v4:Chart").dependsOn);
    for (const record of [job, recorded.one("aws:iam/rolePolicy:RolePolicy", "airflow-role-airflow-s3"), recorded.one("kubernetes:core/v1:ConfigMap")]) expect(chart.has(record.urn)).toBe(true);
    // The connection Secret changes only once the role it names exists: a pod restarting meanwhile keeps a working connection.
    const metadata = recorded.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === "airflow-metadata");
    expect(new Set(metadata?.dependsOn).has(job.urn)).toBe(true);
    const jobDependencies = new Set(job.dependsOn);
    for (const record of [recorded.one("aws:rds/instance:Instance"), recorded.one("aws:iam/rolePolicy:RolePolicy", "airflow-db-setup-read-master-secret")]) expect(jobDependencies.has(record.urn)).toBe(true);
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
    const policy = JSON.parse(String(one("aws:iam/rolePolicy:RolePolicy", "airflow-role-airflow-s3").policy));
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "ListBuckets", Effect: "Allow", Action: "s3:ListBucket", Resource: [logs, dags] },
        { Sid: "ReadWriteTaskLogs", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${logs}/logs/*` },
        { Sid: "ReadDags", Effect: "Allow", Action: "s3:GetObject", Resource: `${dags}/dags/*` },
      ],
    });
    expect(policy).toEqual(airflowS3Policy(logs, dags));
    const trust = JSON.parse(String(one("aws:iam/role:Role", "airflow-role-role").assumeRolePolicy));
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
    // Airflow's own login role, never the master, and the server verified against the region's RDS CAs.
    expect(secret("airflow-metadata").connection).toMatch(
      /^postgresql:\/\/airflow_app:[A-Za-z0-9]{32}@airflow-db-[0-9a-f]+\.c[0-9a-f]+\.us-east-1\.rds\.amazonaws\.com:5432\/airflow\?sslmode=verify-full&sslrootcert=\/opt\/airflow\/database-ca\/ca\.pem$/,
    );
    expect(secret("airflow-metadata").connection).toContain(String(recorded.one("random:index/randomPassword:RandomPassword", "airflow-db-app-password").outputs.result));
    const ca = recorded.one("kubernetes:core/v1:ConfigMap").inputs as { metadata: { name: string }; data: Record<string, string> };
    expect([ca.metadata.name, ca.data["ca.pem"]]).toEqual(["airflow-database-ca", rdsCaBundle("us-east-1")]);
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
    const { recorded } = await build({ ...base, preset: "development", protect: false, airflowVersion: "2.11.0", image: "icr.io/mjc-cr/mmjc-airflow-service:2.11.0-1" });
    const db = recorded.one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({ multiAz: false, deletionProtection: false, skipFinalSnapshot: true, backupRetentionPeriod: 1, instanceClass: "db.t4g.medium" });
    expect(db.inputs.finalSnapshotIdentifier).toBeUndefined();
    expect(db.protect).toBe(false);
    expect(recorded.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs).toMatchObject({ numCacheClusters: 1, automaticFailoverEnabled: false, multiAzEnabled: false });
    const trust = JSON.parse(String(recorded.one("aws:iam/role:Role", "airflow-role-role").inputs.assumeRolePolicy));
    expect(trust.Statement[0].Condition.StringEquals[`${OIDC}:sub`]).toEqual(["scheduler", "worker", "triggerer", "webserver"].map((a) => `system:serviceaccount:forja:airflow-${a}`));
    expect((recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject).webserver).toMatchObject({ replicas: 1 });
  });
});

describe("protection follows the stack, not the preset", () => {
  it("a development preset that is protected (a production stack) keeps every protection and stays small", async () => {
    const { recorded } = await build({ ...base, preset: "development" });
    const db = recorded.one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({ deletionProtection: true, skipFinalSnapshot: false, backupRetentionPeriod: 7, instanceClass: "db.t4g.medium", multiAz: false });
    expect(String(db.inputs.finalSnapshotIdentifier)).toMatch(/^airflow-db-[0-9a-f]{8}-final$/);
    expect(recorded.one("aws:elasticache/replicationGroup:ReplicationGroup").inputs).toMatchObject({ snapshotRetentionLimit: 7, numCacheClusters: 1 });
    const protectedTypes = new Set(recorded.records.filter((r) => r.protect).map((r) => r.type));
    for (const type of ["aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:s3/bucket:Bucket", "aws:kms/key:Key", "random:index/randomBytes:RandomBytes"]) {
      expect(protectedTypes).toContain(type);
    }
  });

  it("moving a production stack from Airflow 2.10.5 to 3.1.7 changes no protected resource", async () => {
    const protectedOf = async (version: string) => {
      const { recorded } = await build({ ...base, airflowVersion: version });
      return Object.fromEntries(recorded.records.filter((r) => r.protect).map((r) => [r.name, r.inputs]));
    };
    const [airflow2, airflow3] = [await protectedOf("2.10.5"), await protectedOf("3.1.7")];
    expect(Object.keys(airflow2).sort()).toEqual(
      ["airflow-data-key", "airflow-db", "airflow-db-master", "airflow-cache-token", "airflow-cache", "airflow-access-logs", "airflow-logs", "airflow-dags", "airflow-airflow-fernet-key"].sort(),
    );
    // The webserver key (2) and the API and JWT keys (3) come and go: none of them is protected.
    expect(airflow3).toEqual(airflow2);
  });
});

describe("the UI's load balancer", () => {
  it("warns that an internal ALB without a certificate is plain HTTP, and is quiet with one", async () => {
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      await build(base);
      expect(warn.mock.calls.map((call) => call[0]).join("\n")).toMatch(/plain HTTP.*set ingress.certificateArn/);
      warn.mockClear();
      await build({ ...base, ingress: { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" } });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
