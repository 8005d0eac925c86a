export { K3sCluster, k3sCapabilities } from "./k3s-cluster";
export type { K3sClusterArgs } from "./args";
export { K3S_DEFAULTS } from "./defaults";
