import type { RuleCase } from "../fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const tcp = (port: number, ...cidrBlocks: string[]) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks });
const LB_TAGS = { "forja:purpose": "load-balancer" };
const ACI = "azure-native:containerinstance:ContainerGroup";
const aciGroup = (publicPorts: number[]) => ({
  osType: "Linux",
  containers: [
    { name: "datalk-api", image: "acr.azurecr.io/datalk-api:1.0.0", ports: [{ port: 8000 }] },
    { name: "ollama", image: "ollama/ollama:0.6.8", ports: [{ port: 11434 }] },
  ],
  ipAddress: { type: "Public", dnsNameLabel: "datalk-api", ports: publicPorts.map((port) => ({ port, protocol: "TCP" })) },
});

export const networkCases: RuleCase[] = [
  { rule: "no-open-ingress", title: "SSH from 0.0.0.0/0", type: SG, props: { ingress: [tcp(22, "0.0.0.0/0")] }, expect: ["ingress tcp 22-22 is open to the internet"] },
  { rule: "no-open-ingress", title: 'SSH from "000.0.0.0/0"', type: SG, props: { ingress: [tcp(22, "000.0.0.0/0")] }, expect: ["open to the internet (000.0.0.0/0)"] },
  { rule: "no-open-ingress", title: "PostgreSQL from 203.0.113.7/0 (host bits do not narrow a /0)", type: SG, props: { ingress: [tcp(5432, "203.0.113.7/0")] }, expect: ["5432-5432"] },
  { rule: "no-open-ingress", title: "the internet split in two halves across rules", type: SG, props: { ingress: [tcp(22, "0.0.0.0/1"), tcp(22, "128.0.0.0/1")] }, expect: ["0.0.0.0/1", "128.0.0.0/1"] },
  { rule: "no-open-ingress", title: "a /4 block (a sixteenth of the internet)", type: SG, props: { ingress: [tcp(8080, "64.0.0.0/4")] }, expect: ["open to the internet"] },
  { rule: "no-open-ingress", title: "all traffic from ::/0", type: SG, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }] }, expect: ["ingress -1 0-65535"] },
  { rule: "no-open-ingress", title: "443 on a group that is not a load balancer", type: SG, props: { ingress: [tcp(443, "0.0.0.0/0")] }, expect: ["443-443"] },
  { rule: "no-open-ingress", title: "a standalone rule resource", type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", props: { ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" }, expect: ["3389-3389"] },
  { rule: "no-open-ingress", title: "a legacy rule resource", type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: "ingress", protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] }, expect: ["6379-6379"] },
  { rule: "no-open-ingress", title: "80/443 on a load balancer group and private ranges anywhere", type: SG, props: { tags: LB_TAGS, ingress: [tcp(80, "0.0.0.0/0"), tcp(443, "0.0.0.0/0"), tcp(5432, "10.0.0.0/8")] }, expect: [] },
  { rule: "no-open-ingress", title: "ICMP echo from anywhere", type: SG, props: { ingress: [{ protocol: "icmp", fromPort: 8, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, expect: [] },
  { rule: "no-open-ingress", title: "an egress rule to anywhere", type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, expect: [] },
  { rule: "default-security-group-closed", title: "a default security group that allows all egress", type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", props: { vpcId: "vpc-1", egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, expect: ["declares 1 rule(s) (egress)"] },
  { rule: "default-security-group-closed", title: "an empty default security group", type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", props: { vpcId: "vpc-1" }, expect: [] },
  {
    rule: "admin-ports-not-public",
    title: "a default NACL that allows everything in",
    type: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    props: { ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] },
    expect: ["SSH (22)"],
  },
  { rule: "admin-ports-not-public", title: "a NACL rule for RDP from the internet", type: "aws:ec2/networkAclRule:NetworkAclRule", props: { ruleNumber: 100, egress: false, protocol: "tcp", ruleAction: "allow", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 }, expect: ["admits the internet to RDP (3389)"] },
  {
    rule: "admin-ports-not-public",
    title: "a NACL that denies SSH before allowing the rest",
    type: "aws:ec2/networkAcl:NetworkAcl",
    props: {
      ingress: [
        { ruleNo: 90, action: "deny", protocol: "tcp", fromPort: 0, toPort: 1023, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 95, action: "deny", protocol: "tcp", fromPort: 1024, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
      ],
    },
    expect: [],
  },
  { rule: "admin-ports-not-public", title: "a NACL allowing HTTPS only", type: "aws:ec2/networkAcl:NetworkAcl", props: { ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" }] }, expect: [] },
  {
    rule: "admin-ports-not-public",
    title: "an Azure NSG allowing SSH from Internet",
    type: "azure-native:network:NetworkSecurityGroup",
    props: { securityRules: [{ name: "ssh", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", destinationPortRange: "22" }] },
    expect: ["SSH (22)"],
  },
  { rule: "admin-ports-not-public", title: "an NSG rule for Ollama from *", type: "azure-native:network:SecurityRule", props: { priority: 200, direction: "Inbound", access: "Allow", protocol: "*", sourceAddressPrefix: "*", destinationPortRanges: ["8000", "11000-12000"] }, expect: ["Ollama (11434)"] },
  { rule: "admin-ports-not-public", title: "an NSG allowing SSH from the office", type: "azure-native:network:SecurityRule", props: { priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "198.51.100.0/24", destinationPortRange: "22" }, expect: [] },
  { rule: "databases-not-public", title: "a publicly accessible RDS instance", type: "aws:rds/instance:Instance", props: { engine: "postgres", publiclyAccessible: true }, expect: ["publiclyAccessible must not be true"] },
  { rule: "databases-not-public", title: "a public Aurora instance", type: "aws:rds/clusterInstance:ClusterInstance", props: { publiclyAccessible: true }, expect: ["publiclyAccessible"] },
  { rule: "databases-not-public", title: "an Azure PostgreSQL rule for every address", type: "azure-native:dbforpostgresql:FirewallRule", props: { startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }, expect: ["every IPv4 address"] },
  { rule: "databases-not-public", title: "a private RDS instance", type: "aws:rds/instance:Instance", props: { engine: "postgres", publiclyAccessible: false }, expect: [] },
  { rule: "eks-endpoint-restricted", title: "a public endpoint with no CIDRs (the provider default)", type: "eks:index:Cluster", props: { endpointPrivateAccess: true }, expect: ["publicAccessCidrs unset"] },
  { rule: "eks-endpoint-restricted", title: "a public endpoint open to 0.0.0.0/0", type: "eks:index:Cluster", props: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }, expect: ["open to the internet (0.0.0.0/0)"] },
  { rule: "eks-endpoint-restricted", title: "aws.eks.Cluster open to two halves", type: "aws:eks/cluster:Cluster", props: { vpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } }, expect: ["open to the internet"] },
  { rule: "eks-endpoint-restricted", title: "a public endpoint for the office", type: "eks:index:Cluster", props: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }, expect: [] },
  { rule: "eks-endpoint-restricted", title: "a private endpoint", type: "aws:eks/cluster:Cluster", props: { vpcConfig: { endpointPublicAccess: false } }, expect: [] },
  { rule: "aci-public-ports-app-only", title: "Ollama's port on the public IP", type: ACI, props: aciGroup([8000, 11434]), expect: ["exposes Ollama (11434)"] },
  { rule: "aci-public-ports-app-only", title: "a public port no container serves", type: ACI, props: aciGroup([8000, 8080]), expect: ["port 8080, which no container serves"] },
  { rule: "aci-public-ports-app-only", title: "only the app's port", type: ACI, props: aciGroup([8000]), expect: [] },
  { rule: "aci-public-ports-app-only", title: "a private group", type: ACI, props: { ...aciGroup([11434]), ipAddress: { type: "Private", ports: [{ port: 11434 }] } }, expect: [] },
];
