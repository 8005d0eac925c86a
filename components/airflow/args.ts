import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";

/** Replicas, disruption budgets and resources, sized for a laptop or for production. */
export const AirflowPreset = { Development: "development", Production: "production" } as const;
export type AirflowPreset = (typeof AirflowPreset)[keyof typeof AirflowPreset];

/** Where the DAG files come from. */
export const DagSourceKind = {
  /** Baked into the image (`/opt/airflow/dags`). */
  Image: "image",
  /** git-sync sidecars clone a repository. */
  GitSync: "git-sync",
  /** `aws s3 sync` sidecars copy a bucket prefix, with the pods' role. */
  S3: "s3",
} as const;
export type DagSourceKind = (typeof DagSourceKind)[keyof typeof DagSourceKind];

/** An external metadata database (RDS); without one, Airflow runs a `Postgres` of its own. */
export interface AirflowDatabase {
  /** Host name of the server. */
  host: pulumi.Input<string>;
  /** @default 5432 */
  port?: number;
  /** Database name. */
  database: string;
  /** Role Airflow connects as. */
  user: string;
  /** Its password (kept a Pulumi secret). */
  password: pulumi.Input<string>;
  /** libpq sslmode. @default "verify-full" with caBundle, else "require" */
  sslmode?: string;
  /**
   * PEM bundle of the CA that signed the server's certificate (RDS: the
   * region's RDS CAs). Mounted read-only in every Airflow container and named
   * by the URL's `sslrootcert`, so libpq verifies the server.
   * @default unset (the server's certificate is not verified)
   */
  caBundle?: pulumi.Input<string>;
}

/** An external Celery broker (ElastiCache); without one, Airflow runs a `Redis` of its own. */
export interface AirflowBroker {
  /** Host name of the server. */
  host: pulumi.Input<string>;
  /** @default 6379 */
  port?: number;
  /** AUTH token or password (kept a Pulumi secret). */
  password: pulumi.Input<string>;
  /** TLS (`rediss://`, certificate verified). @default true */
  tls?: boolean;
}

/** Where DAGs come from; the fields follow `kind`. */
export interface AirflowDags {
  kind: DagSourceKind;
  /** git-sync: repository URL. @default unset */
  gitRepository?: string;
  /** git-sync: branch. @default "main" */
  gitBranch?: string;
  /** git-sync: folder of the repository that holds the DAGs. @default "" (the root) */
  gitSubPath?: string;
  /** git-sync: existing Secret with the SSH key (key `gitSshKey`). @default unset (public repository over HTTPS) */
  gitSshKeySecret?: string;
  /** s3: `s3://bucket/prefix` to copy from. @default unset */
  s3Uri?: pulumi.Input<string>;
  /** How often sidecars sync, in seconds (integer). @default 60 */
  syncIntervalSeconds?: number;
}

/** Remote task logs (S3 through the pods' role, no keys). */
export interface AirflowRemoteLogging {
  /** `s3://bucket/prefix` for task logs. */
  baseLogFolder: pulumi.Input<string>;
  /** Airflow connection id, defined by Forja as an `aws` connection without keys. @default "aws_default" */
  connectionId?: string;
  /** Region of the bucket (the connection's `region_name`). @default unset (the SDK's default chain) */
  region?: string;
}

/** The ingress scheme: who can reach the UI. */
export const AirflowIngressScheme = { Internal: "internal", InternetFacing: "internet-facing" } as const;
export type AirflowIngressScheme = (typeof AirflowIngressScheme)[keyof typeof AirflowIngressScheme];

/** The UI's route on the cluster's ingress class (API server on Airflow 3, webserver on 2). */
export interface AirflowIngress {
  /** Host name to match. @default every host */
  host?: string;
  /** ALB: internal (inside the VPC) or internet-facing. @default "internal" */
  scheme?: AirflowIngressScheme;
  /** Required with scheme internet-facing: the UI and API become reachable from the internet. Named for the risk. @default false */
  allowPublicAccess?: boolean;
  /** ACM certificate: HTTPS on 443, HTTP redirected. @default HTTP only, with a warning on an ALB */
  certificateArn?: pulumi.Input<string>;
}

export interface AirflowArgs {
  /** Capabilities of the cluster it runs on (storage class, ingress, registry mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Helm release name: the prefix of every chart object (at most 30 characters). @default the component's name */
  releaseName?: string;
  /** Airflow version the image runs: 3.x, or 2.10/2.11 (the seed's image). Decides webserver vs API server. @default "3.1.7" */
  airflowVersion?: string;
  /** Airflow image pinned to a tag or digest, rewritten through the cluster's mirrors. @default "docker.io/apache/airflow:<airflowVersion>" */
  image?: string;
  /** Replicas, PDBs and resources. @default "production" */
  preset?: AirflowPreset;
  /** External metadata database. @default an in-cluster `Postgres` */
  database?: AirflowDatabase;
  /** External Celery broker. @default an in-cluster `Redis` */
  broker?: AirflowBroker;
  /** DAG source. @default { kind: "image" } */
  dags?: AirflowDags;
  /** Task logs to S3. @default local logs on the workers' volumes */
  remoteLogging?: AirflowRemoteLogging;
  /** Route to the UI. @default none (kubectl port-forward) */
  ingress?: AirflowIngress;
  /** Plain settings for every Airflow container (e.g. GenAiAccess's GENAI_MODEL_ID, AWS_REGION). @default {} */
  env?: Record<string, pulumi.Input<string>>;
  /** Credentials for every Airflow container, through a Secret; always Pulumi secrets. @default {} */
  secretEnv?: Record<string, pulumi.Input<string>>;
  /** Annotations on the service accounts of the components that run DAG code (IRSA role). @default {} */
  serviceAccountAnnotations?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Admin user created on install; its generated password is in the Secret `<release>-admin`. @default "admin" */
  adminUsername?: string;
  /** Volume per Celery worker (logs while tasks run). @default "20Gi" */
  workerStorageSize?: string;
  /** Volume per triggerer. @default "10Gi" */
  triggererStorageSize?: string;
  /**
   * Protect what cannot be regenerated: the Fernet key (losing it loses every
   * stored connection) and the in-cluster databases. The other keys are
   * regenerated freely (sessions and tokens end), so a version change that
   * swaps them never touches a protected resource. Tie it to the environment,
   * not to the preset. @default true
   */
  protect?: boolean;
  /** Helm repository of the chart (a mirror). @default "https://airflow.apache.org" */
  chartRepository?: string;
  /** Chart values over Forja's (top-level keys must exist in chart 1.19.0; `useStandardNaming`, `fullnameOverride` and `nameOverride` are refused: they rename every object Forja refers to). @default {} */
  values?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
