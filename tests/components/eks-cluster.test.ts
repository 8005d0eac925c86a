import * as k8s from "@pulumi/kubernetes";
import { podSpecViolations } from "../../components/core";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { storageClassName, validateCapabilities } from "../../components/platform/capabilities";
import { EksCluster, INSTANCE_TYPES, allocatable, eksSystemPodRequests } from "../../components/platform/eks";
import { albControllerPolicy } from "../../components/platform/eks/alb-policy";
import { clusterAutoscalerPolicy } from "../../components/platform/eks/autoscaler";
import { isArm64InstanceType, subnetLayout } from "../../components/platform/eks/network";
import { validateEksCluster } from "../../components/platform/eks/validate";
import type { EksClusterArgs } from "../../components/platform/eks";
import { record } from "../harness";
import type { Recorded } from "../harness";

const base: EksClusterArgs = { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"], publicAccessCidrs: ["198.51.100.0/24"] };

describe("subnetLayout", () => {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  it("gives a /16 three /18 private subnets and three /20 public ones, without overlap", () => {
    expect(subnetLayout("10.0.0.0/16", zones)).toEqual({
      "us-east-1a": { private: "10.0.0.0/18", public: "10.0.192.0/20" },
      "us-east-1b": { private: "10.0.64.0/18", public: "10.0.208.0/20" },
      "us-east-1c": { private: "10.0.128.0/18", public: "10.0.224.0/20" },
    });
  });
  it("keys subnets by zone letter: reordering or dropping zones moves no subnet", () => {
    const layout = subnetLayout("10.0.0.0/16", zones);
    expect(subnetLayout("10.0.0.0/16", ["us-east-1c", "us-east-1a", "us-east-1b"])).toEqual(layout);
    expect(subnetLayout("10.0.0.0/16", ["us-east-1c", "us-east-1b"])["us-east-1c"]).toEqual(layout["us-east-1c"]);
  });
  it("rejects a CIDR that is not a network address, and zones without a slot", () => {
    expect(() => subnetLayout("10.0.1.0/16", zones)).toThrow('EksCluster: argument "vpcCidr" was "10.0.1.0/16"; expected a network address (10.0.0.0/16).');
    expect(() => subnetLayout("10.0.0.0/16", ["us-east-1a", "us-east-1d"])).toThrow(/"us-east-1d" has no subnet slot.*bring your own network/);
  });
});

describe("validateEksCluster", () => {
  it.each([
    ["a group mixing architectures", { nodeGroups: { general: { instanceTypes: ["m7g.xlarge", "m6i.xlarge"] } } }, /"nodeGroups.general.instanceTypes" .*one architecture per group/],
    ["only tainted groups", { nodeGroups: { gpu: { instanceTypes: ["g5.xlarge"] } } }, /"nodeGroups" .*at least one untainted node group/],
    ["a GPU group of CPU instances", { nodeGroups: { general: {}, gpu: { instanceTypes: ["m6i.xlarge"], gpu: true } } }, /"nodeGroups.gpu.instanceTypes" .*NVIDIA GPU instance types/],
    ["an unknown NAT layout", { natGateways: "per-zone" }, /"natGateways" was "per-zone"; expected one of per-az, single/],
    ["a misspelt workload identity", { workloadIdentity: "irs" }, /"workloadIdentity" was "irs"; expected one of irsa, pod-identity/],
    ["an unknown taint effect", { nodeGroups: { general: {}, spot: { taints: [{ key: "spot", effect: "NoSchedule" }] } } }, /"nodeGroups.spot.taints\[0\].effect" was "NoSchedule"/],
    ["a VPC CIDR with an existing network", { vpcCidr: "10.1.0.0/16", network: { vpcId: "vpc-1", vpcCidr: "10.1.0.0/16", privateSubnetIds: ["subnet-a", "subnet-b"] } }, /"vpcCidr" .*unset when network is given/],
    ["a zone of another region", { availabilityZones: ["us-east-1a", "us-west-2b"] }, /"availabilityZones\[1\]" was "us-west-2b"; expected a zone of us-east-1/],
    ["a single zone", { availabilityZones: ["us-east-1a"] }, /expected 2 or 3 zones/],
    ["an API endpoint open to the world", { publicAccessCidrs: ["0.0.0.0/0"] }, /0.0.0.0\/0 opens the API server/],
    ["no way for `pulumi up` to reach the API server", { publicAccessCidrs: [] }, /"publicAccessCidrs" was \[\]; expected the CIDRs `pulumi up` runs from, or privateEndpointOnly: true/],
    ["node sizes out of order", { nodeGroups: { general: { minSize: 4, desiredSize: 3, maxSize: 6 } } }, /0 <= minSize <= desiredSize <= maxSize/],
    ["no args at all from JavaScript", undefined, /"args" was missing/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateEksCluster(change === undefined ? (undefined as unknown as EksClusterArgs) : { ...base, ...(change as Partial<EksClusterArgs>) })).toThrow(expected);
  });

  it("tells Graviton from amd64 instance families", () => {
    expect(["m6g.large", "c7gn.xlarge", "r8gd.2xlarge", "t4g.small", "im4gn.large", "g5g.xlarge"].every(isArm64InstanceType)).toBe(true);
    expect(["m6i.xlarge", "m6a.large", "g4dn.xlarge", "c5n.large", "m7i-flex.large", "p4d.24xlarge"].some(isArm64InstanceType)).toBe(false);
  });
});

describe("albControllerPolicy", () => {
  const statements = albControllerPolicy().Statement;
  it("never allows a wildcard action", () => {
    expect(statements.flatMap((s) => [s.Action].flat()).filter((a) => a.includes("*"))).toEqual([]);
  });
  it("limits destructive load balancer calls to resources the controller tagged", () => {
    const modify = statements.find((s) => s.Sid === "ModifyOwnLoadBalancers");
    expect(modify?.Action).toContain("elasticloadbalancing:DeleteLoadBalancer");
    expect(modify?.Condition).toEqual({ Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } });
  });
});

