import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { awsPartition, flowLogsWriterPolicy, managedPolicyArn, serviceTrustPolicy } from "../../aws/iam";
import { WorkloadRole } from "../../aws/workload-role";
import { withDefaults } from "../../core/defaults";
import { childName } from "../../core/naming";
import { chartValues } from "../../helm/chart";
import { HelmInstall, deployChart } from "../../helm/deploy";
import type { ClusterCapabilities, WorkloadIdentity } from "../capabilities";
import { albControllerPolicy } from "./alb-policy";
import type { EksClusterArgs } from "./args";
import { EksWorkloadIdentity, NodeAutoscaler } from "./args";
import { clusterAutoscalerPolicy, clusterAutoscalerValues } from "./autoscaler";
import { EKS_ADDONS, EKS_DEFAULTS, EKS_VERSIONS, NODE_MANAGED_POLICIES, SYSTEM_ACCOUNTS } from "./defaults";
import { subnetLayout } from "./network";
import type { NodeGroupPlan } from "./values";
import { albControllerValues, ebsCsiConfiguration, eksCapabilities, gp3StorageClass, nodeAutoscalerOf, nodeGroupPlans, nvidiaDevicePluginValues } from "./values";
import { validateEksCluster } from "./validate";

interface Network {
  vpcId: pulumi.Input<string>;
  privateSubnetIds: pulumi.Input<string>[];
  publicSubnetIds: pulumi.Input<string>[];
  egressIps: pulumi.Input<string>[];
}

/**
 * An EKS cluster ready for Forja's components: its own VPC over 2-3 AZs with
 * NAT egress on static IPs (or an existing network), a private API endpoint,
 * access entries, managed node groups (general, GPU, ... with labels and
 * taints), the EBS CSI driver with an encrypted gp3 default StorageClass, EKS
 * Pod Identity agent, the AWS Load Balancer Controller, the Cluster Autoscaler
 * (node groups grow to maxSize when pods cannot be scheduled), and the NVIDIA
 * device plugin when a GPU group exists.
 *
 * `provider` waits for the nodes (and the Pod Identity agent when workloads
 * use it), so components deployed through it need no `dependsOn`; objects
 * that claim volumes wait for the EBS CSI driver through
 * `capabilities.storageReady`, Ingresses for the ALB controller through
 * `capabilities.ingress.controllerReady`.
 */
export class EksCluster extends pulumi.ComponentResource {
  /** kubeconfig of the cluster (a secret); other languages create their `kubernetes.Provider` from it. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The EKS cluster's name. */
  readonly clusterName: pulumi.Output<string>;
  /** ARN of the cluster's IAM OIDC provider (IRSA). */
  readonly oidcProviderArn: pulumi.Output<string>;
  /** The cluster's OIDC issuer URL. */
  readonly oidcProviderUrl: pulumi.Output<string>;
  /** The security group EKS puts managed nodes (and so pods) in: allow it in database security groups. */
  readonly nodeSecurityGroupId: pulumi.Output<string>;
  /** Elastic IPs of the NAT gateways: the cluster's static egress addresses (to allow-list at partners). */
  readonly egressIps: pulumi.Output<string[]>;
  /** The VPC the cluster runs in. */
  readonly vpcId: pulumi.Output<string>;
  /** Private subnets (one per zone): for database and cache subnet groups. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Public subnets (one per zone): for internet-facing load balancers. */
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** The Kubernetes provider for workloads: it waits for the cluster's nodes and add-ons. */
  readonly provider: k8s.Provider;
  /** What the cluster can do: pass it as the `cluster` arg of every Kubernetes component (from any language). */
  readonly capabilities: ClusterCapabilities;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    validateEksCluster(args);
    super("forja:index:EksCluster", name, {}, opts);
    const a = withDefaults(EKS_DEFAULTS, {
      vpcCidr: args.vpcCidr,
      natGateways: args.natGateways,
      privateEndpointOnly: args.privateEndpointOnly,
      protect: args.protect,
      flowLogs: args.flowLogs,
    });
    const tags = { ...args.tags, "forja:cluster": name };
    const network: Network = args.network
      ? { vpcId: args.network.vpcId, privateSubnetIds: args.network.privateSubnetIds, publicSubnetIds: args.network.publicSubnetIds ?? [], egressIps: args.network.egressIps ?? [] }
      : this.network(name, args, a.vpcCidr, a.natGateways, a.protect, a.flowLogs, tags);

