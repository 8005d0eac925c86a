/** Pure address planning for the EKS VPC. */
import { ForjaArgumentError } from "../../core/errors";

function toInt(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function toIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface SubnetLayout {
  /** Large subnets for nodes and pods (the VPC CNI gives each pod a VPC IP). */
  private: string[];
  /** Small subnets for load balancers and NAT gateways. */
  public: string[];
}

/**
 * Splits the VPC into quarters: one per AZ for private subnets (up to 3), and
 * the last quarter cut in four for the public ones. A /16 gives three /18
 * private subnets (16,382 pod IPs each) and three /20 public ones.
 */
export function subnetLayout(vpcCidr: string, zones: number): SubnetLayout {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(vpcCidr);
  const prefix = match ? Number(match[2]) : NaN;
  if (!match || prefix < 16 || prefix > 20 || match[1].split(".").some((o) => Number(o) > 255)) {
    throw new ForjaArgumentError("EksCluster", "vpcCidr", vpcCidr, "an IPv4 CIDR from /16 to /20");
  }
  if (!Number.isInteger(zones) || zones < 2 || zones > 3) throw new ForjaArgumentError("EksCluster", "availabilityZones", zones, "2 or 3 zones");
  const size = 2 ** (32 - prefix);
  const base = toInt(match[1]);
  if (base % size !== 0) throw new ForjaArgumentError("EksCluster", "vpcCidr", vpcCidr, `a network address (${toIp(base - (base % size))}/${prefix})`);
  const quarter = size / 4;
  const sixteenth = size / 16;
  return {
    private: Array.from({ length: zones }, (_, i) => `${toIp(base + i * quarter)}/${prefix + 2}`),
    public: Array.from({ length: zones }, (_, i) => `${toIp(base + 3 * quarter + i * sixteenth)}/${prefix + 4}`),
  };
}

/**
 * Graviton instance types carry a "g" in the suffix after the generation
 * (m6g, c7gn, r8gd, t4g, im4gn, is4gen, g5g): arm64. Everything else on EKS
 * managed nodes here is amd64.
 */
export function isArm64InstanceType(instanceType: string): boolean {
  const family = instanceType.split(".")[0];
  const suffix = /^[a-z]+\d+([a-z-]*)$/.exec(family)?.[1] ?? "";
  return suffix.includes("g");
}
