/**
 * The steady-state requests of the pods EKS and EksCluster run beside the
 * workloads, for capacity checks. Figures are read from the manifests and
 * charts of the versions Forja installs; sources next to each entry. CoreDNS,
 * kube-proxy and the VPC CNI are the builds EKS picks for the cluster's
 * version (@pulumi/eks installs its defaults), read at the releases current
 * for 1.35. Rolling updates (a surge pod) and Jobs are not steady state and
 * not counted.
 */
import { parseQuantity } from "../../core/validate";
import type { EksClusterArgs } from "./args";
import { NodeAutoscaler } from "./args";
import { EKS_DEFAULTS } from "./defaults";
import { nodeAutoscalerOf } from "./values";

export interface Requests {
  cpuMillis: number;
  memoryMiB: number;
}

export interface SystemPod {
  name: string;
  /** `daemonset`: one per node (`gpu-daemonset`: one per GPU node); `deployment`: `replicas` in the cluster. */
  kind: "daemonset" | "gpu-daemonset" | "deployment";
  replicas: number;
  /** Per pod: the sum of its containers' requests (init containers request no more on any of these). */
  requests: Requests;
  source: string;
}

export interface SystemPodRequests {
  /** On every node. */
  perNode: Requests;
  /** Added on each GPU node. */
  perGpuNode: Requests;
  /** Once for the cluster, on any node. */
  cluster: Requests;
  pods: SystemPod[];
}

const EKS_PODS: SystemPod[] = [
  {
    name: "kube-proxy",
    kind: "daemonset",
    replicas: 1,
    requests: { cpuMillis: 100, memoryMiB: 0 },
    source: "EKS kube-proxy add-on DaemonSet as EKS deploys it (eksctl-io/eksctl pkg/addons/default/testdata/sample-1.25.json): requests cpu 100m, no memory",
  },
  {
    name: "aws-node",
    kind: "daemonset",
    replicas: 1,
    requests: { cpuMillis: 50, memoryMiB: 0 },
    source: "aws/amazon-vpc-cni-k8s v1.23.1 config/master/aws-k8s-cni.yaml: aws-node 25m + aws-eks-nodeagent 25m (network policy on; the init container's 25m is not added), no memory",
  },
  {
    name: "ebs-csi-node",
    kind: "daemonset",
    replicas: 1,
    requests: { cpuMillis: 30, memoryMiB: 104 },
    source: "kubernetes-sigs/aws-ebs-csi-driver chart 2.57.1 (driver v1.57.1) rendered: ebs-plugin 10m/40Mi, node-driver-registrar 10m/32Mi, liveness-probe 10m/32Mi",
  },
  {
    name: "eks-pod-identity-agent",
    kind: "daemonset",
    replicas: 1,
    requests: { cpuMillis: 0, memoryMiB: 0 },
    source: "aws/eks-pod-identity-agent charts/eks-pod-identity-agent values.yaml (the add-on's chart): resources {}",
  },
  {
    name: "nvidia-device-plugin",
    kind: "gpu-daemonset",
    replicas: 1,
    requests: { cpuMillis: 0, memoryMiB: 0 },
    source: "NVIDIA/k8s-device-plugin chart 0.17.1 values: resources {} (its DaemonSets select GPU nodes only)",
  },
  {
    name: "coredns",
    kind: "deployment",
    replicas: 2,
    requests: { cpuMillis: 100, memoryMiB: 70 },
    source: "EKS CoreDNS add-on for 1.35 (v1.14.2-eksbuild; eksctl-io/eksctl pkg/addons/default/assets/coredns-1.35.json): 2 x 100m/70Mi",
  },
  {
    name: "ebs-csi-controller",
    kind: "deployment",
    replicas: 2,
    requests: { cpuMillis: 60, memoryMiB: 232 },
    source: "kubernetes-sigs/aws-ebs-csi-driver chart 2.57.1 rendered: ebs-plugin, csi-provisioner, csi-attacher, csi-snapshotter, csi-resizer 10m/40Mi each, liveness-probe 10m/32Mi",
  },
];

/** Millicores and MiB of a `{requests: {cpu, memory}}` block; unset counts as 0, like the scheduler. */
function requestsOf(resources: unknown): Requests {
  const requests = (resources as { requests?: { cpu?: unknown; memory?: unknown } } | undefined)?.requests;
  return { cpuMillis: Math.round((parseQuantity(requests?.cpu) ?? 0) * 1000), memoryMiB: Math.round((parseQuantity(requests?.memory) ?? 0) / 2 ** 20) };
}

/** Forja's own add-ons, with the replicas and resources a caller's values override. */
function forjaPods(args: Pick<EksClusterArgs, "albControllerValues" | "nodeAutoscaler" | "clusterAutoscalerValues">): SystemPod[] {
  const alb = args.albControllerValues ?? {};
  const pods: SystemPod[] = [
    {
      name: "aws-load-balancer-controller",
      kind: "deployment",
      replicas: typeof alb.replicaCount === "number" ? alb.replicaCount : EKS_DEFAULTS.albController.replicaCount,
      requests: requestsOf(alb.resources ?? EKS_DEFAULTS.albController.resources),
      source: "EksCluster's values for chart aws-load-balancer-controller 3.5.0 (replicaCount, resources)",
    },
  ];
  if (nodeAutoscalerOf(args) === NodeAutoscaler.ClusterAutoscaler) {
    const ca = args.clusterAutoscalerValues ?? {};
    pods.push({
      name: "cluster-autoscaler",
      kind: "deployment",
      replicas: typeof ca.replicaCount === "number" ? ca.replicaCount : EKS_DEFAULTS.clusterAutoscaler.replicaCount,
      requests: requestsOf(ca.resources ?? EKS_DEFAULTS.clusterAutoscaler.resources),
      source: "EksCluster's values for chart cluster-autoscaler 9.59.0 (replicaCount, resources)",
    });
  }
  return pods;
}

function total(pods: SystemPod[]): Requests {
  return pods.reduce((sum, pod) => ({ cpuMillis: sum.cpuMillis + pod.replicas * pod.requests.cpuMillis, memoryMiB: sum.memoryMiB + pod.replicas * pod.requests.memoryMiB }), { cpuMillis: 0, memoryMiB: 0 });
}

/**
 * Requests of the EKS add-ons' pods and EksCluster's own (ALB controller,
 * Cluster Autoscaler) for a cluster made with `args`: per node (DaemonSets),
 * per GPU node (the NVIDIA device plugin) and once per cluster (Deployments).
 */
export function eksSystemPodRequests(args: Pick<EksClusterArgs, "albControllerValues" | "nodeAutoscaler" | "clusterAutoscalerValues"> = {}): SystemPodRequests {
  const pods = [...EKS_PODS, ...forjaPods(args)];
  return {
    perNode: total(pods.filter((pod) => pod.kind === "daemonset")),
    perGpuNode: total(pods.filter((pod) => pod.kind === "gpu-daemonset")),
    cluster: total(pods.filter((pod) => pod.kind === "deployment")),
    pods,
  };
}
