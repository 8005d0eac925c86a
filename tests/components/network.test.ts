import { coversInternet, parseCidr } from "../../components/core";
import { isNonPublicCidr, isUnroutableCidr } from "../../components/core/network";

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.0/16", false],
    ["000.0.0.0/0", "0.0.0.0/0", false],
    ["203.0.113.7/0", "0.0.0.0/0", true],
    ["010.001.0.0/16", "10.1.0.0/16", false],
    ["198.51.100.77/24", "198.51.100.0/24", true],
    ["::/0", "::/0", false],
    ["0::0/0", "::/0", false],
    ["2001:DB8:0:0:0:0:0:1/32", "2001:db8::/32", true],
    ["::ffff:192.0.2.1/128", "::ffff:c000:201/128", false],
    ["fd00:1:2:3::/64", "fd00:1:2:3::/64", false],
  ])("reads %s as %s", (text, cidr, hostBitsSet) => {
    expect(parseCidr(text)).toMatchObject({ cidr, hostBitsSet });
  });

  it("reads the version and prefix", () => {
    expect(parseCidr("10.0.0.0/8")).toMatchObject({ version: 4, prefix: 8, address: "10.0.0.0" });
    expect(parseCidr("2001:db8::/48")).toMatchObject({ version: 6, prefix: 48, address: "2001:db8::" });
  });

  it.each(["10.0.0.0", "256.0.0.0/8", "10.0.0/8", "10.0.0.0/33", "1::2::3/64", "::/129", "10.0.0.0/-1", "ten/8", "", "10.0.0.0/8/8", "1:2:3:4:5:6:7:8:9/64"])("rejects %j", (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe("coversInternet", () => {
  it.each([
    [["0.0.0.0/0"]],
    [["000.0.0.0/0"]],
    [["203.0.113.7/0"]],
    [["0.0.0.0/1", "128.0.0.0/1"]],
    [["128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2"]],
    [["::/0"]],
    [["::/1", "8000::/1"]],
    [["10.0.0.0/8", "0.0.0.0/0"]],
  ])("is true for %j", (cidrs) => {
    expect(coversInternet(cidrs)).toBe(true);
  });

  it.each([[["0.0.0.0/1"]], [["0.0.0.0/2", "128.0.0.0/1"]], [["10.0.0.0/8", "192.168.0.0/16"]], [["::/1"]], [[]], [["not a cidr"]], [["0.0.0.0/1", "8000::/1"]]])("is false for %j", (cidrs) => {
    expect(coversInternet(cidrs)).toBe(false);
  });
});

describe("private and unroutable space", () => {
  it("tells private and unroutable blocks from public ones", () => {
    expect(["10.1.0.0/16", "172.20.0.0/16", "192.168.1.0/24", "100.64.0.0/10", "127.0.0.1/32"].every(isNonPublicCidr)).toBe(true);
    expect(isNonPublicCidr("203.0.113.0/24")).toBe(false);
    expect(["169.254.0.0/16", "224.0.0.0/8", "0.0.0.0/16"].every(isUnroutableCidr)).toBe(true);
    expect(isUnroutableCidr("10.0.0.0/16")).toBe(false);
  });
});
