import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import { chartValues } from "../helm/chart";
import { HelmInstall, deployChart } from "../helm/deploy";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { Postgres } from "../postgres/postgres";
import { Redis } from "../redis/redis";
import type { AirflowArgs } from "./args";
import { AIRFLOW_CHART, AIRFLOW_DEFAULTS } from "./defaults";
import { validateAirflow } from "./settings";
import type { AirflowRefs } from "./values";
import { DATABASE_CA_FILE, airflowNames, airflowPodLabels, airflowValues, awsConnection, brokerUrl, metadataUrl, roleServiceAccounts, secretsChecksumOutput, uiIngress } from "./values";

/**
 * Apache Airflow with the CeleryExecutor from the official chart (1.19.0),
 * installed as a template so every object is a Pulumi resource: Airflow 3 (API
 * server, dag processor) or Airflow 2.10/2.11 (webserver). Every key is
 * generated once and kept in a Secret Forja owns; the metadata database and
 * broker are external (RDS, ElastiCache) or Forja's own `Postgres` and `Redis`.
 * What the component itself was told to depend on (`opts.dependsOn`, e.g. a
 * role's policies or a database setup Job) the chart waits for too.
 */
export class Airflow extends pulumi.ComponentResource {
  /** Helm release name: the prefix of every chart object. */
  readonly releaseName: string;
  /** In-cluster URL of the UI (API server or webserver). */
  readonly internalUrl: pulumi.Output<string>;
  /** URL of the UI through the ingress, when it has a host; else the in-cluster URL. */
  readonly uiUrl: pulumi.Output<string>;
  /** Secret holding the admin user's generated password (key `password`). */
  readonly adminSecretName: pulumi.Output<string>;
  /** The web UI's admin user. */
  readonly adminUsername: string;
  /** Service accounts that run DAG code, write or show task logs: what a cloud role must trust. */
  readonly serviceAccountNames: string[];
  /** Labels of every Airflow pod, for NetworkPolicies that admit Airflow. */
  readonly podLabels: Record<string, string>;

