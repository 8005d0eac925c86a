export { EksCluster } from "./eks-cluster";
export type { EksClusterArgs, NodeGroupArgs } from "./args";
export { EKS_DEFAULTS, EKS_VERSIONS } from "./defaults";
export { albControllerPolicy } from "./alb-policy";
export { subnetLayout, isArm64InstanceType } from "./network";
export { eksCapabilities, validateEksCluster, gp3StorageClass, albControllerValues } from "./values";
