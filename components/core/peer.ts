/**
 * One shape for "who may connect to me" and "where I may connect": every
 * component's `clients`, `egressTo` and `metricsSources` take `Peer`s, and
 * every server component exposes the `Peer` its clients must be.
 */
import { parseCidr } from "./network";

/** Pods, picked by namespace and labels, or an IP block, optionally narrowed to ports. */
export interface Peer {
  /** Pods of the namespace with this name. Give at most one of `namespace` and `namespaceLabels`. @default the policy's own namespace */
  namespace?: string;
  /** Pods of every namespace with these labels; `{}` means every namespace. @default the policy's own namespace */
  namespaceLabels?: Record<string, string>;
  /** Only pods with these labels. @default every pod of the selected namespaces */
  podLabels?: Record<string, string>;
  /** An IP block instead of pods, e.g. a VPC for an ALB that targets pod IPs, or a database subnet. @default unset (pods) */
  cidr?: string;
  /** TCP ports this rule opens. @default the server's own ports (ingress), every port (egress) */
  ports?: number[];
}

/** The namespace label Kubernetes sets on every namespace, so a namespace can be selected by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** A Peer as the `from`/`to` entry of a NetworkPolicy rule (ports go on the rule, see `peerPorts`). */
export function networkPolicyPeer(peer: Peer): Record<string, unknown> {
  if (peer.cidr !== undefined) return { ipBlock: { cidr: peer.cidr } };
  const podSelector = peer.podLabels ? { matchLabels: peer.podLabels } : {};
  const namespaceLabels = peer.namespace !== undefined ? { [NAMESPACE_NAME_LABEL]: peer.namespace } : peer.namespaceLabels;
  if (namespaceLabels === undefined) return { podSelector };
  return { namespaceSelector: Object.keys(namespaceLabels).length ? { matchLabels: namespaceLabels } : {}, podSelector };
}

/** The `ports` of a NetworkPolicy rule: TCP on each port, or every port when unset. */
export function peerPorts(ports: number[] | undefined): { protocol: "TCP"; port: number }[] | undefined {
  return ports?.map((port) => ({ protocol: "TCP" as const, port }));
}

/**
 * Why a peer is malformed, or undefined when it is well-formed (each component
 * wraps this in a ForjaArgumentError): the one check every `clients`,
 * `egressTo` and `metricsSources` entry goes through.
 */
export function peerProblem(peer: Peer): string | undefined {
  if (typeof peer !== "object" || peer === null || Array.isArray(peer)) return "a peer: namespace or namespaceLabels and/or podLabels, or a cidr";
  if (peer.cidr !== undefined && (typeof peer.cidr !== "string" || !parseCidr(peer.cidr))) return `an IPv4 or IPv6 CIDR in cidr, such as 10.0.0.0/8 (got ${String(peer.cidr)})`;
  if (peer.namespace !== undefined && peer.namespaceLabels !== undefined) return "at most one of namespace and namespaceLabels";
  if (peer.cidr !== undefined && (peer.namespace !== undefined || peer.namespaceLabels !== undefined || peer.podLabels !== undefined)) return "either cidr or namespace/pod selectors, not both";
  const badPort = peer.ports?.find((port) => !Number.isInteger(port) || port < 1 || port > 65535);
  if (badPort !== undefined) return `ports are integers 1-65535 (got ${badPort})`;
  return undefined;
}
