export { ClusterKind, IngressController, NodeArchitecture, requireWorkloadIdentity } from "./capabilities";
export type { ClusterCapabilities, IngressCapability, WorkloadIdentity } from "./capabilities";
