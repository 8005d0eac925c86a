import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { flowLogsWriterPolicy, irsaTrustPolicy, managedPolicyArn, serviceTrustPolicy } from "../../aws/iam";
import { withDefaults } from "../../core/defaults";
import { childName } from "../../core/naming";
import type { ClusterCapabilities } from "../capabilities";
import { albControllerPolicy } from "./alb-policy";
import type { EksClusterArgs } from "./args";
import { EKS_ADDONS, EKS_DEFAULTS, EKS_VERSIONS, NODE_MANAGED_POLICIES, SYSTEM_ACCOUNTS } from "./defaults";
import { subnetLayout } from "./network";
import { albControllerValues, eksCapabilities, eksNodeGroup, gp3StorageClass, validateEksCluster } from "./values";

interface Network {
  vpc: aws.ec2.Vpc;
  privateSubnets: aws.ec2.Subnet[];
  publicSubnets: aws.ec2.Subnet[];
  egressIps: pulumi.Output<string>[];
}

/**
 * An EKS cluster ready for Forja's components: its own VPC over 2-3 AZs with
 * NAT egress on static IPs, a private API endpoint, access entries, an
 * amd64 managed node group, the EBS CSI driver with an encrypted gp3 default
 * StorageClass, EKS Pod Identity agent and the AWS Load Balancer Controller.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly kubeconfig: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcProviderUrl: pulumi.Output<string>;
  /** The security group EKS puts managed nodes (and so pods) in: allow it in database security groups. */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** Elastic IPs of the NAT gateways: the cluster's static egress addresses (to allow-list at partners). */
  readonly egressIps: pulumi.Output<string[]>;
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string[]>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  readonly provider: k8s.Provider;
  readonly capabilities: ClusterCapabilities;
  /**
   * The in-cluster add-ons (EBS CSI, gp3 StorageClass, ALB controller).
   * Workloads depend on them, so on destroy an Ingress goes before the
   * controller that must delete its ALB.
   */
  readonly addons: pulumi.Resource[];

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("forja:index:EksCluster", name, {}, opts);
    validateEksCluster(args);
    const a = withDefaults(EKS_DEFAULTS, {
      vpcCidr: args.vpcCidr,
      natGateways: args.natGateways,
      privateEndpointOnly: args.privateEndpointOnly,
      deletionProtection: args.deletionProtection,
      flowLogs: args.flowLogs,
    });
    const publicAccessCidrs = args.publicAccessCidrs ?? [];
    const tags = { ...args.tags, "forja:cluster": name };
    const network = this.network(name, args, a.vpcCidr, a.natGateways, tags);
    if (a.flowLogs) this.flowLogs(name, network.vpc, tags);

    // Losing this key makes every Secret in etcd unreadable: protected with the cluster.
    const secretsKey = new aws.kms.Key(
      childName(name, "secrets-key"),
      { description: `Envelope encryption of Kubernetes Secrets in ${name}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
      { parent: this, protect: a.deletionProtection, retainOnDelete: a.deletionProtection },
    );
    const nodeRole = new aws.iam.Role(childName(name, "node-role"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")), tags }, { parent: this });
    NODE_MANAGED_POLICIES.forEach((policy) => new aws.iam.RolePolicyAttachment(childName(name, `node-${policy}`), { role: nodeRole.name, policyArn: managedPolicyArn(policy) }, { parent: this }));
    for (const [policyName, policy] of Object.entries(args.nodeRolePolicies ?? {})) {
      new aws.iam.RolePolicy(childName(name, `node-${policyName}`), { role: nodeRole.id, policy }, { parent: this });
    }

    const cluster = new eks.Cluster(
      childName(name, "eks"),
      {
        version: args.kubernetesVersion ?? EKS_VERSIONS.kubernetes,
        vpcId: network.vpc.id,
        privateSubnetIds: network.privateSubnets.map((s) => s.id),
        publicSubnetIds: network.publicSubnets.map((s) => s.id),
        skipDefaultNodeGroup: true,
        // Managed nodes use the EKS-created cluster security group; the provider's own groups would sit unused.
        skipDefaultSecurityGroups: true,
        endpointPrivateAccess: true,
        endpointPublicAccess: !a.privateEndpointOnly,
        publicAccessCidrs: a.privateEndpointOnly ? undefined : publicAccessCidrs,
        authenticationMode: "API",
        accessEntries: Object.fromEntries(
          (args.adminRoleArns ?? []).map((arn, i) => [
            `admin-${i}`,
            { principalArn: arn, accessPolicies: { admin: { policyArn: EKS_DEFAULTS.adminAccessPolicyArn, accessScope: { type: "cluster" } } } },
          ]),
        ),
        createOidcProvider: true,
        // No instanceRoles: with API authentication EKS creates the node role's
        // access entry itself when the managed node group joins.
        corednsAddonOptions: { enabled: true },
        // The VPC CNI enforces NetworkPolicies only when asked: WebService's default deny relies on it.
        vpcCniOptions: { enableNetworkPolicy: true },
        encryptionConfigKeyArn: secretsKey.arn,
        enabledClusterLogTypes: [...EKS_DEFAULTS.logTypes],
        deletionProtection: a.deletionProtection,
        tags,
      },
      { parent: this },
    );
    this.clusterName = cluster.eksCluster.name;

    const nodes = eksNodeGroup(args);
    // A launch template of our own: encrypted gp3 root volumes (the account's
    // EBS default may not encrypt) and IMDSv2 only, with a hop limit pods can't reach past.
    const launchTemplate = new aws.ec2.LaunchTemplate(
      childName(name, "nodes"),
      {
        blockDeviceMappings: [{ deviceName: EKS_DEFAULTS.rootDevice, ebs: { volumeSize: nodes.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        tagSpecifications: [{ resourceType: "instance", tags }, { resourceType: "volume", tags }],
        tags,
      },
      { parent: this },
    );
    const nodeGroup = new eks.ManagedNodeGroup(
      childName(name, "nodes"),
      {
        cluster,
        nodeRole,
        amiType: EKS_DEFAULTS.amiType,
        capacityType: "ON_DEMAND",
        instanceTypes: [...nodes.instanceTypes],
        scalingConfig: { minSize: nodes.minSize, desiredSize: nodes.desiredSize, maxSize: nodes.maxSize },
        launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
        // With a launch template the provider no longer follows the cluster's version: pin it so upgrades move nodes too.
        version: cluster.eksCluster.version,
        subnetIds: network.privateSubnets.map((s) => s.id),
        labels: { "forja/node-group": "general" },
        tags,
      },
      { parent: this },
    );

    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcProviderUrl = cluster.oidcProviderUrl;
    const irsaRole = (role: string, serviceAccount: string) =>
      new aws.iam.Role(
        childName(name, role),
        {
          assumeRolePolicy: pulumi
            .all([cluster.oidcProviderArn, cluster.oidcProviderUrl])
            .apply(([arn, url]) => JSON.stringify(irsaTrustPolicy(arn, url, SYSTEM_ACCOUNTS.namespace, [serviceAccount]))),
          tags,
        },
        { parent: this },
      );

    const ebsRole = irsaRole("ebs-csi-role", SYSTEM_ACCOUNTS.ebsCsi);
    new aws.iam.RolePolicyAttachment(childName(name, "ebs-csi-policy"), { role: ebsRole.name, policyArn: managedPolicyArn("service-role/AmazonEBSCSIDriverPolicy") }, { parent: this });
    const ebsAddon = new aws.eks.Addon(
      childName(name, "ebs-csi"),
      { clusterName: this.clusterName, addonName: EKS_ADDONS.ebsCsi, addonVersion: EKS_VERSIONS.ebsCsiDriver, serviceAccountRoleArn: ebsRole.arn, resolveConflictsOnUpdate: "OVERWRITE", tags },
      { parent: this, dependsOn: [nodeGroup] },
    );
    new aws.eks.Addon(
      childName(name, "pod-identity-agent"),
      { clusterName: this.clusterName, addonName: EKS_ADDONS.podIdentityAgent, addonVersion: EKS_VERSIONS.podIdentityAgent, resolveConflictsOnUpdate: "OVERWRITE", tags },
      { parent: this, dependsOn: [nodeGroup] },
    );

    this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
    this.provider = new k8s.Provider(childName(name, "k8s"), { kubeconfig: this.kubeconfig, enableServerSideApply: true }, { parent: this });
    const storageClass = new k8s.storage.v1.StorageClass(childName(name, "gp3"), gp3StorageClass(), { parent: this, provider: this.provider, dependsOn: [ebsAddon] });

    const albRole = irsaRole("alb-controller-role", SYSTEM_ACCOUNTS.albController);
    const albPolicy = new aws.iam.Policy(childName(name, "alb-controller-policy"), { description: "AWS Load Balancer Controller (least privilege)", policy: JSON.stringify(albControllerPolicy()), tags }, { parent: this });
    new aws.iam.RolePolicyAttachment(childName(name, "alb-controller-policy"), { role: albRole.name, policyArn: albPolicy.arn }, { parent: this });
    // A real Helm release: the chart generates its webhook certificate at
    // install time, which a template-only Chart would regenerate on every run.
    const albController = new k8s.helm.v3.Release(
      childName(name, "alb-controller"),
      {
        chart: EKS_VERSIONS.albController.chart,
        version: EKS_VERSIONS.albController.version,
        repositoryOpts: { repo: args.chartRepository ?? EKS_VERSIONS.albController.repository },
        namespace: SYSTEM_ACCOUNTS.namespace,
        values: albControllerValues(this.clusterName, args.region, network.vpc.id, albRole.arn, args.imageMirrors ?? {}),
        atomic: true,
        cleanupOnFail: true,
      },
      { parent: this, provider: this.provider, dependsOn: [nodeGroup] },
    );

    this.addons = [ebsAddon, storageClass, albController];
    this.nodeSecurityGroupId = cluster.eksCluster.vpcConfig.clusterSecurityGroupId;
    this.egressIps = pulumi.all(network.egressIps);
    this.vpcId = network.vpc.id;
    this.privateSubnetIds = pulumi.all(network.privateSubnets.map((s) => s.id));
    this.publicSubnetIds = pulumi.all(network.publicSubnets.map((s) => s.id));
    this.capabilities = eksCapabilities(args, { oidcProviderArn: this.oidcProviderArn, issuerUrl: this.oidcProviderUrl, clusterName: this.clusterName });
    this.registerOutputs({
      kubeconfig: this.kubeconfig,
      clusterName: this.clusterName,
      oidcProviderArn: this.oidcProviderArn,
      oidcProviderUrl: this.oidcProviderUrl,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
      egressIps: this.egressIps,
      vpcId: this.vpcId,
    });
  }

  /** Every accepted and rejected flow of the VPC, into a log group with a retention limit. */
  private flowLogs(name: string, vpc: aws.ec2.Vpc, tags: Record<string, string>): void {
    const parent = { parent: this };
    const group = new aws.cloudwatch.LogGroup(childName(name, "flow-logs"), { retentionInDays: EKS_DEFAULTS.flowLogRetentionDays, tags }, parent);
    const role = new aws.iam.Role(childName(name, "flow-logs"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com")), tags }, parent);
    new aws.iam.RolePolicy(childName(name, "flow-logs"), { role: role.id, policy: group.arn.apply((arn) => JSON.stringify(flowLogsWriterPolicy(arn))) }, parent);
    new aws.ec2.FlowLog(childName(name, "flow-logs"), { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: group.arn, iamRoleArn: role.arn, tags }, parent);
  }

  /** VPC, subnets, internet gateway, NAT gateways (one or one per AZ) and routes. */
  private network(name: string, args: EksClusterArgs, vpcCidr: string, natGateways: "per-az" | "single", tags: Record<string, string>): Network {
    const parent = { parent: this };
    const layout = subnetLayout(vpcCidr, args.availabilityZones.length);
    const vpc = new aws.ec2.Vpc(childName(name, "vpc"), { cidrBlock: vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, parent);
    // No rules: nothing may use the VPC's default security group by accident.
    new aws.ec2.DefaultSecurityGroup(childName(name, "default-sg"), { vpcId: vpc.id, tags: { ...tags, Name: `${name}-default-deny` } }, parent);
    const gateway = new aws.ec2.InternetGateway(childName(name, "igw"), { vpcId: vpc.id, tags }, parent);
    const publicRoutes = new aws.ec2.RouteTable(childName(name, "public-rt"), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags }, parent);

    const publicSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        childName(name, `public-${zone}`),
        { vpcId: vpc.id, cidrBlock: layout.public[i], availabilityZone: zone, mapPublicIpOnLaunch: false, tags: { ...tags, Name: `${name}-public-${zone}`, "kubernetes.io/role/elb": "1" } },
        parent,
      );
      new aws.ec2.RouteTableAssociation(childName(name, `public-${zone}`), { subnetId: subnet.id, routeTableId: publicRoutes.id }, parent);
      return subnet;
    });

    const natZones = natGateways === "per-az" ? args.availabilityZones : args.availabilityZones.slice(0, 1);
    const nats = natZones.map((zone, i) => {
      const ip = new aws.ec2.Eip(childName(name, `nat-ip-${zone}`), { domain: "vpc", tags: { ...tags, Name: `${name}-egress-${zone}` } }, parent);
      const nat = new aws.ec2.NatGateway(childName(name, `nat-${zone}`), { allocationId: ip.id, subnetId: publicSubnets[i].id, tags: { ...tags, Name: `${name}-${zone}` } }, { parent: this, dependsOn: [gateway] });
      return { nat, ip };
    });

    const privateSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        childName(name, `private-${zone}`),
        { vpcId: vpc.id, cidrBlock: layout.private[i], availabilityZone: zone, tags: { ...tags, Name: `${name}-private-${zone}`, "kubernetes.io/role/internal-elb": "1" } },
        parent,
      );
      const nat = nats[natGateways === "per-az" ? i : 0].nat;
      const routes = new aws.ec2.RouteTable(childName(name, `private-rt-${zone}`), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags }, parent);
      new aws.ec2.RouteTableAssociation(childName(name, `private-${zone}`), { subnetId: subnet.id, routeTableId: routes.id }, parent);
      return subnet;
    });
    return { vpc, privateSubnets, publicSubnets, egressIps: nats.map(({ ip }) => ip.publicIp) };
  }
}
