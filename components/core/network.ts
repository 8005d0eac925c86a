/**
 * CIDR parsing that sees through spellings: `000.0.0.0/0`, `203.0.113.7/0`
 * and `0.0.0.0/1` + `128.0.0.0/1` all open a port to the whole internet.
 * Shared by the policy pack and stack-config validation.
 */

export interface Cidr {
  version: 4 | 6;
  /** The network address with host bits cleared, in canonical form (`0.0.0.0`, `2001:db8::`). */
  address: string;
  /** Prefix length (integer). */
  prefix: number;
  /** Canonical `address/prefix`. */
  cidr: string;
  /** Whether the text set bits below the prefix (`203.0.113.7/0`), which the network ignores. */
  hostBitsSet: boolean;
  /** First and last address of the block, as integers. */
  first: bigint;
  last: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split(".");
  if (octets.length !== 4 || !octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)) return undefined;
  // Leading zeros are read as decimal: "000.0.0.0" is 0.0.0.0, never octal.
  return octets.reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail: number[] = [];
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const dotted = /(^|:)(\d{1,3}(\.\d{1,3}){3})$/.exec(head);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]);
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    head = head.slice(0, head.length - dotted[2].length);
    if (head.endsWith(":") && !head.endsWith("::")) head = head.slice(0, -1);
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (![...left, ...right].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const explicit = left.length + right.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const all = [...left.map((g) => parseInt(g, 16)), ...Array<number>(8 - explicit).fill(0), ...right.map((g) => parseInt(g, 16)), ...tail];
  return all.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function formatAddress(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((value >> shift) & 0xffffn));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start < 0) return hex.join(":");
  return `${hex.slice(0, best.start).join(":")}::${hex.slice(best.start + best.length).join(":")}`;
}

/**
 * Parses an IPv4 or IPv6 CIDR (`a.b.c.d/n`, `x:y::/n`). Returns undefined for
 * anything that is not one: no prefix, a prefix out of range, a bad address.
 */
export function parseCidr(text: string): Cidr | undefined {
  const match = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const version: 4 | 6 = match[1].includes(":") ? 6 : 4;
  const value = version === 4 ? parseIpv4(match[1]) : parseIpv6(match[1]);
  const prefix = Number(match[2]);
  const bits = BITS[version];
  if (value === undefined || prefix > bits) return undefined;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  const first = value & ~hostMask & ((1n << BigInt(bits)) - 1n);
  const address = formatAddress(version, first);
  return { version, address, prefix, cidr: `${address}/${prefix}`, hostBitsSet: (value & hostMask) !== 0n, first, last: first | hostMask };
}

/**
 * Whether the union of these CIDRs is every IPv4 address or every IPv6
 * address: `0.0.0.0/0` in any spelling, or blocks that tile it. Strings that
 * are not CIDRs are ignored (validate them with `parseCidr`).
 */
export function coversInternet(cidrs: string[]): boolean {
  const parsed = cidrs.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined);
  return ([4, 6] as const).some((version) => {
    const blocks = parsed.filter((cidr) => cidr.version === version).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let next = 0n;
    for (const block of blocks) {
      if (block.first > next) return false;
      if (block.last + 1n > next) next = block.last + 1n;
    }
    return blocks.length > 0 && next === 1n << BigInt(BITS[version]);
  });
}

/** Blocks that are never a host's address on a network: loopback, link-local, "this network", multicast, reserved. */
const UNROUTABLE_IPV4 = ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "240.0.0.0/4"];
/** Addresses no packet from the internet carries: RFC 1918 private, CGNAT, and the unroutable blocks. */
const NON_PUBLIC_IPV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", ...UNROUTABLE_IPV4];

/** Whether the IPv4 `cidr` lies inside (or, with `inside` false, overlaps) one of `blocks`. */
function relatesTo(cidr: string, blocks: readonly string[], inside: boolean): boolean {
  const c = parseCidr(cidr);
  if (!c || c.version !== 4) return false;
  return blocks.map((block) => parseCidr(block) as Cidr).some((b) => (inside ? c.first >= b.first && c.last <= b.last : c.first <= b.last && b.first <= c.last));
}

/** Whether `cidr` lies inside private, shared (CGNAT) or unroutable IPv4 space: never a public source address. */
export function isNonPublicCidr(cidr: string): boolean {
  return relatesTo(cidr, NON_PUBLIC_IPV4, true);
}

/** Whether `cidr` overlaps loopback, link-local, multicast or reserved IPv4 space: no VPC may use it. */
export function isUnroutableCidr(cidr: string): boolean {
  return relatesTo(cidr, UNROUTABLE_IPV4, false);
}
