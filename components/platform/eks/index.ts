export { EksCluster } from "./eks-cluster";
export type { EksClusterArgs, NodeGroupArgs, NodeTaint, ExistingNetworkArgs } from "./args";
export { NatGateways, EksWorkloadIdentity, TaintEffect } from "./args";
export { EKS_VERSIONS } from "./defaults";
