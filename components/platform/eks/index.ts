export { EksCluster } from "./eks-cluster";
export type { EksClusterArgs, NodeGroupArgs, NodeTaint, ExistingNetworkArgs } from "./args";
export { NatGateways, EksWorkloadIdentity, NodeAutoscaler, TaintEffect } from "./args";
export { EKS_VERSIONS } from "./defaults";
export { INSTANCE_TYPES, allocatable, instanceTypeSpec } from "./instance-types";
export type { InstanceTypeSpec, NodeResources } from "./instance-types";
export { eksSystemPodRequests } from "./system-pods";
export type { SystemPod, SystemPodRequests } from "./system-pods";
