/**
 * The nodes a stack's pods land on, as the capacity check sees them: the
 * K3s nodes the stack file describes; EKS node groups at their desired size
 * (their maximum when an autoscaler is installed) with each instance type's
 * allocatable capacity. ACI has no nodes.
 */
import { parseQuantity } from "../../components/core/validate";
import type { StackConfig } from "../config";
import type { NodePool } from "./capacity";

export interface StackNodes {
  pools: NodePool[];
  /** What to change when the pods do not fit. */
  fix: string;
}

export function stackNodePools(config: StackConfig): StackNodes | undefined {
  if (config.target === "k3s") {
    const { count, cpu, memory } = config.k3s.nodes;
    return {
      pools: [{ name: "k3s node", count, cpuMillis: Math.round((parseQuantity(cpu) ?? 0) * 1000), memoryMiB: Math.round((parseQuantity(memory) ?? 0) / 2 ** 20) }],
      fix: "Describe the cluster's real nodes in forja:k3s.nodes, or lower the stack's requests (presets, replicas).",
    };
  }
  return undefined;
}
