export { ClusterKind, IngressController, NodeArchitecture, NodeAutoscalerKind, NodeTaintEffect, WorkloadIdentityKind, requireWorkloadIdentity, storageClassName, validateCapabilities } from "./capabilities";
export type { ClusterCapabilities, IngressCapability, NodeAutoscaling, NodeGroupCapacity, NodeGroupTaint, TrafficSource, WorkloadIdentity } from "./capabilities";
export { requireKubernetesProvider } from "./kubernetes";
