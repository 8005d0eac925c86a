/**
 * How long a first `pulumi up` takes at least: the longest chain of
 * dependencies in the recorded graph, each resource weighted by how long its
 * type typically takes to create. Estimates, not measurements: the table says
 * where each figure comes from; a type it does not list counts as a few seconds.
 */
import type { ResourceEntry } from "./report";

/** Typical create time in minutes, by resource type. */
export const CREATE_MINUTES: Record<string, number> = {
  // EKS control plane: 10-15 minutes (AWS EKS user guide, "Create a cluster"); the upper end.
  "eks:index:Cluster": 15,
  // Managed node group: 3-5 minutes to join nodes (public `terraform apply` logs of aws_eks_node_group: 2-3 minutes).
  "eks:index:ManagedNodeGroup": 4,
  "aws:eks/nodeGroup:NodeGroup": 4,
  // An EKS add-on on running nodes until ACTIVE: public `terraform apply` logs of aws_eks_addon show
  // aws-ebs-csi-driver at 45 s to 1 min 5 s (six runs), coredns 9-34 s, kube-proxy 25-45 s
  // (e.g. aws-ia/terraform-aws-eks-blueprints-addons#390); the slowest, rounded up.
  "aws:eks/addon:Addon": 1.1,
  // RDS PostgreSQL, one instance: about 10 minutes; multi-AZ is close to it.
  "aws:rds/instance:Instance": 12,
  // ElastiCache Redis replication group with encryption: about 10 minutes.
  "aws:elasticache/replicationGroup:ReplicationGroup": 10,
  "aws:ec2/natGateway:NatGateway": 2,
  // A Helm release waits for its workloads (atomic). Forja's v3 Releases are small add-ons (the ALB
  // controller, the NVIDIA device plugin): public `terraform apply` logs of the ALB controller's
  // helm_release show 21-45 s (four runs); a minute. Big charts are v4 Charts, timed per object below.
  "kubernetes:helm.sh/v3:Release": 1,
  // Workloads: pulling images and passing readiness (the provider awaits them).
  "kubernetes:apps/v1:StatefulSet": 3,
  "kubernetes:apps/v1:Deployment": 2,
  "kubernetes:apps/v1:DaemonSet": 1,
  // A setup or migration task: an image pull and a short run (Airflow's schema migration: under a minute on an empty database).
  "kubernetes:batch/v1:Job": 1,
  // The provider waits for a load balancer's address.
  "kubernetes:networking.k8s.io/v1:Ingress": 2,
};

/** A cloud API object (an IAM role, a subnet, a security group rule): a few seconds. */
const DEFAULT_MINUTES = 0.05;
/** A Kubernetes object the API server stores without waiting on anything (Secret, ConfigMap, Service...): under a second. */
const KUBERNETES_OBJECT_MINUTES = 0.01;

function minutesOf(type: string, custom: boolean): number {
  if (type in CREATE_MINUTES) return CREATE_MINUTES[type];
  if (!custom) return 0;
  return type.startsWith("kubernetes:") ? KUBERNETES_OBJECT_MINUTES : DEFAULT_MINUTES;
}

export interface CriticalPath {
  minutes: number;
  /** The chain, first resource first: `type name (minutes)`. */
  chain: string[];
}

/**
 * Longest path over custom resources (and remote components, whose children
 * the mocks do not see). A resource starts after its
 * dependencies and its provider; a dependency on a component means all of the
 * component's resources; a chart's objects start after the chart's own dependencies.
 * `ending` picks the resources whose paths count (all of them by default).
 */
export function criticalPath(resources: (ResourceEntry & { provider?: string | null })[], ending: (resource: ResourceEntry) => boolean = () => true): CriticalPath {
  const byUrn = new Map(resources.map((r) => [r.urn.split("::").slice(0, 4).join("::"), r]));
  const find = (urn: string) => byUrn.get(urn.split("::").slice(0, 4).join("::"));
  const children = new Map<string, ResourceEntry[]>();
  for (const r of resources) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  // A remote component (eks:index:Cluster) shows no children under the mocks: it stands for its own.
  const customsUnder = (r: ResourceEntry): ResourceEntry[] => (r.custom || !children.has(r.urn) ? [r] : (children.get(r.urn) ?? []).flatMap(customsUnder));
  const memo = new Map<string, CriticalPath>();
  const visiting = new Set<string>();
  const finish = (r: ResourceEntry): CriticalPath => {
    const known = memo.get(r.urn);
    if (known) return known;
    if (visiting.has(r.urn)) return { minutes: 0, chain: [] };
    visiting.add(r.urn);
    const dependencies = [...r.dependsOn];
    const parent = r.parent ? find(r.parent) : undefined;
    if (parent && !parent.custom) dependencies.push(...parent.dependsOn);
    if (r.provider) dependencies.push(r.provider);
    let before: CriticalPath = { minutes: 0, chain: [] };
    for (const dependency of dependencies) {
      const target = find(dependency);
      for (const resource of target ? customsUnder(target) : []) {
        const path = finish(resource);
        if (path.minutes > before.minutes) before = path;
      }
    }
    const own = minutesOf(r.type, r.custom || !children.has(r.urn));
    const result = { minutes: before.minutes + own, chain: own >= 1 ? [...before.chain, `${r.type} ${r.name} (${own} min)`] : before.chain };
    visiting.delete(r.urn);
    memo.set(r.urn, result);
    return result;
  };
  return resources
    .filter((r) => (r.custom || !children.has(r.urn)) && ending(r))
    .map(finish)
    .reduce((a, b) => (b.minutes > a.minutes ? b : a), { minutes: 0, chain: [] });
}
