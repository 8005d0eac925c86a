import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { accessLogBucket, allowLogDelivery } from "../aws/access-logs";
import { WorkloadRole } from "../aws/workload-role";
import { Airflow } from "../airflow/airflow";
import { airflowNames, airflowPodLabels, roleServiceAccounts, secretsChecksumOutput } from "../airflow/values";
import { mirrorImage } from "../core/images";
import { childName, kubernetesName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { AirflowOnEksArgs } from "./args";
import { AIRFLOW_EKS_DEFAULTS as D } from "./defaults";
import { GENAI_EXAMPLE_DAG } from "./example-dag";
import { tlsOnlyBucketPolicy } from "../aws/iam";
import { rdsCaBundle, setupJob, setupPolicy } from "./database-setup";
import { airflowS3Policy, cacheSettings, lifecycleRules, rdsNames, rdsSettings, validateAirflowOnEks } from "./values";

/** S3 URIs of the buckets. */
export interface AirflowBucketNames {
  /** The bucket for task logs. */
  logs: string;
  /** The bucket DAGs are synced from. */
  dags: string;
}

/**
 * Airflow on EKS the way seed 000 asks for it: RDS PostgreSQL 15 for metadata,
 * ElastiCache Redis 7 as the Celery broker, S3 for task logs and DAGs, a role
 * for Airflow's service accounts, and the UI on an ALB. The database, cache
 * and buckets depend only on the network (the node security group is let in by
 * rules of their own), so they are built while the EKS cluster is.
 *
 * Airflow never sees the master credentials: they live in Secrets Manager,
 * read only by a setup Job with a role of its own, which creates Airflow's
 * login role and hands it the database. Airflow connects as that role with
 * `sslmode=verify-full` against the region's RDS CAs.
 */
export class AirflowOnEks extends pulumi.ComponentResource {
  /** `host:port` of the RDS instance. */
  readonly rdsEndpoint: pulumi.Output<string>;
  /** Primary endpoint of the ElastiCache replication group. */
  readonly redisEndpoint: pulumi.Output<string>;
  readonly s3BucketNames: pulumi.Output<AirflowBucketNames>;
  /** The UI: through the ingress host when given, else in-cluster. */
  readonly uiUrl: pulumi.Output<string>;
  /** Role of Airflow's service accounts (attach more policies through rolePolicies). */
  readonly roleArn: pulumi.Output<string>;
  /** Secret holding the admin password (key `password`). */
  readonly adminSecretName: pulumi.Output<string>;
  /** The Airflow Helm release's name. */
  readonly releaseName: string;
  /** Service accounts the role trusts (what another component's role for Airflow must trust too). */
  readonly serviceAccountNames: string[];

  constructor(name: string, args: AirflowOnEksArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateAirflowOnEks(name, args);
    requireKubernetesProvider("AirflowOnEks", opts);
    super("forja:index:AirflowOnEks", name, {}, opts);
    const parent = { parent: this };
    const keep = { parent: this, protect: s.protect, retainOnDelete: s.protect };
    const tags = { ...s.tags, "forja:component": name };

    const key = new aws.kms.Key(childName(name, "data-key"), { description: `Airflow ${name}: RDS, Performance Insights and ElastiCache at rest`, enableKeyRotation: true, deletionWindowInDays: 30, tags }, keep);

    // Database: its own security group, opened to the nodes by a separate rule, so RDS waits only for the VPC.
    const dbGroup = new aws.ec2.SecurityGroup(childName(name, "db-sg"), { vpcId: args.vpcId, description: `Airflow ${name} metadata database`, egress: [], tags }, parent);
    const dbRule = new aws.vpc.SecurityGroupIngressRule(
      childName(name, "db-from-nodes"),
      { securityGroupId: dbGroup.id, referencedSecurityGroupId: args.nodeSecurityGroupId, ipProtocol: "tcp", fromPort: D.postgresPort, toPort: D.postgresPort, description: "PostgreSQL from the EKS nodes", tags },
      parent,
    );
    const subnets = new aws.rds.SubnetGroup(childName(name, "db-subnets"), { subnetIds: args.privateSubnetIds, tags }, parent);
    const parameters = new aws.rds.ParameterGroup(
      childName(name, "db-params"),
      { family: s.parameterGroupFamily, description: `Airflow ${name}: TLS only`, parameters: [{ name: "rds.force_ssl", value: "1" }], tags },
      parent,
    );
    // Not protected: replacing it rotates the master password in place (RDS and the secret), and nothing else uses it.
    const masterPassword = pulumi.secret(new random.RandomPassword(childName(name, "db-password"), { length: D.passwordLength, special: false }, parent).result);
    // Names known before the instance exists: its log groups are created first (with a retention), and its final snapshot is unique to it.
    const suffix = new random.RandomId(childName(name, "db-id"), { byteLength: 4 }, parent);
    const dbNames = suffix.hex.apply((hex) => rdsNames(name, hex));
    const logGroups = D.logExports.map(
      (log, i) => new aws.cloudwatch.LogGroup(childName(name, `db-${log}-logs`), { name: dbNames.apply((n) => n.logGroups[i].name), retentionInDays: D.rdsLogRetentionDays, tags }, parent),
    );
    const database = new aws.rds.Instance(
      childName(name, "db"),
      {
        ...rdsSettings(s),
        identifier: dbNames.apply((n) => n.identifier),
        finalSnapshotIdentifier: s.protect ? dbNames.apply((n) => n.finalSnapshot) : undefined,
        password: masterPassword,
        kmsKeyId: key.arn,
        performanceInsightsKmsKeyId: key.arn,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        parameterGroupName: parameters.name,
        tags,
      },
      { ...keep, dependsOn: logGroups },
    );
    // The master credentials' only home outside Pulumi's state: read by the setup Job's role, never mounted.
    const masterSecret = new aws.secretsmanager.Secret(
      childName(name, "db-master"),
      { description: `Airflow ${name}: RDS master credentials, for the database setup Job only`, kmsKeyId: key.arn, recoveryWindowInDays: D.secretRecoveryDays, tags },
      keep,
    );
    const masterVersion = new aws.secretsmanager.SecretVersion(
      childName(name, "db-master"),
      { secretId: masterSecret.id, secretString: pulumi.secret(pulumi.jsonStringify({ username: D.masterUsername, password: masterPassword })) },
      parent,
    );

    const cacheGroup = new aws.ec2.SecurityGroup(childName(name, "cache-sg"), { vpcId: args.vpcId, description: `Airflow ${name} Celery broker`, egress: [], tags }, parent);
    new aws.vpc.SecurityGroupIngressRule(
      childName(name, "cache-from-nodes"),
      { securityGroupId: cacheGroup.id, referencedSecurityGroupId: args.nodeSecurityGroupId, ipProtocol: "tcp", fromPort: D.redisPort, toPort: D.redisPort, description: "Redis from the EKS nodes", tags },
      parent,
    );
    const cacheSubnets = new aws.elasticache.SubnetGroup(childName(name, "cache-subnets"), { subnetIds: args.privateSubnetIds, description: `Airflow ${name} Celery broker`, tags }, parent);
    const authToken = pulumi.secret(new random.RandomPassword(childName(name, "cache-token"), { length: D.authTokenLength, special: false }, keep).result);
    const cache = new aws.elasticache.ReplicationGroup(
      childName(name, "cache"),
      { ...cacheSettings(name, s), authToken, kmsKeyId: key.arn, subnetGroupName: cacheSubnets.name, securityGroupIds: [cacheGroup.id], tags },
      keep,
    );

    // Both buckets' requests are logged to a bucket of their own (who read or deleted which DAG or log).
    const accessLogs = accessLogBucket(name, tags, keep);
    const logs = this.bucket(name, "logs", s, tags, keep, accessLogs.bucket);
    const dags = this.bucket(name, "dags", s, tags, keep, accessLogs.bucket);
    allowLogDelivery(name, accessLogs.bucket, [logs.bucket, dags.bucket], this);
    if (s.exampleDag) {
      new aws.s3.BucketObjectv2(
        childName(name, "example-dag"),
        { bucket: dags.bucket.id, key: D.exampleDagKey, content: GENAI_EXAMPLE_DAG, contentType: "text/x-python", serverSideEncryption: "AES256", tags },
        { parent: this, dependsOn: dags.settings },
      );
    }

    const role = new WorkloadRole(
      childName(name, "role"),
      {
        identity: args.cluster.workloadIdentity,
        namespace: args.namespace,
        serviceAccounts: roleServiceAccounts(airflowNames(name), s.airflow3),
        policies: { "airflow-s3": pulumi.all([logs.bucket.arn, dags.bucket.arn]).apply(([l, d]) => JSON.stringify(airflowS3Policy(l, d))), ...args.rolePolicies },
        region: s.region,
        description: `Airflow ${name}: task logs and DAGs in S3`,
        tags,
      },
      parent,
    );

    const setup = this.databaseSetup(name, s, args, { host: database.address, masterSecretArn: masterSecret.arn, keyArn: key.arn, tags, waitFor: [database, masterVersion, dbRule] });

    const airflow = new Airflow(
      childName(name, "airflow"),
      {
        cluster: args.cluster,
        namespace: args.namespace,
        releaseName: name,
        airflowVersion: args.airflowVersion,
        image: args.image,
        preset: args.preset,
        database: { host: database.address, port: D.postgresPort, database: D.databaseName, user: D.appUsername, password: setup.password, caBundle: setup.caBundle, sslmode: "verify-full" },
        broker: { host: cache.primaryEndpointAddress, port: D.redisPort, password: authToken, tls: true },
        dags: { kind: "s3", s3Uri: pulumi.interpolate`s3://${dags.bucket.bucket}/${D.dagsPrefix}` },
        remoteLogging: { baseLogFolder: pulumi.interpolate`s3://${logs.bucket.bucket}/${D.logsPrefix}`, region: s.region },
        ingress: args.ingress ?? {},
        // boto3 (the example DAG) needs a region; Pod Identity does not inject one.
        env: { AWS_REGION: s.region, AWS_DEFAULT_REGION: s.region, ...args.env },
        secretEnv: args.secretEnv,
        serviceAccountAnnotations: role.serviceAccountAnnotations,
        protect: s.protect,
        values: args.values,
      },
      // The chart starts once the role's policies (and Pod Identity associations) exist and Airflow's database role does.
      { parent: this, dependsOn: [role, setup.job] },
    );

    this.rdsEndpoint = database.endpoint;
    this.redisEndpoint = cache.primaryEndpointAddress;
    this.s3BucketNames = pulumi.all([logs.bucket.bucket, dags.bucket.bucket]).apply(([l, d]) => ({ logs: l, dags: d }));
    this.uiUrl = airflow.uiUrl;
    this.roleArn = role.roleArn;
    this.adminSecretName = airflow.adminSecretName;
    this.releaseName = airflow.releaseName;
    this.serviceAccountNames = airflow.serviceAccountNames;
    this.registerOutputs({ rdsEndpoint: this.rdsEndpoint, redisEndpoint: this.redisEndpoint, s3BucketNames: this.s3BucketNames, uiUrl: this.uiUrl, roleArn: this.roleArn });
  }

  /**
   * Airflow's login role, made by a Job that alone reads the master secret (a
   * role of its own, trusted by its own service account). Its password lives
   * in the namespace, like every credential Airflow uses; a new one re-runs the Job.
   */
  private databaseSetup(
    name: string,
    s: ReturnType<typeof validateAirflowOnEks>,
    args: AirflowOnEksArgs,
    refs: { host: pulumi.Output<string>; masterSecretArn: pulumi.Output<string>; keyArn: pulumi.Output<string>; tags: Record<string, string>; waitFor: pulumi.Resource[] },
  ) {
    const parent = { parent: this };
    const namespace = args.namespace;
    const labels = { ...airflowPodLabels(name), component: "db-setup" };
    const accountName = kubernetesName([name, "db-setup"]);
    const role = new WorkloadRole(
      childName(name, "db-setup"),
      {
        identity: args.cluster.workloadIdentity,
        namespace,
        serviceAccounts: [accountName],
        policies: { "read-master-secret": pulumi.all([refs.masterSecretArn, refs.keyArn]).apply(([secret, key]) => JSON.stringify(setupPolicy(secret, key, s.region))) },
        region: s.region,
        description: `Airflow ${name}: database setup (RDS master secret)`,
        tags: refs.tags,
      },
      parent,
    );
    const account = new k8s.core.v1.ServiceAccount(
      childName(name, "db-setup"),
      { metadata: { name: accountName, namespace, labels, annotations: role.serviceAccountAnnotations }, automountServiceAccountToken: false },
      parent,
    );
    const password = pulumi.secret(new random.RandomPassword(childName(name, "db-app-password"), { length: D.passwordLength, special: false }, parent).result);
    const data = { username: D.appUsername, password };
    const secretName = kubernetesName([name, "db-app"]);
    const appSecret = new k8s.core.v1.Secret(childName(name, "db-app"), { metadata: { name: secretName, namespace, labels }, type: "Opaque", stringData: pulumi.secret(data) }, parent);
    const caBundle = rdsCaBundle(s.region);
    const spec = setupJob({
      name: kubernetesName([name, "db-setup"]),
      namespace,
      serviceAccount: accountName,
      image: mirrorImage(s.image, args.cluster.imageMirrors),
      host: refs.host,
      masterSecretArn: refs.masterSecretArn,
      region: s.region,
      caBundle,
      appSecret: secretName,
      appSecretChecksum: secretsChecksumOutput([data]),
      labels,
    });
    // A Job's template is immutable: a new image or password replaces it, under the same name.
    const job = new k8s.batch.v1.Job(childName(name, "db-setup"), spec as k8s.batch.v1.JobArgs, { parent: this, dependsOn: [...refs.waitFor, role, account, appSecret], deleteBeforeReplace: true });
    return { job, password, caBundle };
  }

  /** A private, encrypted, TLS-only bucket with the lifecycle of its kind, its access logged; DAGs are versioned. */
  private bucket(name: string, kind: "logs" | "dags", s: ReturnType<typeof validateAirflowOnEks>, tags: Record<string, string>, keep: pulumi.CustomResourceOptions, accessLogs: aws.s3.Bucket) {
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(childName(name, kind), { forceDestroy: false, tags, logging: { targetBucket: accessLogs.bucket, targetPrefix: `${kind}/` } }, keep);
    const settings: pulumi.Resource[] = [
      new aws.s3.BucketOwnershipControls(childName(name, `${kind}-ownership`), { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent),
      new aws.s3.BucketPublicAccessBlock(
        childName(name, `${kind}-public-access`),
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        parent,
      ),
      new aws.s3.BucketServerSideEncryptionConfiguration(
        childName(name, `${kind}-encryption`),
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        parent,
      ),
      new aws.s3.BucketPolicy(childName(name, `${kind}-tls-only`), { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) }, parent),
    ];
    if (kind === "dags") settings.push(new aws.s3.BucketVersioning(childName(name, "dags-versioning"), { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, parent));
    settings.push(new aws.s3.BucketLifecycleConfiguration(childName(name, `${kind}-lifecycle`), { bucket: bucket.id, rules: lifecycleRules(kind, s) }, { parent: this, dependsOn: [...settings] }));
    return { bucket, settings };
  }
}
