/** Shapes every single-pod stateful app (Flowise, N8n, Prometheus, Grafana) shares in its args. */
import type * as pulumi from "@pulumi/pulumi";
import type { Peer } from "../core/peer";

/** Where a pod may connect: a NetworkPolicy peer and the TCP ports allowed to it. */
export interface EgressRule extends Peer {
  /** TCP ports allowed (integers). */
  ports: number[];
}

/** An HTTP route through the cluster's ingress controller (Traefik on K3s). */
export interface AppRoute {
  /** Host name of the UI, e.g. `flowise.example.com`. */
  host: string;
  /** TLS Secret (certificate and key) for the host; turns on HTTPS and secure cookies. @default unset (plain HTTP) */
  tlsSecretName?: string;
  /** cert-manager ClusterIssuer that issues the certificate into `tlsSecretName` (or `<name>-tls`). @default unset */
  clusterIssuer?: string;
}

/** A key of a Secret in the pod's namespace. */
export interface SecretKeyReference {
  /** The Secret's name. */
  name: pulumi.Input<string>;
  /** The key inside it. */
  key: string;
}

/** Where the app's Postgres is and how it logs in: the password only as a Secret reference. */
export interface AppDatabase {
  /** Host name, e.g. `Postgres.host`. */
  host: pulumi.Input<string>;
  /** Integer. @default 5432 */
  port?: number;
  /** Database name. */
  name: string;
  /** Login role (the database's owner). */
  user: string;
  /** Secret (in the app's namespace) and key holding the password, e.g. `Postgres.ownerSecretNames[user]` and `password`. */
  passwordSecret: SecretKeyReference;
  /** The database pods, for the egress allow (e.g. `{ podLabels: postgres.podSelector }`). */
  peer: Peer;
  /** Connect over TLS. @default false (in-cluster Postgres without a certificate) */
  ssl?: boolean;
}
