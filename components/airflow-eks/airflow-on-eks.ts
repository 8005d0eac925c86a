import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { WorkloadRole } from "../aws/workload-role";
import { Airflow } from "../airflow/airflow";
import { airflowNames, roleServiceAccounts } from "../airflow/values";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { AirflowOnEksArgs } from "./args";
import { AIRFLOW_EKS_DEFAULTS as D } from "./defaults";
import { GENAI_EXAMPLE_DAG } from "./example-dag";
import { tlsOnlyBucketPolicy } from "../aws/iam";
import { airflowS3Policy, cacheSettings, lifecycleRules, rdsSettings, validateAirflowOnEks } from "./values";

/** S3 URIs of the buckets. */
export interface AirflowBucketNames {
  logs: string;
  dags: string;
}

/**
 * Airflow on EKS the way seed 000 asks for it: RDS PostgreSQL 15 for metadata,
 * ElastiCache Redis 7 as the Celery broker, S3 for task logs and DAGs, a role
 * for Airflow's service accounts, and the UI on an ALB. The database, cache
 * and buckets depend only on the network (the node security group is let in by
 * rules of their own), so they are built while the EKS cluster is.
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
    new aws.vpc.SecurityGroupIngressRule(
      childName(name, "db-from-nodes"),
      { securityGroupId: dbGroup.id, referencedSecurityGroupId: args.nodeSecurityGroupId, ipProtocol: "tcp", fromPort: D.postgresPort, toPort: D.postgresPort, description: "PostgreSQL from the EKS nodes", tags },
      parent,
    );
    const subnets = new aws.rds.SubnetGroup(childName(name, "db-subnets"), { subnetIds: args.privateSubnetIds, tags }, parent);
    const parameters = new aws.rds.ParameterGroup(
      childName(name, "db-params"),
      { family: D.parameterGroupFamily, description: `Airflow ${name}: TLS only`, parameters: [{ name: "rds.force_ssl", value: "1" }], tags },
      parent,
    );
    const masterPassword = pulumi.secret(new random.RandomPassword(childName(name, "db-password"), { length: D.passwordLength, special: false }, keep).result);
    const database = new aws.rds.Instance(
      childName(name, "db"),
      {
        ...rdsSettings(name, s),
        password: masterPassword,
        kmsKeyId: key.arn,
        performanceInsightsKmsKeyId: key.arn,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [dbGroup.id],
        parameterGroupName: parameters.name,
        tags,
      },
      keep,
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

    const logs = this.bucket(name, "logs", s, tags, keep);
    const dags = this.bucket(name, "dags", s, tags, keep);
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

    const airflow = new Airflow(
      childName(name, "airflow"),
      {
        cluster: args.cluster,
        namespace: args.namespace,
        releaseName: name,
        airflowVersion: args.airflowVersion,
        image: args.image,
        preset: args.preset,
        database: { host: database.address, port: D.postgresPort, database: D.databaseName, user: D.masterUsername, password: masterPassword, sslmode: "require" },
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
      parent,
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

  /** A private, encrypted, TLS-only bucket with the lifecycle of its kind; DAGs are versioned. */
  private bucket(name: string, kind: "logs" | "dags", s: ReturnType<typeof validateAirflowOnEks>, tags: Record<string, string>, keep: pulumi.CustomResourceOptions) {
    const parent = { parent: this };
    const bucket = new aws.s3.Bucket(childName(name, kind), { forceDestroy: false, tags }, keep);
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
