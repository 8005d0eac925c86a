/**
 * Which pod may open a TCP connection to which pod and port, by the
 * NetworkPolicy semantics Kubernetes specifies: a connection needs an egress
 * allow from the source's policies and an ingress allow from the
 * destination's (a pod no policy selects for a direction is open in it).
 * Enough of the API for Forja's policies: matchLabels, namespace selectors,
 * ipBlocks with `except` (a pod is in one when the cluster's pod CIDR is;
 * an endpoint outside the cluster, by its address), numeric ports.
 */
import { parseCidr } from "../../components/core";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FlowPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  ports: number[];
  /** An endpoint outside the cluster (a node, a public API): its IPv4 address. Only ipBlocks match it, and no policy guards it. */
  address?: string;
}

/** K3s's default pod CIDR. */
const POD_ADDRESS = parseCidr("10.42.0.1/32")!;

const selects = (selector: Obj | undefined, labels: Record<string, string>) => Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

function peerMatches(peer: Obj, policyNamespace: string, pod: FlowPod, namespaceLabels: (ns: string) => Record<string, string>): boolean {
  if (peer.ipBlock) {
    const address = pod.address === undefined ? POD_ADDRESS : parseCidr(`${pod.address}/32`)!;
    const within = (cidr: string) => {
      const block = parseCidr(cidr)!;
      return block.version === 4 && address.first >= block.first && address.last <= block.last;
    };
    return within(peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some(within);
  }
  if (pod.address !== undefined) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(pod.namespace)) : pod.namespace === policyNamespace;
  return namespaceOk && (peer.podSelector === undefined || selects(peer.podSelector, pod.labels));
}

function ruleAllows(rule: Obj, peers: Obj[] | undefined, policyNamespace: string, other: FlowPod, port: number, namespaceLabels: (ns: string) => Record<string, string>): boolean {
  const portOk = rule.ports === undefined || rule.ports.length === 0 || rule.ports.some((p: Obj) => (p.protocol ?? "TCP") === "TCP" && (p.port === undefined || p.port === port));
  const peerOk = peers === undefined || peers.length === 0 || peers.some((peer) => peerMatches(peer, policyNamespace, other, namespaceLabels));
  return portOk && peerOk;
}

/** Every `source -> destination:port` the policies allow between these pods. */
export function allowedFlows(pods: FlowPod[], policies: Obj[], namespaces: Record<string, Record<string, string>>): string[] {
  const namespaceLabels = (ns: string) => ({ "kubernetes.io/metadata.name": ns, ...namespaces[ns] });
  const selecting = (pod: FlowPod, type: string) => policies.filter((p) => pod.address === undefined && p.metadata.namespace === pod.namespace && selects(p.spec.podSelector, pod.labels) && (p.spec.policyTypes ?? ["Ingress"]).includes(type));
  const allows = (pod: FlowPod, type: "Ingress" | "Egress", other: FlowPod, port: number) => {
    const applying = selecting(pod, type);
    if (applying.length === 0) return true;
    return applying.some((policy) =>
      (type === "Ingress" ? policy.spec.ingress : policy.spec.egress ?? []).some((rule: Obj) => ruleAllows(rule, type === "Ingress" ? rule.from : rule.to, policy.metadata.namespace, other, port, namespaceLabels)),
    );
  };
  const flows: string[] = [];
  for (const source of pods) {
    for (const destination of pods) {
      if (source === destination) continue;
      for (const port of destination.ports) {
        if (allows(source, "Egress", destination, port) && allows(destination, "Ingress", source, port)) flows.push(`${source.name} -> ${destination.name}:${port}`);
      }
    }
  }
  return flows.sort();
}
