/**
 * One rule over a composed program's NetworkPolicies: a declared egress is a
 * promise that the target admits the client. For every pod template A and
 * every egress rule of a policy selecting A that names pods S on port P
 * (explicitly, never "anywhere"), every pod the program runs that matches S
 * and listens on P must be reachable: no ingress policy selects it, or one
 * admits A on P. Otherwise the stack compiles, deploys and times out at
 * runtime; here it is a problem naming both sides.
 *
 * Kubernetes semantics, for the parts Forja renders: matchLabels (a
 * matchExpressions selector is taken as matching nothing, so never blamed),
 * namespaces by their labels (the program's Namespace objects, and the name
 * label every namespace has), numeric and named ports. Targets the program
 * does not run (kube-dns, a cloud API) are not judged.
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A Kubernetes object as the program renders it (apiVersion, kind, metadata, spec). */
export interface RenderedKubernetesObject {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Obj;
  [key: string]: unknown;
}

interface PodTemplate {
  /** "Deployment apps/gateway" */
  workload: string;
  namespace: string;
  labels: Record<string, string>;
  ports: { name?: string; port: number }[];
}

const NAME_LABEL = "kubernetes.io/metadata.name";

function podSpecOf(object: RenderedKubernetesObject): { labels: Record<string, string>; spec: Obj } | undefined {
  const spec = object.spec ?? {};
  if (object.kind === "Pod") return { labels: object.metadata.labels ?? {}, spec };
  const template = object.kind === "CronJob" ? spec.jobTemplate?.spec?.template : spec.template;
  if (!["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"].includes(object.kind) || !template) return undefined;
  return { labels: template.metadata?.labels ?? {}, spec: template.spec ?? {} };
}

function podTemplates(objects: RenderedKubernetesObject[]): PodTemplate[] {
  return objects.flatMap((object) => {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const namespace = object.metadata.namespace ?? "default";
    const ports = ((pod.spec.containers ?? []) as Obj[]).flatMap((c) => ((c.ports ?? []) as Obj[]).map((p) => ({ name: p.name as string | undefined, port: Number(p.containerPort) })));
    return [{ workload: `${object.kind} ${namespace}/${object.metadata.name}`, namespace, labels: pod.labels, ports }];
  });
}

/** Whether a selector matches labels; an absent or `{}` selector matches everything, matchExpressions nothing. */
function selects(selector: Obj | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined) return true;
  if (selector.matchExpressions?.length) return false;
  return Object.entries((selector.matchLabels ?? {}) as Record<string, string>).every(([key, value]) => labels[key] === value);
}

/** Whether a NetworkPolicy peer (from/to entry) selects a pod. */
function peerSelects(peer: Obj, policyNamespace: string, pod: PodTemplate, namespaceLabels: (namespace: string) => Record<string, string>): boolean {
  if (peer.ipBlock) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(pod.namespace)) : pod.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, pod.labels);
}

/** Whether a rule's ports include port (a named port resolves against the pod that listens). */
function portAllowed(rulePorts: Obj[] | undefined, port: { name?: string; port: number }): boolean {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((p) => (p.protocol ?? "TCP") === "TCP" && (p.port === undefined || p.port === port.port || (port.name !== undefined && p.port === port.name)));
}

/** Numeric TCP ports of an egress rule, or undefined for "every port". */
function egressPorts(rule: Obj): number[] | undefined {
  const ports = (rule.ports ?? []) as Obj[];
  if (ports.length === 0) return undefined;
  return ports.filter((p) => (p.protocol ?? "TCP") === "TCP" && typeof p.port === "number").map((p) => p.port as number);
}

/**
 * Every declared egress whose target does not admit the client, one line
 * each, naming the client's workload, the target's and the port:
 * `Deployment apps/gateway declares egress to StatefulSet data/db on port 5432, but no NetworkPolicy selecting StatefulSet data/db admits it (…)`.
 */
export function unadmittedEgress(objects: RenderedKubernetesObject[]): string[] {
  const pods = podTemplates(objects);
  const policies = objects.filter((o) => o.kind === "NetworkPolicy");
  const namespaces = new Map(objects.filter((o) => o.kind === "Namespace").map((o) => [o.metadata.name, o.metadata.labels ?? {}]));
  const namespaceLabels = (namespace: string) => ({ ...namespaces.get(namespace), [NAME_LABEL]: namespace });
  const selecting = (pod: PodTemplate, type: "Ingress" | "Egress") =>
    policies.filter((p) => (p.metadata.namespace ?? "default") === pod.namespace && selects(p.spec?.podSelector, pod.labels) && ((p.spec?.policyTypes as string[] | undefined) ?? ["Ingress"]).includes(type));
  const problems = new Set<string>();
  for (const client of pods) {
    for (const policy of selecting(client, "Egress")) {
      const policyNamespace = policy.metadata.namespace ?? "default";
      for (const rule of (policy.spec?.egress ?? []) as Obj[]) {
        // Only pods named by labels are a promise; "anywhere", a whole namespace or an IP block is not.
        const named = ((rule.to ?? []) as Obj[]).filter((peer) => !peer.ipBlock && Object.keys(peer.podSelector?.matchLabels ?? {}).length > 0);
        const ports = egressPorts(rule);
        for (const server of pods) {
          if (server === client || !named.some((peer) => peerSelects(peer, policyNamespace, server, namespaceLabels))) continue;
          for (const port of server.ports.filter((p) => ports === undefined || ports.includes(p.port))) {
            const guards = selecting(server, "Ingress");
            const admitted =
              guards.length === 0 ||
              guards.some((guard) =>
                ((guard.spec?.ingress ?? []) as Obj[]).some(
                  (ingress) => portAllowed(ingress.ports, port) && (!ingress.from?.length || (ingress.from as Obj[]).some((peer) => peerSelects(peer, guard.metadata.namespace ?? "default", client, namespaceLabels))),
                ),
              );
            if (admitted) continue;
            const names = guards.map((guard) => `NetworkPolicy ${guard.metadata.namespace ?? "default"}/${guard.metadata.name}`).join(", ");
            problems.add(
              `${client.workload} declares egress to ${server.workload} on port ${port.port} (NetworkPolicy ${policyNamespace}/${policy.metadata.name}), but ${server.workload} does not admit it (${names}): add the client to the server's clients, e.g. with connect(client, server, [${port.port}])`,
            );
          }
        }
      }
    }
  }
  return [...problems].sort();
}