describe("EksCluster", () => {
  let production: Recorded;
  let development: Recorded;
  beforeAll(async () => {
    production = await record(() => new EksCluster("prod", { ...base, adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"], publicAccessCidrs: ["203.0.113.0/24"] }));
    development = await record(
      () => new EksCluster("dev", { ...base, publicAccessCidrs: [], privateEndpointOnly: true, natGateways: "single", protect: false, nodeGroups: { general: { minSize: 1, desiredSize: 1, maxSize: 2 } } }),
    );
  });

  it("builds one VPC with 3 private and 3 public subnets, tagged for internal and internet load balancers", () => {
    expect(production.ofType("aws:ec2/vpc:Vpc")).toHaveLength(1);
    const subnets = production.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs as { cidrBlock: string; availabilityZone: string; mapPublicIpOnLaunch?: boolean; tags: Record<string, string> });
    expect(subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1").map((s) => s.cidrBlock)).toEqual(["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]);
    expect(subnets.filter((s) => s.tags["kubernetes.io/role/elb"] === "1").map((s) => s.availabilityZone)).toEqual(base.availabilityZones);
    expect(subnets.every((s) => s.mapPublicIpOnLaunch !== true)).toBe(true);
  });

  it("puts a NAT gateway with its own Elastic IP in every AZ in production, one in development", () => {
    expect(production.ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(3);
    expect(production.ofType("aws:ec2/eip:Eip")).toHaveLength(3);
    expect(development.ofType("aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(development.ofType("aws:ec2/eip:Eip")).toHaveLength(1);
    // Every private route table sends 0.0.0.0/0 to a NAT gateway; dev's three all use the one.
    const devRoutes = development.ofType("aws:ec2/routeTable:RouteTable").filter((r) => r.name.includes("private"));
    expect(new Set(devRoutes.map((r) => (r.inputs.routes as { natGatewayId: string }[])[0].natGatewayId)).size).toBe(1);
  });

  it("exports the NAT Elastic IPs as the static egress addresses, and the security group nodes really use", async () => {
    let egress: string[] = [];
    let nodeGroup = "";
    const recorded = await record(() => {
      const cluster = new EksCluster("egress", base);
      cluster.egressIps.apply((ips) => (egress = ips));
      cluster.nodeSecurityGroupId.apply((id) => (nodeGroup = id));
    });
    expect(egress).toHaveLength(3);
    expect(egress.every((ip) => /^203\.0\.113\.\d+$/.test(ip))).toBe(true);
    expect(nodeGroup).toBe((recorded.one("eks:index:Cluster").outputs.eksCluster as { vpcConfig: { clusterSecurityGroupId: string } }).vpcConfig.clusterSecurityGroupId);
  });

  it("runs the control plane privately, with the public endpoint only for given CIDRs, API access entries and encrypted secrets", () => {
    const cluster = production.one("eks:index:Cluster").inputs;
    expect(cluster).toMatchObject({
      version: "1.35",
      endpointPrivateAccess: true,
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      authenticationMode: "API",
      createOidcProvider: true,
      skipDefaultNodeGroup: true,
      skipDefaultSecurityGroups: true,
      corednsAddonOptions: { enabled: false },
      deletionProtection: true,
      enabledClusterLogTypes: ["api", "audit", "authenticator"],
      accessEntries: { "admin-0": { principalArn: "arn:aws:iam::123456789012:role/platform-admin" } },
    });
    expect(cluster.encryptionConfigKeyArn).toMatch(/^arn:aws:kms:/);
    expect(development.one("eks:index:Cluster").inputs).toMatchObject({ endpointPublicAccess: false });
  });

  it("runs an amd64 managed node group of the configured sizes in the private subnets", () => {
    const group = production.one("eks:index:ManagedNodeGroup");
    // The first releases named it <cluster>-nodes: the alias keeps existing node groups.
    expect(group.name).toBe("prod-nodes-general");
    const nodes = group.inputs;
    expect(nodes).toMatchObject({ amiType: "AL2023_x86_64_STANDARD", instanceTypes: ["m6i.xlarge"], scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 } });
    expect(nodes.diskSize).toBeUndefined();
    expect(development.one("eks:index:ManagedNodeGroup").inputs).toMatchObject({ scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 2 } });
    const privateIds = production.ofType("aws:ec2/subnet:Subnet").filter((s) => s.name.includes("private")).map((s) => s.outputs.id);
    expect(nodes.subnetIds).toEqual(privateIds);
  });

  it("boots nodes from a launch template with an encrypted gp3 root volume and IMDSv2 only", () => {
    const template = production.one("aws:ec2/launchTemplate:LaunchTemplate");
    expect(template.inputs).toMatchObject({
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 50, volumeType: "gp3", encrypted: "true" } }],
      metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    });
    expect(production.one("eks:index:ManagedNodeGroup").inputs.launchTemplate).toEqual({ id: template.outputs.id, version: "1" });
  });

  it("keeps the nodes on the cluster's Kubernetes version", () => {
    expect(production.one("eks:index:ManagedNodeGroup").inputs.version).toBe("1.35");
  });

  it("turns on NetworkPolicy enforcement in the VPC CNI", () => {
    expect(production.one("eks:index:Cluster").inputs).toMatchObject({ vpcCniOptions: { enableNetworkPolicy: true } });
  });

  it("installs the EBS CSI driver, the Pod Identity agent and CoreDNS as pinned add-ons, those that run Deployments once the nodes exist", () => {
    const addons = production.ofType("aws:eks/addon:Addon").sort((a, b) => String(a.inputs.addonName).localeCompare(String(b.inputs.addonName)));
    expect(addons.map((a) => a.inputs)).toEqual([
      expect.objectContaining({ addonName: "aws-ebs-csi-driver", addonVersion: "v1.57.1-eksbuild.1", serviceAccountRoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//) }),
      // Adopts the CoreDNS EKS bootstraps: created before any node, the add-on would stay DEGRADED and fail the first `pulumi up`.
      expect.objectContaining({ addonName: "coredns", addonVersion: "v1.14.2-eksbuild.4", resolveConflictsOnCreate: "OVERWRITE" }),
      expect.objectContaining({ addonName: "eks-pod-identity-agent", addonVersion: "v1.3.10-eksbuild.2" }),
    ]);
    // A Deployment add-on created before any node stays DEGRADED and times out; the agent's DaemonSet does not wait for pods.
    const nodeGroup = production.one("eks:index:ManagedNodeGroup").urn;
    expect(addons.filter((a) => a.dependsOn.includes(nodeGroup)).map((a) => a.inputs.addonName)).toEqual(["aws-ebs-csi-driver", "coredns"]);
    // DNS until the add-on adopts it is the CoreDNS EKS bootstraps: turning bootstrapping off would leave none.
    expect(production.one("eks:index:Cluster").inputs.bootstrapSelfManagedAddons).not.toBe(false);
  });

  it("makes an encrypted gp3 StorageClass the default, retaining volumes", () => {
    expect(production.one("kubernetes:storage.k8s.io/v1:StorageClass").inputs).toMatchObject({
      metadata: { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      reclaimPolicy: "Retain",
      volumeBindingMode: "WaitForFirstConsumer",
    });
  });

  it("binds the ALB controller's IRSA role to its own service account only", () => {
    const role = production.ofType("aws:iam/role:Role").find((r) => r.name === "prod-alb-controller-role");
    expect(production.byUrn(String(role?.parent)).type).toBe("forja:index:WorkloadRole");
    const trust = JSON.parse(String(role?.inputs.assumeRolePolicy));
    expect(trust.Statement).toHaveLength(1);
    const issuer = String(production.one("eks:index:Cluster").outputs.oidcIssuer);
    expect(trust.Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: production.one("eks:index:Cluster").outputs.oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { [`${issuer}:sub`]: "system:serviceaccount:kube-system:aws-load-balancer-controller", [`${issuer}:aud`]: "sts.amazonaws.com" } },
    });
  });

  it("deploys the ALB controller chart pinned, with its role and a hardened pod", () => {
    const release = production.one("kubernetes:helm.sh/v3:Release").inputs;
    expect(release).toMatchObject({ chart: "aws-load-balancer-controller", version: "3.5.0", namespace: "kube-system", repositoryOpts: { repo: "https://aws.github.io/eks-charts" } });
    expect(release.values).toMatchObject({
      region: "us-east-1",
      serviceAccount: { create: true, name: "aws-load-balancer-controller", annotations: { "eks.amazonaws.com/role-arn": expect.stringContaining("prod-alb-controller-role") } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true },
      image: { repository: "public.ecr.aws/eks/aws-load-balancer-controller", tag: "v3.5.0" },
    });
  });

  it("protects the secrets key in production and passes every policy", () => {
    expect(production.one("aws:kms/key:Key").protect).toBe(true);
    const violations = production.policyViolations();
    expect(violations).toEqual([]);
  });

  it("records every VPC flow in a log group with a 90-day retention, written by its own role", () => {
    const group = production.one("aws:cloudwatch/logGroup:LogGroup");
    expect(group.inputs.retentionInDays).toBe(90);
    expect(production.one("aws:ec2/flowLog:FlowLog").inputs).toMatchObject({
      vpcId: production.one("aws:ec2/vpc:Vpc").outputs.id,
      trafficType: "ALL",
      logDestination: group.outputs.arn,
    });
    const policy = JSON.parse(String(production.ofType("aws:iam/rolePolicy:RolePolicy").find((r) => r.name === "prod-flow-logs")?.inputs.policy));
    expect(policy.Statement[0].Resource).toEqual([group.outputs.arn, `${group.outputs.arn}:*`]);
  });

  it("locks the VPC's default security group: no ingress, no egress", () => {
    const group = production.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs;
    expect(group.vpcId).toBe(production.one("aws:ec2/vpc:Vpc").outputs.id);
    expect(group).not.toHaveProperty("ingress");
    expect(group).not.toHaveProperty("egress");
  });

  it("gives the ALB policy and the controller's values a user override, merged over Forja's", async () => {
    const recorded = await record(() => new EksCluster("tuned", { ...base, albControllerValues: { replicaCount: 3, enableWaf: false } }));
    expect(recorded.one("kubernetes:helm.sh/v3:Release").inputs.values).toMatchObject({ replicaCount: 3, enableWaf: false, defaultTargetType: "ip" });
  });

  it("hands workloads a provider that waits for the nodes only, and volume claims a storage class name that waits for the EBS CSI driver", async () => {
    const workloads = production.one("pulumi:providers:kubernetes", "prod-workloads");
    const waitsFor = workloads.dependsOn.map((urn) => production.byUrn(urn).type).sort();
    expect(waitsFor).toEqual(["eks:index:Cluster", "eks:index:ManagedNodeGroup"]);
    const recorded = await record(() => {
      const cluster = new EksCluster("claims", base);
      new k8s.core.v1.PersistentVolumeClaim("data", { spec: { storageClassName: storageClassName(cluster.capabilities), accessModes: ["ReadWriteOnce"] } }, { provider: cluster.provider });
    });
    const claim = recorded.one("kubernetes:core/v1:PersistentVolumeClaim");
    expect(claim.dependsOn).toContain(recorded.one("kubernetes:storage.k8s.io/v1:StorageClass").urn);
    expect(claim.inputs).toMatchObject({ spec: { storageClassName: "gp3" } });
  });

  it("makes the workloads provider wait for the Pod Identity agent when workloads use Pod Identity", async () => {
    const recorded = await record(() => new EksCluster("pi", { ...base, workloadIdentity: "pod-identity" }));
    const waitsFor = recorded.one("pulumi:providers:kubernetes", "pi-workloads").dependsOn.map((urn) => recorded.byUrn(urn).inputs.addonName).filter(Boolean);
    expect(waitsFor).toEqual(["eks-pod-identity-agent"]);
  });

  it("lets a Service be created while the ALB controller starts: its Service webhook ignores failures", () => {
    expect(production.one("kubernetes:helm.sh/v3:Release").inputs.values).toMatchObject({ serviceMutatorWebhookConfig: { failurePolicy: "Ignore" } });
  });

  it("runs the EBS CSI node pods on the host network: IMDS stays at hop limit 1 for every other pod", () => {
    const ebs = production.ofType("aws:eks/addon:Addon").find((a) => a.inputs.addonName === "aws-ebs-csi-driver");
    expect(JSON.parse(String(ebs?.inputs.configurationValues))).toEqual({ node: { hostNetwork: true } });
  });

  it("protects the NAT Elastic IPs (the advertised egress addresses) in production only", () => {
    expect(production.ofType("aws:ec2/eip:Eip").every((ip) => ip.protect && ip.retainOnDelete)).toBe(true);
    expect(development.ofType("aws:ec2/eip:Eip").some((ip) => ip.protect)).toBe(false);
  });
});

