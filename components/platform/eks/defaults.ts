/**
 * Pinned versions for the EKS platform. Kubernetes 1.35 is in EKS standard
 * support until 2027-03; add-on builds are the ones published for 1.35
 * (check `aws eks describe-addon-versions --kubernetes-version 1.35` before
 * bumping either).
 */
export const EKS_VERSIONS = {
  kubernetes: "1.35",
  ebsCsiDriver: "v1.57.1-eksbuild.1",
  podIdentityAgent: "v1.3.10-eksbuild.2",
  albController: {
    chart: "aws-load-balancer-controller",
    version: "3.5.0",
    repository: "https://aws.github.io/eks-charts",
    image: "public.ecr.aws/eks/aws-load-balancer-controller:v3.5.0",
  },
  /** Advertises nvidia.com/gpu on GPU nodes (the accelerated AMI ships the driver, not the plugin). */
  nvidiaDevicePlugin: {
    chart: "nvidia-device-plugin",
    version: "0.17.1",
    repository: "https://nvidia.github.io/k8s-device-plugin",
    image: "nvcr.io/nvidia/k8s-device-plugin:v0.17.1",
  },
} as const;

export const EKS_DEFAULTS = {
  vpcCidr: "10.0.0.0/16",
  natGateways: "per-az",
  privateEndpointOnly: false,
  workloadIdentity: "irsa",
  protect: true,
  storageClass: "gp3",
  ingressClass: "alb",
  /** The node group a cluster gets when none are given. */
  nodeGroupName: "general",
  nodes: {
    instanceTypes: ["m6i.xlarge"],
    minSize: 3,
    desiredSize: 3,
    maxSize: 6,
    diskSizeGiB: 50,
  },
  /** Keeps pods that do not ask for a GPU off GPU nodes. */
  gpuTaint: { key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" },
  /** VPC flow logs to CloudWatch, kept this many days. */
  flowLogs: true,
  flowLogRetentionDays: 90,
  /** Control-plane logs shipped to CloudWatch. */
  logTypes: ["api", "audit", "authenticator"],
  /** Amazon Linux 2023 AMIs by architecture, and their NVIDIA (accelerated) variants. */
  amiTypes: {
    amd64: "AL2023_x86_64_STANDARD",
    arm64: "AL2023_ARM_64_STANDARD",
    amd64Gpu: "AL2023_x86_64_NVIDIA",
    arm64Gpu: "AL2023_ARM_64_NVIDIA",
  },
  rootDevice: "/dev/xvda",
  adminAccessPolicy: "AmazonEKSClusterAdminPolicy",
  albController: {
    replicaCount: 2,
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    /** The chart's own default group; the controller needs no more. */
    fsGroup: 65534,
  },
} as const;

export const EKS_ADDONS = {
  ebsCsi: "aws-ebs-csi-driver",
  podIdentityAgent: "eks-pod-identity-agent",
} as const;

/** Kubernetes names the EKS add-ons and the ALB controller run under. */
export const SYSTEM_ACCOUNTS = {
  namespace: "kube-system",
  ebsCsi: "ebs-csi-controller-sa",
  albController: "aws-load-balancer-controller",
} as const;

/** Node role managed policies: join the cluster, run the VPC CNI, pull from ECR, reach SSM (no SSH keys). */
export const NODE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"] as const;
