/**
 * The nodes a stack's pods land on, as the capacity check sees them: the
 * K3s nodes the stack file describes; EKS node groups at their desired size
 * (their maximum when an autoscaler is installed) with each instance type's
 * allocatable capacity, and the pods EKS itself runs there that the program
 * does not render (kube-proxy, the VPC CNI, CoreDNS, EBS CSI...). ACI has no nodes.
 */
import { parseQuantity } from "../../components/core/validate";
import { NodeAutoscaler } from "../../components/platform/eks/args";
import { allocatable } from "../../components/platform/eks/instance-types";
import { eksSystemPodRequests } from "../../components/platform/eks/system-pods";
import { nodeAutoscalerOf, nodeGroupPlans } from "../../components/platform/eks/values";
import type { StackConfig } from "../config";
import { eksClusterArgs } from "../config/eks";
import type { NodePool, PodDemand } from "./capacity";

export interface StackNodes {
  pools: NodePool[];
  /** Pods the platform runs that the program does not render. */
  systemPods: PodDemand[];
  /** What to change when the pods do not fit. */
  fix: string;
}

/** `renderedWorkloads`: names of the workloads the synth saw, so a system pod Forja renders is not counted twice. */
export function stackNodePools(config: StackConfig, renderedWorkloads: string[] = []): StackNodes | undefined {
  if (config.target === "k3s") {
    const { count, cpu, memory } = config.k3s.nodes;
    return {
      pools: [{ name: "k3s node", count, cpuMillis: Math.round((parseQuantity(cpu) ?? 0) * 1000), memoryMiB: Math.round((parseQuantity(memory) ?? 0) / 2 ** 20) }],
      systemPods: [],
      fix: "Describe the cluster's real nodes in forja:k3s.nodes, or lower the stack's requests (presets, replicas).",
    };
  }
  if (config.target === "eks") {
    const args = eksClusterArgs(config, { nodeRolePolicies: {}, imageMirrors: {} });
    const autoscaled = nodeAutoscalerOf(args) !== NodeAutoscaler.None;
    const plans = nodeGroupPlans(args).filter((plan) => plan.taints.length === 0);
    const pools = plans.map((plan) => {
      // The autoscaler may add any of the group's types: count the smallest.
      const sizes = plan.instanceTypes.map((type) => ({ type, ...allocatable(type) })).sort((a, b) => a.cpuMillis - b.cpuMillis);
      return { name: sizes[0].type, count: autoscaled ? plan.maxSize : plan.desiredSize, cpuMillis: sizes[0].cpuMillis, memoryMiB: sizes[0].memoryMiB };
    });
    const systemPods = eksSystemPodRequests(args)
      .pods.filter((pod) => pod.kind !== "gpu-daemonset" && !renderedWorkloads.some((name) => name.includes(pod.name)))
      .map((pod) => ({ workload: `EKS add-on ${pod.name}`, replicas: pod.replicas, ...pod.requests, perNode: pod.kind === "daemonset" }));
    const where = autoscaled ? "maxSize" : "desiredSize (no autoscaler)";
    return {
      pools,
      systemPods,
      fix: `Raise forja:eks.nodeGroups.<group>.${where}, choose larger instance types, or lower the stack's requests (presets, replicas). Tainted groups (GPU) take only pods that tolerate them and are not counted.`,
    };
  }
  return undefined;
}
