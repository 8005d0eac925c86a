import * as pulumi from "@pulumi/pulumi";
import { StackConfigError, parseStackConfig } from "../../src/config";
import { ForjaMocks } from "../../src/offline/mocks";
import type { ConfigSource } from "../../src/config";

function source(values: Record<string, unknown>, secretKeys: string[] = []): ConfigSource {
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return { project: "forja", stack: "test", values: flat, secretKeys };
}

function problemsOf(values: Record<string, unknown>, secretKeys: string[] = []): string[] {
  try {
    parseStackConfig(source(values, secretKeys));
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

const eks = { "forja:target": "eks", "aws:region": "us-east-1" };

describe("parseStackConfig: defaults per target", () => {
  it("k3s defaults to development, local-path storage and traefik ingress", () => {
    const config = parseStackConfig(source({ "forja:target": "k3s" }));
    expect(config).toMatchObject({ target: "k3s", environment: "development", namespace: "forja", k3s: { storageClass: "local-path", ingressClass: "traefik" } });
  });

  it("eks defaults to production with a private API endpoint and three m6i.xlarge nodes", () => {
    const config = parseStackConfig(source(eks));
    expect(config).toMatchObject({
      target: "eks",
      environment: "production",
      region: "us-east-1",
      eks: { vpcCidr: "10.0.0.0/16", publicAccessCidrs: [], nodes: { instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 50 } },
    });
  });

  it("aci takes its location from azure-native:location", () => {
    const config = parseStackConfig(source({ "forja:target": "aci", "azure-native:location": "eastus" }));
    expect(config).toMatchObject({ target: "aci", location: "eastus", environment: "production" });
  });

  it("ignores other packages' keys", () => {
    expect(() => parseStackConfig(source({ "forja:target": "k3s", "kubernetes:context": "x" }))).not.toThrow();
  });
});

describe("parseStackConfig: bad input", () => {
  const cases: [string, Record<string, unknown>, RegExp, string[]?][] = [
    ["an unknown target", { "forja:target": "gke" }, /forja:target = "gke": expected one of "eks"\|"k3s"\|"aci"/],
    ["a missing target", {}, /forja:target = \(missing\)/],
    ["an unknown top-level key", { "forja:target": "k3s", "forja:replicas": "3" }, /forja:replicas is not a known key/],
    ["an unknown nested key", { "forja:target": "k3s", "forja:k3s": { storageclass: "x" } }, /forja:k3s\.storageclass is not a known key/],
    ["an environment that is neither development nor production", { "forja:target": "k3s", "forja:environment": "staging" }, /forja:environment = "staging": expected one of "development"\|"production"/],
    ["a namespace that is not a DNS label", { "forja:target": "k3s", "forja:namespace": "My_Namespace" }, /forja:namespace = "My_Namespace": expected a DNS-1123 label/],
    ["a storage class with upper case", { "forja:target": "k3s", "forja:k3s": { storageClass: "Local" } }, /forja:k3s\.storageClass = "Local"/],
    ["eks without a region", { "forja:target": "eks" }, /aws:region is missing/],
    ["aci without a location", { "forja:target": "aci" }, /azure-native:location is missing/],
    ["a malformed VPC CIDR", { ...eks, "forja:eks": { vpcCidr: "10.0.0.0/33" } }, /forja:eks\.vpcCidr = "10.0.0.0\/33": expected an IPv4 CIDR/],
    ["a CIDR octet over 255", { ...eks, "forja:eks": { vpcCidr: "10.300.0.0/16" } }, /forja:eks\.vpcCidr = "10.300.0.0\/16": expected each octet <= 255/],
    ["an API endpoint open to the internet", { ...eks, "forja:eks": { publicAccessCidrs: ["0.0.0.0/0"] } }, /forja:eks\.publicAccessCidrs .*opens the API server/],
    ["node sizes out of order", { ...eks, "forja:eks": { nodes: { minSize: 5, desiredSize: 3, maxSize: 6 } } }, /forja:eks\.nodes .*minSize <= desiredSize <= maxSize/],
    ["a fractional node count", { ...eks, "forja:eks": { nodes: { minSize: 1.5 } } }, /forja:eks\.nodes\.minSize = 1.5: expected int/],
    ["a node disk below 20 GiB", { ...eks, "forja:eks": { nodes: { diskSizeGiB: 8 } } }, /forja:eks\.nodes\.diskSizeGiB = 8/],
    ["an instance type that is not one", { ...eks, "forja:eks": { nodes: { instanceTypes: ["big"] } } }, /forja:eks\.nodes\.instanceTypes\.0 = "big": expected an EC2 instance type/],
    ["a section for another target", { "forja:target": "k3s", "forja:eks": {} }, /forja:eks is set but forja:target is "k3s"/],
    ["a kubeconfig set as plain text", { "forja:target": "k3s", "forja:kubeconfig": "apiVersion: v1" }, /forja:kubeconfig holds a credential in plain text/],
    ["a kubeconfig on a cloud target", { ...eks, "forja:kubeconfig": "x" }, /only the k3s target takes a kubeconfig/, ["forja:kubeconfig"]],
    ["an invalid resource group name", { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { resourceGroupName: "bad name." } }, /forja:aci\.resourceGroupName = "bad name\."/],
    ["tags that are not strings", { "forja:target": "k3s", "forja:tags": { owner: 3 } }, /forja:tags\.owner = 3/],
  ];

  // Rows have 3 or 4 cells: take them as one array, since jest treats a
  // declared parameter beyond a row's length as the `done` callback.
  it.each(cases.map((row) => [row[0], row] as const))("rejects %s", (_label, [, values, expected, secretKeys]) => {
    const problems = problemsOf(values, secretKeys);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("reports every problem at once, in one paragraph", () => {
    let message = "";
    try {
      parseStackConfig(source({ "forja:target": "eks", "forja:namespace": "BAD", "forja:eks": { vpcCidr: "x" } }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid stack configuration \(3 problems\): /);
    expect(message).toContain("forja:namespace");
    expect(message).toContain("forja:eks.vpcCidr");
    expect(message).toContain("aws:region is missing");
    expect(message).not.toContain("\n");
  });

  it("wraps a kubeconfig given as a secret in a Pulumi secret", async () => {
    // Outputs resolve only inside a Pulumi runtime.
    await pulumi.runtime.setMocks(new ForjaMocks());
    const config = parseStackConfig(source({ "forja:target": "k3s", "forja:kubeconfig": "apiVersion: v1" }, ["forja:kubeconfig"]));
    expect(config.target).toBe("k3s");
    const kubeconfig = config.target === "k3s" ? config.kubeconfig : undefined;
    expect(kubeconfig && (await pulumi.isSecret(kubeconfig))).toBe(true);
  });
});
