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
} as const;

export const EKS_DEFAULTS = {
  vpcCidr: "10.0.0.0/16",
  natGateways: "per-az",
  privateEndpointOnly: false,
  workloadIdentity: "irsa",
  deletionProtection: true,
  storageClass: "gp3",
  ingressClass: "alb",
  nodes: {
    instanceTypes: ["m6i.xlarge"],
    minSize: 3,
    desiredSize: 3,
    maxSize: 6,
    diskSizeGiB: 50,
  },
  /** VPC flow logs to CloudWatch, kept this many days. */
  flowLogs: true,
  flowLogRetentionDays: 90,
  /** Control-plane logs shipped to CloudWatch. */
  logTypes: ["api", "audit", "authenticator"],
  /** Amazon Linux 2023 on x86_64: amd64 nodes. */
  amiType: "AL2023_x86_64_STANDARD",
  rootDevice: "/dev/xvda",
  adminAccessPolicyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
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
