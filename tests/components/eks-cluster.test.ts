import { EksCluster, albControllerPolicy, isArm64InstanceType, subnetLayout, validateEksCluster } from "../../components/platform/eks";
import type { EksClusterArgs } from "../../components/platform/eks";
import { record } from "../harness";
import type { Recorded } from "../harness";

const base: EksClusterArgs = { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"], publicAccessCidrs: ["198.51.100.0/24"] };

describe("subnetLayout", () => {
  it("gives a /16 three /18 private subnets and three /20 public ones, without overlap", () => {
    expect(subnetLayout("10.0.0.0/16", 3)).toEqual({
      private: ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
      public: ["10.0.192.0/20", "10.0.208.0/20", "10.0.224.0/20"],
    });
  });
  it("rejects a CIDR that is not a network address", () => {
    expect(() => subnetLayout("10.0.1.0/16", 3)).toThrow('EksCluster: argument "vpcCidr" was "10.0.1.0/16"; expected a network address (10.0.0.0/16).');
  });
});

describe("validateEksCluster", () => {
  it.each([
    ["Graviton nodes", { nodes: { instanceTypes: ["m7g.xlarge"] } }, /"nodes.instanceTypes" was \["m7g.xlarge"\]; expected amd64 instance types/],
    ["a zone of another region", { availabilityZones: ["us-east-1a", "us-west-2b"] }, /"availabilityZones" was \["us-west-2b"\]/],
    ["a single zone", { availabilityZones: ["us-east-1a"] }, /expected 2 or 3 zones/],
    ["an API endpoint open to the world", { publicAccessCidrs: ["0.0.0.0/0"] }, /0.0.0.0\/0 opens the API server/],
    ["no way for `pulumi up` to reach the API server", { publicAccessCidrs: [] }, /"publicAccessCidrs" was \[\]; expected the CIDRs `pulumi up` runs from, or privateEndpointOnly: true/],
    ["node sizes out of order", { nodes: { minSize: 4, desiredSize: 3, maxSize: 6 } }, /1 <= minSize <= desiredSize <= maxSize/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateEksCluster({ ...base, ...(change as Partial<EksClusterArgs>) })).toThrow(expected);
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
      () => new EksCluster("dev", { ...base, publicAccessCidrs: [], privateEndpointOnly: true, natGateways: "single", deletionProtection: false, nodes: { minSize: 1, desiredSize: 1, maxSize: 2 } }),
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
      corednsAddonOptions: { enabled: true },
      deletionProtection: true,
      enabledClusterLogTypes: ["api", "audit", "authenticator"],
      accessEntries: { "admin-0": { principalArn: "arn:aws:iam::123456789012:role/platform-admin" } },
    });
    expect(cluster.encryptionConfigKeyArn).toMatch(/^arn:aws:kms:/);
    expect(development.one("eks:index:Cluster").inputs).toMatchObject({ endpointPublicAccess: false });
  });

  it("runs an amd64 managed node group of the configured sizes in the private subnets", () => {
    const nodes = production.one("eks:index:ManagedNodeGroup").inputs;
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

  it("installs the EBS CSI driver and the Pod Identity agent as pinned add-ons", () => {
    const addons = production.ofType("aws:eks/addon:Addon").map((a) => a.inputs).sort((a, b) => String(a.addonName).localeCompare(String(b.addonName)));
    expect(addons).toEqual([
      expect.objectContaining({ addonName: "aws-ebs-csi-driver", addonVersion: "v1.57.1-eksbuild.1", serviceAccountRoleArn: expect.stringMatching(/^arn:aws:iam::\d{12}:role\//) }),
      expect.objectContaining({ addonName: "eks-pod-identity-agent", addonVersion: "v1.3.10-eksbuild.2" }),
    ]);
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
});
