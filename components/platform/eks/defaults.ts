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
  /** The build EKS bootstraps on 1.35 (eksctl-io/eksctl pkg/addons/default/assets/coredns-1.35.json): adopting it changes no pod. */
  coredns: "v1.14.2-eksbuild.4",
  albController: {
    chart: "aws-load-balancer-controller",
    version: "3.5.0",
    repository: "https://aws.github.io/eks-charts",
    image: "public.ecr.aws/eks/aws-load-balancer-controller:v3.5.0",
  },
  /** Its minor must match the cluster's Kubernetes minor (the autoscaler simulates that version's scheduler). */
  clusterAutoscaler: {
    chart: "cluster-autoscaler",
    version: "9.59.0",
    repository: "https://kubernetes.github.io/autoscaler",
    image: "registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.0",
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
  /** A DaemonSet that only registers GPUs with the kubelet: small and steady. */
  nvidiaDevicePlugin: { resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } } },
  vpcCidr: "10.0.0.0/16",
  natGateways: "per-az",
  privateEndpointOnly: false,
  workloadIdentity: "irsa",
  nodeAutoscaler: "cluster-autoscaler",
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
  clusterAutoscaler: {
    /** One active instance by design (leader election); a restart loses no state. */
    replicaCount: 1,
    /** As in the autoscaler's own AWS example manifest (cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml). */
    resources: { requests: { cpu: "100m", memory: "600Mi" }, limits: { memory: "600Mi" } },
    /** Unprivileged ("nobody", as the chart suggests): the static binary needs no file of its own. */
    user: 65534,
    /** Fill the node group that leaves the least CPU and memory idle; keep per-zone groups of one shape level. */
    extraArgs: { expander: "least-waste", "balance-similar-node-groups": true },
  },
} as const;

export const EKS_ADDONS = {
  coredns: "coredns",
  ebsCsi: "aws-ebs-csi-driver",
  podIdentityAgent: "eks-pod-identity-agent",
} as const;

/** Kubernetes names the EKS add-ons and the ALB controller run under. */
export const SYSTEM_ACCOUNTS = {
  namespace: "kube-system",
  ebsCsi: "ebs-csi-controller-sa",
  albController: "aws-load-balancer-controller",
  clusterAutoscaler: "cluster-autoscaler",
} as const;

/** Node role managed policies: join the cluster, run the VPC CNI, pull from ECR, reach SSM (no SSH keys). */
export const NODE_MANAGED_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"] as const;
