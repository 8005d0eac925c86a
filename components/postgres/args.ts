import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

/** A database of its own, owned by a user of its own (generated password). */
export interface PostgresDatabase {
  /** Database name: lower-case letters, digits and `_`. */
  name: string;
  /** Owner role, created with a generated password. @default the database name */
  owner?: string;
  /** Schemas created in the database, owned by the owner (n8n keeps its tables in one). @default [] */
  schemas?: string[];
}

export interface PostgresArgs {
  /** Capabilities of the cluster it runs on (storage class, registry mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Official Debian-based postgres image, pinned (runs as uid 999). @default "docker.io/library/postgres:17.6-bookworm" */
  image?: string;
  /** Database created at first start, owned by the superuser. @default "app" */
  database?: string;
  /** Superuser role. @default "forja" */
  superuser?: string;
  /** Further databases, each with its own owner and password, created idempotently by a setup Job. @default [] */
  databases?: PostgresDatabase[];
  /** Size of the data volume. @default "10Gi" */
  storageSize?: string;
  /** Requests and limits of the server. @default requests cpu "250m", memory "512Mi"; limit memory "1Gi" */
  resources?: Resources;
  /** Pods allowed to connect on 5432, e.g. `connect(client, postgres, [5432]).ingress` (its own setup Job is always admitted). @default [] (nobody) */
  clients?: Peer[];
  /** Protect the StatefulSet from deletion (its volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
