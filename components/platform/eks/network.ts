/** Pure address planning for the EKS VPC. */
import { ForjaArgumentError } from "../../core/errors";

function toInt(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function toIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export interface ZoneSubnets {
  /** Large subnet for nodes and pods (the VPC CNI gives each pod a VPC IP). */
  private: string;
  /** Small subnet for load balancers and NAT gateways. */
  public: string;
}

/** The zone letters that own a slot of the VPC, in slot order. */
export const ZONE_SLOTS = ["a", "b", "c"] as const;

/**
 * Cuts the VPC by zone letter, so a zone's subnets never move when the list
 * is reordered: zone `a` gets the first quarter for its private subnet, `b`
 * the second, `c` the third; the last quarter is cut in sixteenths for the
 * public subnets, in the same letter order. A /16 gives /18 private subnets
 * (16,382 pod IPs each) and /20 public ones.
 */
export function subnetLayout(vpcCidr: string, zones: string[]): Record<string, ZoneSubnets> {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(vpcCidr);
  const prefix = match ? Number(match[2]) : NaN;
  if (!match || prefix < 16 || prefix > 20 || match[1].split(".").some((o) => Number(o) > 255)) {
    throw new ForjaArgumentError("EksCluster", "vpcCidr", vpcCidr, "an IPv4 CIDR from /16 to /20");
  }
  if (!Array.isArray(zones) || zones.length < 2 || zones.length > 3) throw new ForjaArgumentError("EksCluster", "availabilityZones", zones, "2 or 3 zones");
  const size = 2 ** (32 - prefix);
  const base = toInt(match[1]);
  if (base % size !== 0) throw new ForjaArgumentError("EksCluster", "vpcCidr", vpcCidr, `a network address (${toIp(base - (base % size))}/${prefix})`);
  const quarter = size / 4;
  const sixteenth = size / 16;
  const layout: Record<string, ZoneSubnets> = {};
  for (const zone of zones) {
    const slot = ZONE_SLOTS.indexOf(zone.slice(-1) as (typeof ZONE_SLOTS)[number]);
    if (slot < 0) {
      throw new ForjaArgumentError("EksCluster", "availabilityZones", zones, `zones ending in a, b or c ("${zone}" has no subnet slot); for other zones bring your own network (args.network)`);
    }
    layout[zone] = { private: `${toIp(base + slot * quarter)}/${prefix + 2}`, public: `${toIp(base + 3 * quarter + slot * sixteenth)}/${prefix + 4}` };
  }
  return layout;
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

/** NVIDIA GPU families: g4dn, g5, g5g, g6, g6e, gr6, p3, p4d, p5... (g4ad is AMD: not NVIDIA). */
export function isNvidiaGpuInstanceType(instanceType: string): boolean {
  const family = instanceType.split(".")[0];
  return /^(g|gr|p)\d/.test(family) && family !== "g4ad";
}
