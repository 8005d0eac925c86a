/**
 * "A may talk to B" as one call. Every server admits nobody by default, and
 * every client's egress is closed by default, so a connection needs two
 * halves: B's ingress admits A, and A's egress allows B. `connect` makes both
 * from names alone, so neither component has to exist yet: Pulumi takes args
 * at construction, and the server (constructed first, or last) never needs an
 * object of the client's, nor the client one of the server's.
 *
 * It relies on one fact of every Forja component: each pod it runs (its
 * server, and its Jobs such as a migration) carries
 * `app.kubernetes.io/instance: <component name>`.
 */
import { labelValue } from "./labels";
import type { Peer } from "./peer";

/** The label every pod of a Forja component carries, with the component's name as value. */
export const INSTANCE_LABEL = "app.kubernetes.io/instance";

/** A Forja component, by the name it was (or will be) constructed with and its namespace. */
export interface ComponentRef {
  /** The component's name: the first argument of its constructor. */
  name: string;
  /** The namespace it runs in (a literal: a NetworkPolicy selects namespaces by name). */
  namespace: string;
}

/** Both halves of one connection: spread each into its component's args. */
export interface Connection {
  /** For the server's `clients` (WebService: `networkPolicy.ingressFrom`): the client's pods, on the server's ports. */
  ingress: Peer;
  /** For the client's egress (`egressTo`, `database`, `redis.peer`, a GenAiAccess `peer`): the server's pods on its ports. */
  egress: Peer;
}

/** Every pod of a Forja component (server and Jobs), as a peer. */
export function componentPods(component: ComponentRef, ports?: number[]): Peer {
  return { namespace: component.namespace, podLabels: { [INSTANCE_LABEL]: labelValue(component.name) }, ...(ports ? { ports: [...ports] } : {}) };
}

/**
 * `client` may open TCP connections to `server` on `ports` (the server's
 * ports: Postgres 5432, Redis 6379, Ollama 11434, LlmGateway 4000). Put
 * `ingress` in the server's clients and `egress` in the client's egress.
 */
export function connect(client: ComponentRef, server: ComponentRef, ports: number[]): Connection {
  return { ingress: componentPods(client, ports), egress: componentPods(server, ports) };
}

/** Where a server listens, for a client's configuration. */
export interface Endpoint {
  /** In-cluster DNS name of its Service. */
  host: string;
  /** TCP port of its Service. */
  port: number;
}

/**
 * The peer a client must target to reach a server: the server component's
 * pods on its ports, in its namespace when that is a literal (an Output
 * namespace leaves it out: the client's own namespace).
 */
export function serverPeer(name: string, namespace: unknown, ports: number[]): Peer {
  const peer = componentPods({ name, namespace: typeof namespace === "string" ? namespace : "" }, ports);
  if (typeof namespace !== "string") delete peer.namespace;
  return peer;
}