  constructor(name: string, args: AirflowArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateAirflow(name, args);
    requireKubernetesProvider("Airflow", opts);
    super("forja:index:Airflow", name, {}, opts);
    const parent = { parent: this };
    const keep = { parent: this, protect: s.protect, retainOnDelete: s.protect };
    const names = airflowNames(s.release);
    const namespace = args.namespace;
    const podLabels = airflowPodLabels(s.release);
    // What the caller made the component wait for (a database role, a cloud role's policies): the Secrets and the chart wait too,
    // so no pod restarting meanwhile reads a connection that does not work yet.
    const external = externalDependencies(opts);
    const secretData: pulumi.Input<Record<string, pulumi.Input<string>>>[] = [];
    const secret = (role: string, secretName: string, data: Record<string, pulumi.Input<string>>) => {
      secretData.push(data);
      const metadata = { name: secretName, namespace, labels: podLabels };
      return new k8s.core.v1.Secret(childName(name, role), { metadata, type: "Opaque", stringData: pulumi.secret(data) }, { parent: this, dependsOn: external });
    };
    // Regenerated at no cost but sessions and tokens: never protected, so Airflow 2 -> 3 may drop the webserver key.
    const generated = (role: string, length: number) => pulumi.secret(new random.RandomPassword(childName(name, role), { length, special: false }, parent).result);

    // Install-only in the chart and fatal to lose: every stored connection is encrypted with it. The one protected key.
    const fernet = new random.RandomBytes(childName(name, "fernet-key"), { length: AIRFLOW_DEFAULTS.fernetKeyBytes }, keep);
    const secrets = [secret("fernet-key", names.fernetKey, { "fernet-key": fernet.base64.apply((b) => b.replace(/\+/g, "-").replace(/\//g, "_")) })];
    if (s.airflow3) {
      secrets.push(secret("api-secret-key", names.apiSecretKey, { "api-secret-key": generated("api-secret-key", AIRFLOW_DEFAULTS.signingKeyLength) }));
      secrets.push(secret("jwt-secret", names.jwtSecret, { "jwt-secret": generated("jwt-secret", AIRFLOW_DEFAULTS.signingKeyLength) }));
    } else {
      secrets.push(secret("webserver-secret-key", names.webserverSecretKey, { "webserver-secret-key": generated("webserver-secret-key", AIRFLOW_DEFAULTS.signingKeyLength) }));
    }
    secrets.push(secret("admin", names.admin, { password: generated("admin-password", AIRFLOW_DEFAULTS.adminPasswordLength) }));

    const dependencies: pulumi.Input<pulumi.Resource>[] = [...external];
    const clients = [{ podLabels }];
    let connection: pulumi.Output<string>;
    const databaseCa = args.database?.caBundle !== undefined;
    if (args.database) {
      const db = args.database;
      if (db.caBundle !== undefined) {
        dependencies.push(new k8s.core.v1.ConfigMap(childName(name, "database-ca"), { metadata: { name: names.databaseCa, namespace, labels: podLabels }, data: { [AIRFLOW_DEFAULTS.databaseCaKey]: db.caBundle } }, parent));
      }
      const sslmode = db.sslmode ?? (databaseCa ? "verify-full" : AIRFLOW_DEFAULTS.sslmode);
      connection = pulumi
        .all([db.host, db.password])
        .apply(([host, password]) => metadataUrl(db.user, password, host, db.port ?? AIRFLOW_DEFAULTS.databasePort, db.database, sslmode, databaseCa ? DATABASE_CA_FILE : undefined));
    } else {
      const database = AIRFLOW_DEFAULTS.metadataDatabase;
      const postgres = new Postgres(childName(name, "postgres"), { cluster: args.cluster, namespace, databases: [{ name: database }], clients, protect: s.protect }, parent);
      dependencies.push(postgres);
      // Inside the cluster, on a NetworkPolicy-guarded Service: no TLS to require.
      connection = pulumi.all([postgres.host, postgres.ownerPasswords]).apply(([host, passwords]) => metadataUrl(database, passwords[database], host, postgres.port, database, "disable"));
    }
    let broker: pulumi.Output<string>;
    if (args.broker) {
      const b = args.broker;
      broker = pulumi.all([b.host, b.password]).apply(([host, password]) => brokerUrl(password, host, b.port ?? AIRFLOW_DEFAULTS.brokerPort, b.tls ?? true));
    } else {
      const redis = new Redis(childName(name, "redis"), { cluster: args.cluster, namespace, clients, protect: s.protect }, parent);
      dependencies.push(redis);
      broker = pulumi.all([redis.host, redis.password]).apply(([host, password]) => brokerUrl(password, host, redis.port, false));
    }
    secrets.push(secret("metadata", names.metadata, { connection }));
    secrets.push(secret("broker-url", names.brokerUrl, { connection: broker }));
    const secretEnv = Object.keys(args.secretEnv ?? {});
    if (secretEnv.length) secrets.push(secret("env", names.env, args.secretEnv as Record<string, pulumi.Input<string>>));

    const logging = args.remoteLogging;
    const connectionEnv = logging ? { [`AIRFLOW_CONN_${(logging.connectionId ?? AIRFLOW_DEFAULTS.remoteLogConnectionId).toUpperCase()}`]: awsConnection(logging.region) } : {};
    const refs: AirflowRefs = {
      names,
      cluster: args.cluster,
      serviceAccountAnnotations: args.serviceAccountAnnotations,
      env: { ...connectionEnv, ...args.env },
      secretEnv,
      remoteLogging: logging,
      dagsS3Uri: s.dags.s3Uri,
      ingress: args.ingress && { host: args.ingress.host, certificateArn: args.ingress.certificateArn },
      namespace,
      secretsChecksum: secretsChecksumOutput(secretData),
      databaseCa,
    };
    const computed = airflowValues(s, refs);
    deployChart(this, name, {
      chart: AIRFLOW_CHART,
      repositoryOverride: args.chartRepository,
      namespace,
      values: chartValues({ computed, user: s.userValues, mirrors: args.cluster.imageMirrors }),
      install: HelmInstall.Chart,
      releaseName: s.release,
      dependsOn: [...secrets, ...dependencies],
    });
    if (args.ingress) {
      if (args.cluster.ingress.controller === "aws-alb" && args.ingress.certificateArn === undefined) {
        pulumi.log.warn(`Airflow ${name}: the UI's ALB listens on plain HTTP, so logins and API tokens cross the VPC unencrypted; set ingress.certificateArn (an ACM certificate) for HTTPS`, this);
      }
      new k8s.networking.v1.Ingress(childName(name, "ui"), uiIngress(s, refs) as k8s.networking.v1.IngressArgs, parent);
    }

    const uiService = names.uiService(s.airflow3);
    this.releaseName = s.release;
    this.internalUrl = pulumi.interpolate`http://${uiService}.${namespace}.svc.cluster.local:${AIRFLOW_DEFAULTS.uiPort}`;
    const host = args.ingress?.host;
    this.uiUrl = host ? pulumi.output(`${args.ingress?.certificateArn === undefined ? "http" : "https"}://${host}/`) : this.internalUrl;
    this.adminSecretName = pulumi.output(names.admin);
    this.adminUsername = s.adminUsername;
    this.serviceAccountNames = roleServiceAccounts(names, s.airflow3);
    this.podLabels = podLabels;
    this.registerOutputs({ releaseName: this.releaseName, internalUrl: this.internalUrl, uiUrl: this.uiUrl, adminSecretName: this.adminSecretName });
  }
}

/** `opts.dependsOn` as a list: the chart waits for it, not only the component. */
function externalDependencies(opts: pulumi.ComponentResourceOptions | undefined): pulumi.Input<pulumi.Resource>[] {
  const dependsOn = opts?.dependsOn;
  if (dependsOn === undefined) return [];
  return Array.isArray(dependsOn) ? [...dependsOn] : [dependsOn as pulumi.Input<pulumi.Resource>];
}
