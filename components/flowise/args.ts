import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { AppDatabase, AppRoute, EgressRule } from "../stateful-app/types";

export interface FlowiseArgs {
  /** Capabilities of the cluster (storage class, ingress, mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist; the database password Secret lives there too). */
  namespace: pulumi.Input<string>;
  /** Postgres: Flowise keeps flows, credentials (encrypted) and users there, in the `public` schema. */
  database: AppDatabase;
  /** Image, pinned by tag and digest. @default "docker.io/flowiseai/flowise:3.1.4@sha256:3922…" */
  image?: string;
  /** Size of the retained volume (uploads, logs). @default "5Gi" */
  storageSize?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 2Gi (seed 003) */
  resources?: Resources;
  /** Who may open the UI and API on 3000 besides the route. @default [] (only the route) */
  clients?: Peer[];
  /** Where chatflows may connect besides Postgres and DNS (e.g. an LlmGateway on 4000). @default [] */
  egressTo?: EgressRule[];
  /** The UI's route; also APP_URL (secure cookies with TLS). @default unset (no route) */
  route?: AppRoute;
  /** Protect the StatefulSet and the encryption key (the volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
