/**
 * What the consumer stacks in this folder register. `npm test` checks them
 * against the sources (tests/examples/consumer-stacks.test.ts), the package
 * suite against the packed tarball: a change to a component updates them here.
 */
export const K3S_STACK_COUNTS: Record<string, number> = {
  "forja:index:K3sCluster": 1,
  "pulumi:providers:kubernetes": 1,
  "forja:index:WebService": 1,
  "kubernetes:core/v1:ServiceAccount": 1,
  "kubernetes:apps/v1:Deployment": 1,
  "kubernetes:core/v1:Service": 1,
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": 1,
  "kubernetes:policy/v1:PodDisruptionBudget": 1,
  "kubernetes:networking.k8s.io/v1:Ingress": 1,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
};
export const K3S_STACK_OUTPUTS = { url: "http://api.apps.svc.cluster.local:8000" };

export const EKS_STACK_COUNTS: Record<string, number> = {
  "forja:index:EksCluster": 1,
  "aws:ec2/vpc:Vpc": 1,
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
  "aws:ec2/internetGateway:InternetGateway": 1,
  "aws:ec2/subnet:Subnet": 4,
  "aws:ec2/routeTable:RouteTable": 3,
  "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
  "aws:ec2/eip:Eip": 1,
  "aws:ec2/natGateway:NatGateway": 1,
  "aws:ec2/flowLog:FlowLog": 1,
  "aws:cloudwatch/logGroup:LogGroup": 1,
  "aws:kms/key:Key": 1,
  // EksCluster's add-on roles, the Cluster Autoscaler's among them.
  "forja:index:WorkloadRole": 3,
  "aws:iam/role:Role": 5,
  "aws:iam/rolePolicy:RolePolicy": 3,
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 5,
  "aws:ec2/launchTemplate:LaunchTemplate": 1,
  "eks:index:Cluster": 1,
  "eks:index:ManagedNodeGroup": 1,
  "aws:eks/addon:Addon": 3,
  "pulumi:providers:kubernetes": 2,
  "kubernetes:storage.k8s.io/v1:StorageClass": 1,
  "kubernetes:helm.sh/v3:Release": 1,
  "kubernetes:helm.sh/v4:Chart": 1,
  "forja:index:WebService": 1,
  "kubernetes:core/v1:ServiceAccount": 1,
  "kubernetes:apps/v1:Deployment": 1,
  "kubernetes:policy/v1:PodDisruptionBudget": 1,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": 1,
};