describe("EksCluster node groups and networks", () => {
  it("reports gpu from a tainted GPU node group and installs the NVIDIA device plugin", async () => {
    let gpu = false;
    const recorded = await record(() => {
      const cluster = new EksCluster("ml", { ...base, nodeGroups: { system: { instanceTypes: ["m6i.large"], minSize: 2, desiredSize: 2, maxSize: 3 }, gpu: { instanceTypes: ["g5.xlarge"], minSize: 0, desiredSize: 1, maxSize: 2 } } });
      gpu = cluster.capabilities.gpu;
    });
    expect(gpu).toBe(true);
    const groups = recorded.ofType("eks:index:ManagedNodeGroup");
    expect(groups.map((g) => g.name)).toEqual(["ml-nodes-system", "ml-nodes-gpu"]);
    expect(groups[1].inputs).toMatchObject({
      amiType: "AL2023_x86_64_NVIDIA",
      taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NO_SCHEDULE" }],
      labels: { "forja/node-group": "gpu", "nvidia.com/gpu.present": "true" },
    });
    expect(groups[0].inputs.taints).toEqual([]);
    expect(recorded.ofType("kubernetes:helm.sh/v3:Release").map((r) => r.inputs.chart).sort()).toEqual(["aws-load-balancer-controller", "nvidia-device-plugin"]);
  });

  it("reports no GPU and no device plugin without a GPU group", async () => {
    let gpu = true;
    const recorded = await record(() => (gpu = new EksCluster("cpu", base).capabilities.gpu));
    expect(gpu).toBe(false);
    expect(recorded.ofType("kubernetes:helm.sh/v3:Release")).toHaveLength(1);
  });

  it("takes an existing VPC and creates no VPC, subnet, gateway or flow log", async () => {
    let subnets: string[] = [];
    const recorded = await record(() => {
      const cluster = new EksCluster("byo", { ...base, network: { vpcId: "vpc-0123456789abcdef0", vpcCidr: "10.20.0.0/16", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"], publicSubnetIds: ["subnet-0ccccccccccccccc3"] } });
      cluster.privateSubnetIds.apply((ids) => (subnets = ids));
    });
    for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/flowLog:FlowLog"]) {
      expect(recorded.ofType(type)).toEqual([]);
    }
    expect(recorded.one("eks:index:Cluster").inputs).toMatchObject({ vpcId: "vpc-0123456789abcdef0", privateSubnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"] });
    expect(subnets).toEqual(["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]);
  });

  it("creates the same subnet inputs whatever the order of the zones", async () => {
    const subnetInputs = async (zones: string[]) => {
      const recorded = await record(() => new EksCluster("order", { ...base, availabilityZones: zones }));
      return Object.fromEntries(recorded.ofType("aws:ec2/subnet:Subnet").map((s) => [s.name, s.inputs]));
    };
    expect(await subnetInputs(["us-east-1c", "us-east-1a", "us-east-1b"])).toEqual(await subnetInputs(["us-east-1a", "us-east-1b", "us-east-1c"]));
  });

  it("builds ARNs in the region's partition (cn-north-1 -> aws-cn)", async () => {
    const recorded = await record(() => new EksCluster("cn", { ...base, region: "cn-north-1", availabilityZones: ["cn-north-1a", "cn-north-1b"] }));
    const attachments = recorded.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => String(a.inputs.policyArn));
    expect(attachments.length).toBeGreaterThan(4);
    expect(attachments.every((arn) => arn.startsWith("arn:aws-cn:iam::aws:policy/"))).toBe(true);
    const alb = JSON.parse(String(recorded.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name.includes("alb-controller"))?.inputs.policy));
    const resources = alb.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat()).filter((r: string) => r !== "*");
    expect(resources.every((r: string) => r.startsWith("arn:aws-cn:"))).toBe(true);
  });

  it("registers nothing when its args are bad", async () => {
    const recorded = await record(() => {
      expect(() => new EksCluster("broken", { ...base, natGateways: "none" as never })).toThrow(/natGateways/);
      new EksCluster("fine", base);
    });
    expect(recorded.records.filter((r) => r.name.startsWith("broken"))).toEqual([]);
  });
});

describe("allocatable", () => {
  it("reserves CPU in tiers, 255Mi + 11Mi per pod and the 100Mi eviction threshold, as the EKS AMI does", () => {
    // 4 vCPUs: 60m + 10m + 2 x 5m; 58 pods (4 ENIs x 14 addresses + 2): 893Mi reserved.
    expect(allocatable("m6i.xlarge")).toEqual({ cpuMillis: 3920, memoryMiB: 16384 - 893 - 100, pods: 58 });
    // 64 vCPUs: 80m for the first four cores, 0.25% of the other 60.
    expect(allocatable("m6i.16xlarge").cpuMillis).toBe(64000 - 230);
  });

  it("caps pods at 110 below 30 vCPUs and 250 from 30, as managed node groups do", () => {
    expect(allocatable("t3.medium").pods).toBe(17);
    expect(allocatable("m6i.8xlarge").pods).toBe(234);
    expect(allocatable("m6i.16xlarge").pods).toBe(250);
    expect(allocatable("g5.48xlarge").pods).toBe(250);
  });

  it("knows every family Forja's stacks and docs use, GPUs included", () => {
    for (const family of ["m6i", "m7i", "c6i", "r6i", "t3", "g5", "g6"]) expect(Object.keys(INSTANCE_TYPES).some((type) => type.startsWith(`${family}.`))).toBe(true);
    expect(INSTANCE_TYPES["g6.12xlarge"]).toMatchObject({ vCpus: 48, memoryMiB: 192 * 1024, gpus: 4 });
  });

  it("names an unknown type and takes its specification instead", () => {
    expect(() => allocatable("m5.xlarge")).toThrow(/"instanceType" was "m5.xlarge"; expected one of .*m6i.xlarge.*or its vCpus, memoryMiB, maxPods and gpus/);
    expect(allocatable({ vCpus: 4, memoryMiB: 16384, maxPods: 58, gpus: 0 })).toEqual(allocatable("m6i.xlarge"));
  });
});

describe("eksSystemPodRequests", () => {
  it("counts the add-ons' DaemonSets per node and their Deployments once per cluster", () => {
    const requests = eksSystemPodRequests();
    // kube-proxy 100m, aws-node 50m, EBS CSI node 30m/104Mi, Pod Identity agent none.
    expect(requests.perNode).toEqual({ cpuMillis: 180, memoryMiB: 104 });
    // CoreDNS 2 x 100m/70Mi, EBS CSI controller 2 x 60m/232Mi, ALB controller 2 x 100m/128Mi, autoscaler 100m/600Mi.
    expect(requests.cluster).toEqual({ cpuMillis: 620, memoryMiB: 1460 });
    expect(requests.perGpuNode).toEqual({ cpuMillis: 0, memoryMiB: 0 });
    expect(requests.pods.every((pod) => pod.source.length > 0)).toBe(true);
  });

  it("follows the cluster's own settings: no autoscaler, more ALB controller replicas", () => {
    const requests = eksSystemPodRequests({ nodeAutoscaler: "none", albControllerValues: { replicaCount: 3, resources: { requests: { cpu: "200m", memory: "256Mi" } } } });
    expect(requests.pods.map((pod) => pod.name)).not.toContain("cluster-autoscaler");
    expect(requests.cluster).toEqual({ cpuMillis: 200 + 120 + 600, memoryMiB: 140 + 464 + 768 });
  });
});

describe("clusterAutoscalerPolicy", () => {
  const statements = clusterAutoscalerPolicy("us-east-1", "prod-eks").Statement;
  const writes = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"];

  it("resizes only Auto Scaling groups tagged as this cluster's (the tags EKS puts on managed groups)", () => {
    const resize = statements.filter((s) => [s.Action].flat().some((action) => writes.includes(action)));
    expect(resize).toHaveLength(1);
    expect(resize[0].Condition).toEqual({ StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/enabled": "true", "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-eks": "owned" } });
  });

  it("describes only this cluster's node groups, and grants nothing else but read-only describes", () => {
    expect(statements.find((s) => s.Action === "eks:DescribeNodegroup")?.Resource).toBe("arn:aws:eks:us-east-1:*:nodegroup/prod-eks/*");
    const unconditioned = statements.filter((s) => s.Condition === undefined).flatMap((s) => [s.Action].flat());
    expect(unconditioned.every((action) => /^(autoscaling|ec2|eks):(Describe|Get)/.test(action))).toBe(true);
  });
});

describe("EksCluster node autoscaling", () => {
  let scaled: Recorded;
  let fixed: Recorded;
  let capabilities: ClusterCapabilities | undefined;
  beforeAll(async () => {
    scaled = await record(() => {
      const cluster = new EksCluster("prod", {
        ...base,
        imageMirrors: { "registry.k8s.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/k8s" },
        nodeGroups: { general: { minSize: 3, desiredSize: 3, maxSize: 6 }, gpu: { instanceTypes: ["g5.xlarge"], minSize: 0, desiredSize: 0, maxSize: 2 } },
      });
      capabilities = cluster.capabilities;
    });
    fixed = await record(() => new EksCluster("fixed", { ...base, nodeAutoscaler: "none" }));
  });
  const chart = (recorded: Recorded) => recorded.ofType("kubernetes:helm.sh/v4:Chart").find((c) => c.inputs.chart === "cluster-autoscaler");

  it("installs the pinned cluster-autoscaler chart, discovering this cluster's groups", () => {
    const release = chart(scaled)?.inputs;
    expect(release).toMatchObject({ chart: "cluster-autoscaler", version: "9.59.0", namespace: "kube-system", name: "cluster-autoscaler" });
    const clusterName = (scaled.one("eks:index:Cluster").outputs.eksCluster as { name: string }).name;
    expect(release?.values).toMatchObject({ cloudProvider: "aws", awsRegion: "us-east-1", autoDiscovery: { clusterName }, priorityClassName: "system-cluster-critical" });
  });

  it("pulls the pinned autoscaler image through the cluster's mirror", () => {
    expect(chart(scaled)?.inputs.values).toMatchObject({ image: { repository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/k8s/autoscaling/cluster-autoscaler", tag: "v1.35.0" } });
  });

  it("runs a pod that meets restricted Pod Security, with requests and a memory limit", () => {
    const values = chart(scaled)?.inputs.values as { securityContext: object; containerSecurityContext: object; resources: object };
    // The chart puts securityContext on the pod and containerSecurityContext and resources on its one container (rendered with Helm).
    expect(podSpecViolations({ securityContext: values.securityContext, containers: [{ name: "aws-cluster-autoscaler", securityContext: values.containerSecurityContext, resources: values.resources }] } as never)).toEqual([]);
  });

  it("gives the autoscaler an IRSA role only its service account can assume, with its policy", () => {
    const role = scaled.ofType("aws:iam/role:Role").find((r) => r.name === "prod-cluster-autoscaler-role");
    const trust = JSON.parse(String(role?.inputs.assumeRolePolicy));
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain("system:serviceaccount:kube-system:cluster-autoscaler");
    expect(chart(scaled)?.inputs.values).toMatchObject({ rbac: { serviceAccount: { name: "cluster-autoscaler", annotations: { "eks.amazonaws.com/role-arn": role?.outputs.arn } } } });
    const policy = JSON.parse(String(scaled.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "prod-cluster-autoscaler-cluster-autoscaler")?.inputs.policy));
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["DiscoverGroupsAndInstanceTypes", "DescribeOwnNodeGroups", "ResizeOwnGroups"]);
    expect(scaled.policyViolations()).toEqual([]);
  });

  it("leaves each group's size to the autoscaler: `pulumi up` never resets desiredSize", () => {
    expect(scaled.ofType("eks:index:ManagedNodeGroup").map((g) => g.inputs.ignoreScalingChanges)).toEqual([true, true]);
    expect(fixed.one("eks:index:ManagedNodeGroup").inputs.ignoreScalingChanges).toBe(false);
  });

  it("reports every node group's instance types and sizes, and how far the cluster can grow", () => {
    expect(capabilities?.nodeAutoscaling).toEqual({ kind: "cluster-autoscaler", maxNodes: 8 });
    expect(capabilities?.nodeGroups).toEqual([
      { name: "general", instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 6, architecture: "amd64", gpu: false, taints: [], labels: { "forja/node-group": "general" } },
      {
        name: "gpu",
        instanceTypes: ["g5.xlarge"],
        minSize: 0,
        desiredSize: 0,
        maxSize: 2,
        architecture: "amd64",
        gpu: true,
        taints: [{ key: "nvidia.com/gpu", value: "true", effect: "NoSchedule" }],
        labels: { "forja/node-group": "gpu", "nvidia.com/gpu.present": "true" },
      },
    ]);
    expect(validateCapabilities("Test", capabilities)).toBe(capabilities);
  });

  it("installs no autoscaler with nodeAutoscaler none, and counts only the desired nodes", async () => {
    expect(chart(fixed)).toBeUndefined();
    expect(fixed.ofType("aws:iam/role:Role").map((r) => r.name)).not.toContain("fixed-cluster-autoscaler-role");
    let reported: ClusterCapabilities["nodeAutoscaling"];
    await record(() => (reported = new EksCluster("none", { ...base, nodeAutoscaler: "none", nodeGroups: { general: { minSize: 2, desiredSize: 3, maxSize: 6 } } }).capabilities.nodeAutoscaling));
    expect(reported).toEqual({ kind: "none", maxNodes: 3 });
  });

  it("merges the caller's chart values over Forja's", async () => {
    const recorded = await record(() => new EksCluster("tuned", { ...base, clusterAutoscalerValues: { extraArgs: { "scale-down-unneeded-time": "20m" } } }));
    expect(chart(recorded)?.inputs.values).toMatchObject({ extraArgs: { expander: "least-waste", "balance-similar-node-groups": true, "scale-down-unneeded-time": "20m" } });
  });

  it.each([
    ["an unknown autoscaler", { nodeAutoscaler: "karpenter" }, /"nodeAutoscaler" was "karpenter"; expected one of cluster-autoscaler, none/],
    ["autoscaler values without an autoscaler", { nodeAutoscaler: "none", clusterAutoscalerValues: { replicaCount: 2 } }, /"clusterAutoscalerValues" .*unset when nodeAutoscaler is "none"/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateEksCluster({ ...base, ...(change as Partial<EksClusterArgs>) })).toThrow(expected);
  });

  it("refuses capabilities that name an unknown autoscaler, and still takes capabilities written without one", () => {
    const written = { ...(capabilities as ClusterCapabilities), nodeAutoscaling: undefined, nodeGroups: undefined };
    expect(validateCapabilities("Test", written)).toBe(written);
    expect(() => validateCapabilities("Test", { ...written, nodeAutoscaling: { kind: "karpenter" as never, maxNodes: 3 } })).toThrow(/"cluster.nodeAutoscaling.kind" was "karpenter"/);
  });
});