    // Losing this key makes every Secret in etcd unreadable: protected with the cluster.
    const secretsKey = new aws.kms.Key(
      childName(name, "secrets-key"),
      { description: `Envelope encryption of Kubernetes Secrets in ${name}`, enableKeyRotation: true, deletionWindowInDays: 30, tags },
      { parent: this, protect: a.protect, retainOnDelete: a.protect },
    );
    const nodeRole = new aws.iam.Role(childName(name, "node-role"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")), tags }, { parent: this });
    NODE_MANAGED_POLICIES.forEach(
      (policy) => new aws.iam.RolePolicyAttachment(childName(name, `node-${policy}`), { role: nodeRole.name, policyArn: managedPolicyArn(policy, args.region) }, { parent: this }),
    );
    for (const [policyName, policy] of Object.entries(args.nodeRolePolicies ?? {})) {
      new aws.iam.RolePolicy(childName(name, `node-${policyName}`), { role: nodeRole.id, policy }, { parent: this });
    }

    const cluster = new eks.Cluster(
      childName(name, "eks"),
      {
        version: args.kubernetesVersion ?? EKS_VERSIONS.kubernetes,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        publicSubnetIds: network.publicSubnetIds.length ? network.publicSubnetIds : undefined,
        skipDefaultNodeGroup: true,
        // Managed nodes use the EKS-created cluster security group; the provider's own groups would sit unused.
        skipDefaultSecurityGroups: true,
        endpointPrivateAccess: true,
        endpointPublicAccess: !a.privateEndpointOnly,
        publicAccessCidrs: a.privateEndpointOnly ? undefined : args.publicAccessCidrs,
        authenticationMode: "API",
        accessEntries: Object.fromEntries(
          (args.adminRoleArns ?? []).map((arn, i) => [
            `admin-${i}`,
            { principalArn: arn, accessPolicies: { admin: { policyArn: `arn:${awsPartition(args.region)}:eks::aws:cluster-access-policy/${EKS_DEFAULTS.adminAccessPolicy}`, accessScope: { type: "cluster" } } } },
          ]),
        ),
        createOidcProvider: true,
        // No instanceRoles: with API authentication EKS creates the node role's
        // access entry itself when the managed node group joins.
        // Not pulumi-eks's CoreDNS add-on: it is created before any node exists,
        // stays DEGRADED and times out the first `pulumi up` (pulumi/pulumi-eks#1819).
        // EKS bootstraps a self-managed CoreDNS; the managed add-on below adopts it once nodes run.
        corednsAddonOptions: { enabled: false },
        // The VPC CNI enforces NetworkPolicies only when asked: WebService's default deny relies on it.
        vpcCniOptions: { enableNetworkPolicy: true },
        encryptionConfigKeyArn: secretsKey.arn,
        enabledClusterLogTypes: [...EKS_DEFAULTS.logTypes],
        deletionProtection: a.protect,
        tags,
      },
      { parent: this },
    );
    this.clusterName = cluster.eksCluster.name;
    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcProviderUrl = cluster.oidcProviderUrl;

    const plans = nodeGroupPlans(args);
    const autoscaled = nodeAutoscalerOf(args) === NodeAutoscaler.ClusterAutoscaler;
    const nodeGroups = plans.map((plan) => this.nodeGroup(name, plan, cluster, nodeRole, network, tags, autoscaled));

    // Add-on roles always use IRSA: the OIDC provider exists whatever workloads use.
    const systemIdentity: WorkloadIdentity = { kind: "irsa", oidcProviderArn: cluster.oidcProviderArn, issuerUrl: cluster.oidcProviderUrl };
    const ebsRole = new WorkloadRole(
      childName(name, "ebs-csi"),
      { identity: systemIdentity, namespace: SYSTEM_ACCOUNTS.namespace, serviceAccounts: [SYSTEM_ACCOUNTS.ebsCsi], managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"], region: args.region, description: "EBS CSI controller", tags },
      { parent: this },
    );
    const ebsAddon = new aws.eks.Addon(
      childName(name, "ebs-csi"),
      {
        clusterName: this.clusterName,
        addonName: EKS_ADDONS.ebsCsi,
        addonVersion: EKS_VERSIONS.ebsCsiDriver,
        serviceAccountRoleArn: ebsRole.roleArn,
        configurationValues: ebsCsiConfiguration(),
        resolveConflictsOnUpdate: "OVERWRITE",
        tags,
      },
      // Its controller pods need nodes: created before them it stays DEGRADED and times out (eksctl-io/eksctl#5891).
      { parent: this, dependsOn: nodeGroups },
    );
    // A DaemonSet only: ACTIVE without nodes, so it installs beside them and its pods start as each node joins,
    // before any workload (what terraform-aws-modules/eks calls `before_compute`).
    const podIdentityAgent = new aws.eks.Addon(
      childName(name, "pod-identity-agent"),
      { clusterName: this.clusterName, addonName: EKS_ADDONS.podIdentityAgent, addonVersion: EKS_VERSIONS.podIdentityAgent, resolveConflictsOnUpdate: "OVERWRITE", tags },
      { parent: this },
    );

    // Workloads need not wait for it: the bootstrapped CoreDNS answers as soon as nodes run.
    // The alias keeps the add-on pulumi-eks created for stacks deployed before.
    new aws.eks.Addon(
      childName(name, "coredns"),
      { clusterName: this.clusterName, addonName: EKS_ADDONS.coredns, addonVersion: EKS_VERSIONS.coredns, resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE", preserve: true, tags },
      { parent: this, dependsOn: nodeGroups, aliases: [{ name: childName(childName(name, "eks"), "coredns"), parent: cluster }] },
    );

    this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
    // Add-ons install through their own provider; workloads go through `provider`, which waits for them.
    const addonProvider = new k8s.Provider(childName(name, "k8s"), { kubeconfig: this.kubeconfig, enableServerSideApply: true }, { parent: this });
    // Created once the driver runs: its name, as `capabilities.storageReady`, is what objects that claim volumes wait for.
    const storageClass = new k8s.storage.v1.StorageClass(childName(name, "gp3"), gp3StorageClass(), { parent: this, provider: addonProvider, dependsOn: [ebsAddon] });

    const albRole = new WorkloadRole(
      childName(name, "alb-controller"),
      { identity: systemIdentity, namespace: SYSTEM_ACCOUNTS.namespace, serviceAccounts: [SYSTEM_ACCOUNTS.albController], policies: { "alb-controller": JSON.stringify(albControllerPolicy(args.region)) }, region: args.region, description: "AWS Load Balancer Controller", tags },
      { parent: this },
    );
    // A real Helm release: the chart generates its webhook certificate at
    // install time, which a template-only Chart would regenerate on every run.
    // Its CRDs are not upgraded by `helm upgrade`: apply the chart's crds/ by
    // hand when bumping EKS_VERSIONS.albController.
    const albController = deployChart(this, childName(name, "alb-controller"), {
      chart: EKS_VERSIONS.albController,
      repositoryOverride: args.chartRepository,
      namespace: SYSTEM_ACCOUNTS.namespace,
      install: HelmInstall.Release,
      values: chartValues({
        computed: { ...albControllerValues(this.clusterName, args.region, network.vpcId), serviceAccount: { create: true, name: SYSTEM_ACCOUNTS.albController, annotations: albRole.serviceAccountAnnotations } },
        user: args.albControllerValues,
        mirrors: args.imageMirrors,
      }),
      provider: addonProvider,
      dependsOn: nodeGroups,
    }) as k8s.helm.v3.Release;
    if (autoscaled) this.clusterAutoscaler(name, args, systemIdentity, addonProvider, nodeGroups, tags);
    if (plans.some((plan) => plan.gpu)) {
      // A Release in kube-system: the plugin needs host device access that the
      // restricted policies (rightly) refuse for workloads.
      deployChart(this, childName(name, "nvidia-device-plugin"), {
        chart: EKS_VERSIONS.nvidiaDevicePlugin,
        repositoryOverride: args.chartRepository,
        namespace: SYSTEM_ACCOUNTS.namespace,
        install: HelmInstall.Release,
        values: chartValues({ computed: nvidiaDevicePluginValues(), mirrors: args.imageMirrors }),
        provider: addonProvider,
        dependsOn: nodeGroups,
      });
    }

    // Every workload needs nodes; only Pod Identity pods need the agent; only
    // objects that claim volumes need the EBS CSI driver, and they wait for it
    // through `capabilities.storageReady`, so the rest start two minutes sooner.
    const podIdentity = (args.workloadIdentity ?? EKS_DEFAULTS.workloadIdentity) === EksWorkloadIdentity.PodIdentity;
    this.provider = new k8s.Provider(
      childName(name, "workloads"),
      { kubeconfig: this.kubeconfig, enableServerSideApply: true },
      { parent: this, dependsOn: [...nodeGroups, ...(podIdentity ? [podIdentityAgent] : [])] },
    );
    this.nodeSecurityGroupId = cluster.eksCluster.vpcConfig.clusterSecurityGroupId;
    this.egressIps = pulumi.all(network.egressIps);
    this.vpcId = pulumi.output(network.vpcId);
    this.privateSubnetIds = pulumi.all(network.privateSubnetIds);
    this.publicSubnetIds = pulumi.all(network.publicSubnetIds);
    this.capabilities = eksCapabilities(args, {
      oidcProviderArn: this.oidcProviderArn,
      issuerUrl: this.oidcProviderUrl,
      clusterName: this.clusterName,
      ingressReady: pulumi.interpolate`${albController.namespace}/${albController.name}`,
      storageReady: storageClass.metadata.name,
    });
    this.registerOutputs({
      kubeconfig: this.kubeconfig,
      clusterName: this.clusterName,
      oidcProviderArn: this.oidcProviderArn,
      oidcProviderUrl: this.oidcProviderUrl,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
      egressIps: this.egressIps,
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }

  /**
   * One managed node group behind its own launch template: encrypted gp3 root
   * volumes (the account's EBS default may not encrypt) and IMDSv2 only, with
   * a hop limit pods can't reach past. The first releases had a single group
   * named `<cluster>-nodes`: the `general` group keeps its state through an alias.
   */
  private nodeGroup(name: string, plan: NodeGroupPlan, cluster: eks.Cluster, nodeRole: aws.iam.Role, network: Network, tags: Record<string, string>, autoscaled: boolean): eks.ManagedNodeGroup {
    const resourceName = childName(name, `nodes-${plan.name}`);
    const aliases = plan.name === EKS_DEFAULTS.nodeGroupName ? [{ name: childName(name, "nodes") }] : [];
    const launchTemplate = new aws.ec2.LaunchTemplate(
      resourceName,
      {
        blockDeviceMappings: [{ deviceName: EKS_DEFAULTS.rootDevice, ebs: { volumeSize: plan.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } }],
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        tagSpecifications: [{ resourceType: "instance", tags }, { resourceType: "volume", tags }],
        tags,
      },
      { parent: this, aliases },
    );
    return new eks.ManagedNodeGroup(
      resourceName,
      {
        cluster,
        nodeRole,
        amiType: plan.amiType,
        capacityType: "ON_DEMAND",
        instanceTypes: plan.instanceTypes,
        scalingConfig: { minSize: plan.minSize, desiredSize: plan.desiredSize, maxSize: plan.maxSize },
        // The autoscaler owns the size after creation: `pulumi up` must not shrink a group it grew.
        ignoreScalingChanges: autoscaled,
        launchTemplate: { id: launchTemplate.id, version: pulumi.interpolate`${launchTemplate.latestVersion}` },
        // With a launch template the provider no longer follows the cluster's version: pin it so upgrades move nodes too.
        version: cluster.eksCluster.version,
        subnetIds: network.privateSubnetIds,
        labels: plan.labels,
        taints: plan.taints.map((taint) => ({ key: taint.key, value: taint.value ?? "", effect: taint.effect })),
        tags,
      },
      { parent: this, aliases },
    );
  }

  /**
   * The Cluster Autoscaler with its own IRSA role. It finds the node groups
   * by the auto-discovery tags EKS puts on every managed group's Auto Scaling
   * group, and its role may resize only groups tagged as this cluster's.
   * Workloads do not wait for it: pods that do not fit stay Pending until it
   * starts, then get nodes.
   */
  private clusterAutoscaler(name: string, args: EksClusterArgs, identity: WorkloadIdentity, provider: k8s.Provider, nodeGroups: eks.ManagedNodeGroup[], tags: Record<string, string>): void {
    const role = new WorkloadRole(
      childName(name, "cluster-autoscaler"),
      {
        identity,
        namespace: SYSTEM_ACCOUNTS.namespace,
        serviceAccounts: [SYSTEM_ACCOUNTS.clusterAutoscaler],
        policies: { "cluster-autoscaler": this.clusterName.apply((cluster) => JSON.stringify(clusterAutoscalerPolicy(args.region, cluster))) },
        region: args.region,
        description: "Cluster Autoscaler",
        tags,
      },
      { parent: this },
    );
    // A template-rendered Chart: no hooks, nothing generated at install time,
    // and every object (ClusterRole, Deployment, PDB) is a Pulumi resource
    // the policy pack checks and `pulumi up` awaits.
    deployChart(this, childName(name, "cluster-autoscaler"), {
      chart: EKS_VERSIONS.clusterAutoscaler,
      repositoryOverride: args.chartRepository,
      namespace: SYSTEM_ACCOUNTS.namespace,
      releaseName: SYSTEM_ACCOUNTS.clusterAutoscaler,
      install: HelmInstall.Chart,
      values: chartValues({
        computed: clusterAutoscalerValues(this.clusterName, args.region, role.serviceAccountAnnotations),
        user: args.clusterAutoscalerValues,
        mirrors: args.imageMirrors,
      }),
      provider,
      dependsOn: [...nodeGroups, role],
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

  /**
   * VPC, subnets (keyed by zone), internet gateway, NAT gateways (one or one
   * per AZ) and routes. The NAT Elastic IPs are the addresses partners
   * allow-list: protected with the cluster.
   */
  private network(name: string, args: EksClusterArgs, vpcCidr: string, natGateways: string, protect: boolean, flowLogs: boolean, tags: Record<string, string>): Network {
    const parent = { parent: this };
    const layout = subnetLayout(vpcCidr, args.availabilityZones);
    const vpc = new aws.ec2.Vpc(childName(name, "vpc"), { cidrBlock: vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, parent);
    if (flowLogs) this.flowLogs(name, vpc, tags);
    // No rules: nothing may use the VPC's default security group by accident.
    new aws.ec2.DefaultSecurityGroup(childName(name, "default-sg"), { vpcId: vpc.id, tags: { ...tags, Name: `${name}-default-deny` } }, parent);
    const gateway = new aws.ec2.InternetGateway(childName(name, "igw"), { vpcId: vpc.id, tags }, parent);
    const publicRoutes = new aws.ec2.RouteTable(childName(name, "public-rt"), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }], tags }, parent);

    const publicSubnets = args.availabilityZones.map((zone) => {
      const subnet = new aws.ec2.Subnet(
        childName(name, `public-${zone}`),
        { vpcId: vpc.id, cidrBlock: layout[zone].public, availabilityZone: zone, mapPublicIpOnLaunch: false, tags: { ...tags, Name: `${name}-public-${zone}`, "kubernetes.io/role/elb": "1" } },
        parent,
      );
      new aws.ec2.RouteTableAssociation(childName(name, `public-${zone}`), { subnetId: subnet.id, routeTableId: publicRoutes.id }, parent);
      return subnet;
    });

    const natZones = natGateways === "per-az" ? args.availabilityZones : args.availabilityZones.slice(0, 1);
    const nats = natZones.map((zone, i) => {
      const ip = new aws.ec2.Eip(childName(name, `nat-ip-${zone}`), { domain: "vpc", tags: { ...tags, Name: `${name}-egress-${zone}` } }, { parent: this, protect, retainOnDelete: protect });
      const nat = new aws.ec2.NatGateway(childName(name, `nat-${zone}`), { allocationId: ip.id, subnetId: publicSubnets[i].id, tags: { ...tags, Name: `${name}-${zone}` } }, { parent: this, dependsOn: [gateway] });
      return { nat, ip };
    });

    const privateSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        childName(name, `private-${zone}`),
        { vpcId: vpc.id, cidrBlock: layout[zone].private, availabilityZone: zone, tags: { ...tags, Name: `${name}-private-${zone}`, "kubernetes.io/role/internal-elb": "1" } },
        parent,
      );
      const nat = nats[natGateways === "per-az" ? i : 0].nat;
      const routes = new aws.ec2.RouteTable(childName(name, `private-rt-${zone}`), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }], tags }, parent);
      new aws.ec2.RouteTableAssociation(childName(name, `private-${zone}`), { subnetId: subnet.id, routeTableId: routes.id }, parent);
      return subnet;
    });
    return {
      vpcId: vpc.id,
      privateSubnetIds: privateSubnets.map((s) => s.id),
      publicSubnetIds: publicSubnets.map((s) => s.id),
      egressIps: nats.map(({ ip }) => ip.publicIp.apply((address) => requireAddress(address, name))),
    };
  }
}

/** An Elastic IP always has an address; a missing one (a broken mock or provider) must not become `[null]` silently. */
function requireAddress(address: string | undefined, cluster: string): string {
  if (!address) throw new Error(`EksCluster ${cluster}: a NAT Elastic IP has no public address`);
  return address;
}
