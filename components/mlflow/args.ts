import type * as pulumi from "@pulumi/pulumi";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { SecretKeyReference } from "../stateful-app/types";

/** The backend store: a Postgres database, reached by a URL kept in a Secret (e.g. `Postgres.ownerSecretNames[owner]`, key `url`). */
export interface MlflowDatabase {
  /** Secret and key holding `postgresql://user:password@host:port/database`. */
  urlSecret: SecretKeyReference;
  /** The database pods, with their port: `postgres.clientPeer` (or `connect(mlflow, postgres, [5432]).egress`), or a CIDR. */
  peer: Peer;
}

/** Where artifacts go: a bucket of an S3-compatible store (an `ObjectStore`). */
export interface MlflowArtifacts {
  /** The bucket (its real name: `ObjectStore.buckets[...]`). */
  bucket: pulumi.Input<string>;
  /** S3 URL of a self-hosted store (SeaweedFS: `ObjectStore.url`); unset for Amazon S3. @default unset (AWS S3) */
  url?: pulumi.Input<string>;
  /** Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (self-hosted store). @default unset (the pod's cloud identity) */
  credentialsSecret?: pulumi.Input<string>;
  /** Annotations for MLflow's ServiceAccount (IRSA's role ARN: `ObjectStore.serviceAccountAnnotations`). @default unset (no ServiceAccount of its own) */
  serviceAccountAnnotations?: pulumi.Input<Record<string, string>>;
  /** The store, for the egress allow: `ObjectStore.clientPeer` (or `connect(mlflow, store, [8333]).egress`). */
  peer: Peer;
}

export interface MlflowArgs {
  /** Capabilities of the cluster (mirrors, architecture). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist; the Secrets live there too). */
  namespace: string;
  /** Postgres backend store. */
  database: MlflowDatabase;
  /** S3-compatible artifact store, served through MLflow (`--serve-artifacts`). */
  artifacts: MlflowArtifacts;
  /** The `-full` image (with psycopg2 and boto3), pinned. @default "ghcr.io/mlflow/mlflow:v3.18.0-full" */
  image?: string;
  /** Host names clients use besides the in-cluster Service names (an Istio or Ingress host such as `mlflow.local`). @default [] */
  allowedHosts?: string[];
  /** @default requests 250m / 512Mi, limits 1 CPU / 2Gi */
  resources?: Resources;
  /** Who may open the UI and API on 5000 (e.g. `connect(client, mlflow, [5000]).ingress`). @default [] (nobody) */
  clients?: Peer[];
  /** Scrapers of /metrics on 5000 (e.g. Prometheus's pods). @default [] */
  metricsSources?: Peer[];
  /** Readiness of the Prometheus operator (`Monitoring.ready`): when given, a ServiceMonitor scrapes /metrics. @default unset (none) */
  monitoringReady?: pulumi.Resource[];
  /** Put the server in the Istio mesh (a sidecar, by the pod label `sidecar.istio.io/inject`). The Job never is (a sidecar keeps a Job from completing). @default false */
  meshSidecar?: boolean;
  /** Egress to the mesh's control plane (istiod on 15012), needed by a sidecar. @default unset */
  meshControlPlane?: Peer;
  /** What the migration Job waits for: the database and its owner exist (e.g. the `Postgres` component). @default [] */
  databaseReady?: pulumi.Resource[];
  /** What the server waits for besides the migration: the bucket exists (`ObjectStore.ready`), istiod injects (`ServiceMesh.ready`). @default [] */
  serverReady?: pulumi.Resource[];
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
