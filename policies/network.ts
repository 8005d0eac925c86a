/**
 * Network exposure: security groups, NACLs and NSGs, public databases, the
 * EKS API endpoint and ACI public ports. Every CIDR is normalised first, so
 * `000.0.0.0/0` or `0.0.0.0/1` + `128.0.0.0/1` count as the internet.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { internetWide, list, obj, rule } from "./util";
import type { Obj } from "./util";

/** Tag that marks a security group as fronting a public load balancer. */
export const LOAD_BALANCER_TAG = "forja:purpose";
export const LOAD_BALANCER_TAG_VALUE = "load-balancer";
const PUBLIC_LB_PORTS = new Set([80, 443]);

/** Ports of remote administration and of data services that must never face the internet. */
export const SENSITIVE_PORTS: Record<number, string> = {
  22: "SSH",
  23: "Telnet",
  3389: "RDP",
  5900: "VNC",
  5985: "WinRM",
  5986: "WinRM",
  2375: "Docker API",
  2376: "Docker API",
  6443: "Kubernetes API",
  10250: "kubelet",
  2379: "etcd",
  5432: "PostgreSQL",
  3306: "MySQL",
  1433: "SQL Server",
  1521: "Oracle",
  27017: "MongoDB",
  6379: "Redis",
  9200: "Elasticsearch",
  11211: "Memcached",
  9092: "Kafka",
  2181: "ZooKeeper",
  11434: "Ollama",
  19530: "Milvus",
};

const ALL_PORTS = { from: 0, to: 65535 };
const ICMP = new Set(["icmp", "1", "icmpv6", "58"]);

interface IngressEntry {
  protocol: string;
  from: number;
  to: number;
  cidrs: string[];
}

function portRange(protocol: string, from: unknown, to: unknown): { from: number; to: number } {
  if (protocol === "-1" || protocol === "all") return ALL_PORTS;
  return { from: Number(from), to: Number(to) };
}

/** Security-group ingress in one shape, whichever resource declares it. */
function ingressEntries(type: string, props: Obj): IngressEntry[] {
  let raw: { protocol: unknown; from: unknown; to: unknown; cidrs: unknown[] }[] = [];
  if (type === "aws:ec2/securityGroup:SecurityGroup") {
    raw = list(props.ingress).map(obj).map((r) => ({ protocol: r.protocol, from: r.fromPort, to: r.toPort, cidrs: [...list(r.cidrBlocks), ...list(r.ipv6CidrBlocks)] }));
  } else if (type === "aws:ec2/securityGroupRule:SecurityGroupRule" && props.type === "ingress") {
    raw = [{ protocol: props.protocol, from: props.fromPort, to: props.toPort, cidrs: [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)] }];
  } else if (type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
    raw = [{ protocol: props.ipProtocol, from: props.fromPort, to: props.toPort, cidrs: [...list(props.cidrIpv4), ...list(props.cidrIpv6)] }];
  }
  return raw
    .map((r) => ({ protocol: String(r.protocol ?? "tcp").toLowerCase(), cidrs: r.cidrs.map(String), ...portRange(String(r.protocol ?? "tcp").toLowerCase(), r.from, r.to) }))
    .filter((entry) => !ICMP.has(entry.protocol));
}

const overlaps = (a: IngressEntry, b: IngressEntry) => (a.protocol === b.protocol || a.protocol === "-1" || b.protocol === "-1") && a.from <= b.to && b.from <= a.to;

const noOpenIngress = rule(
  "no-open-ingress",
  "No security group admits the internet (0.0.0.0/0 or ::/0 in any spelling, or blocks that add up to it), except 80/443 on groups tagged as load balancers.",
  (args, report) => {
    const isLoadBalancer = obj(args.props.tags)[LOAD_BALANCER_TAG] === LOAD_BALANCER_TAG_VALUE;
    const entries = ingressEntries(args.type, args.props);
    for (const entry of entries) {
      // Blocks on other rules for the same ports add up: 0.0.0.0/1 here and 128.0.0.0/1 there.
      const reach = entries.filter((other) => overlaps(entry, other)).flatMap((other) => other.cidrs);
      if (!internetWide(reach)) continue;
      const webOnly = entry.from === entry.to && PUBLIC_LB_PORTS.has(entry.from);
      if (!(webOnly && isLoadBalancer)) report(`ingress ${entry.protocol} ${entry.from}-${entry.to} is open to the internet (${entry.cidrs.join(", ")})`);
    }
  },
);

const defaultSecurityGroupClosed = rule("default-security-group-closed", "The VPC's default security group has no rules (anything launched without a group would get them).", (args, report) => {
  if (args.type !== "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") return;
  const rules = [...list(args.props.ingress).map(() => "ingress"), ...list(args.props.egress).map(() => "egress")];
  if (rules.length > 0) report(`default security group declares ${rules.length} rule(s) (${[...new Set(rules)].join(", ")}); keep it empty and use dedicated groups`);
});

interface FilterRule {
  order: number;
  allow: boolean;
  protocol: string;
  from: number;
  to: number;
  internet: boolean;
}

const NSG_INTERNET = new Set(["*", "internet", "any"]);

function nsgPorts(value: unknown): { from: number; to: number }[] {
  return list(value).map((text) => {
    const range = String(text);
    if (range === "*") return ALL_PORTS;
    const [from, to] = range.split("-").map(Number);
    return { from, to: to ?? from };
  });
}

