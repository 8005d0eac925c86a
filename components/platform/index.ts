export { ClusterKind, IngressController, NodeArchitecture, WorkloadIdentityKind, requireWorkloadIdentity, validateCapabilities } from "./capabilities";
export type { ClusterCapabilities, IngressCapability, TrafficSource, WorkloadIdentity } from "./capabilities";
export { requireKubernetesProvider } from "./kubernetes";
