import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { AppDatabase, AppRoute, EgressRule } from "../stateful-app/types";

/** n8n's Postgres: a schema of its own (it must exist and belong to the user: Postgres `databases[].schemas`). */
export interface N8nDatabase extends AppDatabase {
  /** DB_POSTGRESDB_SCHEMA. @default "public" */
  schema?: string;
}

export interface N8nArgs {
  /** Capabilities of the cluster (storage class, ingress, mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist; the database password Secret lives there too). */
  namespace: pulumi.Input<string>;
  /** Postgres for workflows, credentials (encrypted with the generated key) and executions. */
  database: N8nDatabase;
  /** Image, pinned by tag and digest. @default "docker.io/n8nio/n8n:2.41.6@sha256:87e0…" */
  image?: string;
  /** Size of the retained volume at /home/node/.n8n. @default "5Gi" */
  storageSize?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 1Gi (seed 003) */
  resources?: Resources;
  /** Who may connect on 5678 (the editor, webhooks and, with metrics, /metrics) besides the route. @default [] */
  clients?: Peer[];
  /** Where workflows may connect besides Postgres and DNS (the gateway, HTTPS APIs). @default [] */
  egressTo?: EgressRule[];
  /** Serve Prometheus metrics on 5678/metrics (no auth: admit only the scraper in `clients`). @default true */
  metrics?: boolean;
  /** The editor's route; also the webhook and editor base URLs. @default unset (no route) */
  route?: AppRoute;
  /** Protect the StatefulSet and the encryption key (the volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