/** Inbound NACL and NSG rules, in evaluation order, in one shape. */
function filterRules(type: string, props: Obj): FilterRule[] {
  const nacl = (r: Obj, order: unknown, action: unknown): FilterRule => {
    const protocol = String(r.protocol ?? "-1").toLowerCase();
    return { order: Number(order), allow: String(action).toLowerCase() === "allow", protocol, ...portRange(protocol, r.fromPort, r.toPort), internet: internetWide([...list(r.cidrBlock), ...list(r.ipv6CidrBlock)].map(String)) };
  };
  if (type === "aws:ec2/networkAcl:NetworkAcl" || type === "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl") return list(props.ingress).map(obj).map((r) => nacl(r, r.ruleNo, r.action));
  if (type === "aws:ec2/networkAclRule:NetworkAclRule" && props.egress !== true) return [nacl(props, props.ruleNumber, props.ruleAction)];
  const nsg = (r: Obj): FilterRule[] => {
    if (String(r.direction).toLowerCase() !== "inbound") return [];
    const sources = [...list(r.sourceAddressPrefix), ...list(r.sourceAddressPrefixes)].map(String);
    const internet = sources.some((source) => NSG_INTERNET.has(source.toLowerCase())) || internetWide(sources);
    const protocol = String(r.protocol ?? "*").toLowerCase();
    return nsgPorts([...list(r.destinationPortRange), ...list(r.destinationPortRanges)]).map((ports) => ({
      order: Number(r.priority),
      allow: String(r.access).toLowerCase() === "allow",
      protocol: protocol === "*" ? "-1" : protocol,
      ...ports,
      internet,
    }));
  };
  if (type === "azure-native:network:NetworkSecurityGroup") return list(props.securityRules).map(obj).flatMap(nsg);
  if (type === "azure-native:network:SecurityRule") return nsg(props);
  return [];
}

const TCP = new Set(["-1", "all", "tcp", "6"]);

const adminPortsNotPublic = rule(
  "admin-ports-not-public",
  "Network ACLs (default ones included) and Azure NSGs do not let the internet reach remote-administration or data ports (SSH, RDP, databases, Ollama, ...).",
  (args, report) => {
    const rules = filterRules(args.type, args.props).sort((a, b) => a.order - b.order);
    if (rules.length === 0) return;
    const exposed = Object.entries(SENSITIVE_PORTS).filter(([port]) => {
      // The first rule that matches internet traffic to the port decides, as the network does.
      const first = rules.find((r) => r.internet && TCP.has(r.protocol) && r.from <= Number(port) && Number(port) <= r.to);
      return first?.allow === true;
    });
    if (exposed.length > 0) report(`admits the internet to ${exposed.map(([port, service]) => `${service} (${port})`).join(", ")}`);
  },
);

const PUBLIC_DATABASE_TYPES = new Set(["aws:rds/instance:Instance", "aws:rds/clusterInstance:ClusterInstance", "aws:redshift/cluster:Cluster", "aws:dms/replicationInstance:ReplicationInstance"]);
const AZURE_FIREWALL_RULES = /^azure-native:(sql|dbforpostgresql|dbformysql|synapse):FirewallRule$/;

const databasesNotPublic = rule("databases-not-public", "Databases are not publicly accessible: no RDS/Redshift/DMS public endpoint, no Azure database firewall rule for every address.", (args, report) => {
  if (PUBLIC_DATABASE_TYPES.has(args.type) && args.props.publiclyAccessible === true) report("publiclyAccessible must not be true: reach the database from inside the VPC");
  if (AZURE_FIREWALL_RULES.test(args.type) && args.props.startIpAddress === "0.0.0.0" && args.props.endIpAddress === "255.255.255.255") {
    report("firewall rule admits every IPv4 address");
  }
});

const eksEndpointRestricted = rule("eks-endpoint-restricted", "A public EKS API endpoint is limited to named CIDRs, never the internet (the default when publicAccessCidrs is unset).", (args, report) => {
  let config: Obj | undefined;
  if (args.type === "eks:index:Cluster") config = args.props;
  if (args.type === "aws:eks/cluster:Cluster") config = obj(args.props.vpcConfig);
  if (!config || config.endpointPublicAccess === false) return;
  const cidrs = list(config.publicAccessCidrs).map(String);
  if (cidrs.length === 0) report("the public API endpoint is open to 0.0.0.0/0 (publicAccessCidrs unset): set publicAccessCidrs or endpointPublicAccess: false");
  else if (internetWide(cidrs)) report(`the public API endpoint is open to the internet (${cidrs.join(", ")})`);
});

const aciPublicPorts = rule(
  "aci-public-ports-app-only",
  "An ACI container group's public IP exposes only ports its containers serve, never an admin, database or model-server port (Ollama's 11434 stays inside the group).",
  (args, report) => {
    if (args.type !== "azure-native:containerinstance:ContainerGroup") return;
    const address = obj(args.props.ipAddress);
    if (String(address.type ?? "").toLowerCase() !== "public") return;
    const served = new Set(list(args.props.containers).flatMap((container) => list(obj(container).ports).map((port) => Number(obj(port).port))));
    for (const port of list(address.ports).map((p) => Number(obj(p).port))) {
      if (SENSITIVE_PORTS[port]) report(`public IP exposes ${SENSITIVE_PORTS[port]} (${port}); only the app's ports belong there`);
      else if (!served.has(port)) report(`public IP exposes port ${port}, which no container serves`);
    }
  },
);

export const networkPolicies: ResourceValidationPolicy[] = [noOpenIngress, defaultSecurityGroupClosed, adminPortsNotPublic, databasesNotPublic, eksEndpointRestricted, aciPublicPorts];
