import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { REPO_ROOT } from "../harness";
import { StackConfigError, eksClusterArgs, loadStackConfig, parseStackConfig, serviceKeys, withStackKeys } from "../../src/config";
import { k3sCapabilities } from "../../components/platform/k3s";
import { WebService } from "../../components/web-service";
import type { EksClusterArgs } from "../../components/platform/eks";
import { nodeGroupPlans } from "../../components/platform/eks/values";
import { ForjaMocks } from "../../components/testing/mocks";
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

const eks = { "forja:target": "eks", "aws:region": "us-east-1", "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["198.51.100.0/24"] } };
const eksWith = (section: Record<string, unknown>) => ({ ...eks, "forja:eks": { ...eks["forja:eks"], ...section } });

describe("parseStackConfig: defaults per target", () => {
  it("k3s defaults to development, local-path storage and traefik ingress", () => {
    const config = parseStackConfig(source({ "forja:target": "k3s" }));
    expect(config).toMatchObject({ target: "k3s", environment: "development", namespace: "forja", k3s: { storageClass: "local-path", ingressClass: "traefik" } });
  });

  it("eks defaults to production with the API endpoint limited to the given CIDRs and three m6i.xlarge nodes", () => {
    const config = parseStackConfig(source(eks));
    expect(config).toMatchObject({
      target: "eks",
      environment: "production",
      region: "us-east-1",
      eks: { publicAccessCidrs: ["198.51.100.0/24"], privateEndpointOnly: false },
    });
    // Node groups and the VPC take the component's own defaults.
    const args = config.target === "eks" ? eksClusterArgs(config, {}) : undefined;
    expect(args?.vpcCidr).toBeUndefined();
    expect(nodeGroupPlans(args as EksClusterArgs).map(({ name, instanceTypes, minSize, desiredSize, maxSize, diskSizeGiB }) => ({ name, instanceTypes, minSize, desiredSize, maxSize, diskSizeGiB }))).toEqual([
      { name: "general", instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 50 },
    ]);
  });

  it("aci takes its location from azure-native:location", () => {
    const config = parseStackConfig(source({ "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { mongo: { capacityMode: "provisioned" } } }));
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
    ["a malformed VPC CIDR", eksWith({ vpcCidr: "10.0.0.0/33" }), /forja:eks\.vpcCidr = "10.0.0.0\/33": expected an IPv4 CIDR/],
    ["a CIDR octet over 255", eksWith({ vpcCidr: "10.300.0.0/16" }), /forja:eks\.vpcCidr = "10.300.0.0\/16": expected an IPv4 CIDR/],
    ["an API endpoint open to the internet", eksWith({ publicAccessCidrs: ["0.0.0.0/0"] }), /forja:eks\.publicAccessCidrs .*opens the API server/],
    ["node sizes out of order", eksWith({ nodes: { minSize: 5, desiredSize: 3, maxSize: 6 } }), /forja:eks\.nodes .*minSize <= desiredSize <= maxSize/],
    ["a fractional node count", eksWith({ nodes: { minSize: 1.5 } }), /forja:eks\.nodes\.minSize = 1.5: expected an integer \(no fraction\)/],
    ["a node disk below 20 GiB", eksWith({ nodes: { diskSizeGiB: 8 } }), /forja:eks\.nodes\.diskSizeGiB = 8/],
    ["an instance type that is not one", eksWith({ nodes: { instanceTypes: ["big"] } }), /forja:eks\.nodes\.instanceTypes = \["big"\]: expected EC2 instance types such as m6i.xlarge/],
    ["a section for another target", { "forja:target": "k3s", "forja:eks": { accountId: "111122223333" } }, /forja:eks is set but forja:target is "k3s"/],
    ["a kubeconfig set as plain text", { "forja:target": "k3s", "forja:kubeconfig": "apiVersion: v1" }, /forja:kubeconfig holds a credential in plain text/],
    ["a kubeconfig on a cloud target", { ...eks, "forja:kubeconfig": "x" }, /only the k3s target takes a kubeconfig/, ["forja:kubeconfig"]],
    ["an invalid resource group name", { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { resourceGroupName: "bad name." } }, /forja:aci\.resourceGroupName = "bad name\."/],
    ["eks with no way to reach its API server", eksWith({ publicAccessCidrs: [] }), /forja:eks.publicAccessCidrs = \[\]: expected the CIDRs `pulumi up` runs from, or privateEndpointOnly: true/],
    ["eks with both a public endpoint and privateEndpointOnly", eksWith({ privateEndpointOnly: true }), /forja:eks.publicAccessCidrs = \["198.51.100.0\/24"\]: expected none when privateEndpointOnly is true/],
    ["eks without an account id", { "forja:target": "eks", "aws:region": "us-east-1" }, /forja:eks is missing: expected at least forja:eks.accountId/],
    ["an account id that is not 12 digits", eksWith({ accountId: "12345" }), /forja:eks\.accountId = "12345": expected a 12-digit AWS account id/],
    ["an availability zone of no region", eksWith({ availabilityZones: ["us-east-1a", "b"] }), /forja:eks\.availabilityZones\[1\] = "b": expected a zone of us-east-1/],
    ["an unknown upstream registry", eksWith({ imageMirror: { upstreams: ["gcr"] } }), /forja:eks\.imageMirror\.upstreams\[0\] = "gcr"/],
    ["a pull-through credential ARN outside ecr-pullthroughcache/", eksWith({ imageMirror: { credentialArns: { "docker-hub": "arn:aws:secretsmanager:us-east-1:111122223333:secret:dockerhub" } } }), /ecr-pullthroughcache/],
    ["a service without resources", { "forja:target": "k3s", "forja:services": { api: { image: "a/b:1", port: 80 } } }, /forja:services\.api\.resources = \(missing\)/],
    ["a service name with capitals", { "forja:target": "k3s", "forja:services": { Api: { image: "a/b:1", resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } } } } }, /forja:services\.Api: expected a DNS-1123 label of at most 52 characters/],
    ["a secret env whose value was never set", { "forja:target": "k3s", "forja:services": { api: { image: "a/b:1", secretEnv: ["TOKEN"], resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } } } } }, /forja:serviceSecrets\.api\.TOKEN is not set/],
    ["registry credentials outside eks", { "forja:target": "k3s", "forja:registryCredentials": { ghcr: { username: "u", accessToken: "t" } } }, /only the eks target mirrors images/, ["forja:registryCredentials"]],
    ["tags that are not strings", { "forja:target": "k3s", "forja:tags": { owner: 3 } }, /forja:tags\.owner = 3/],
    ["an ACI group with both a DNS label and a subnet", { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { dnsNameLabel: "x", subnetId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a" } }, /forja:aci\.dnsNameLabel is set with forja:aci\.subnetId: a private container group has no public DNS name/],
    ["an ACI app without Ollama", { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { app: { repository: "datalk-api", tag: "v1" } } }, /forja:aci\.app is set without forja:aci\.ollama: expected its models and an explicit storage choice/],
    ["Kubernetes Ollama on the aci target", { "forja:target": "aci", "azure-native:location": "eastus", "forja:ollama": { models: ["qwen2.5:0.5b"] } }, /forja:ollama is set but forja:target is "aci"/],
    ["a GenAI model the stack's Ollama does not pull", { "forja:target": "k3s", "forja:genai": { provider: "ollama", modelId: "llama3.2:3b" }, "forja:ollama": { models: ["qwen2.5:0.5b"] } }, /forja:genai\.modelId = "llama3\.2:3b" is not in forja:ollama\.models \(qwen2\.5:0\.5b\)/],
    ["Ollama without a storage choice", { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { ollama: { models: ["llama3.2:1b"] } } }, /forja:aci\.ollama\.storage = \(missing\)/],
    [
      "an ACI app without the collections it writes",
      { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { app: { repository: "datalk-api", tag: "v1" }, ollama: { models: ["llama3.2:1b"], storage: "empty-dir" }, mongo: { capacityMode: "serverless" } } },
      /forja:aci\.mongo\.collections = \[\]: expected the collections api writes, e\.g\. collections: \[\{ name: sessions.*refuse to create collections or indexes over the Mongo protocol/,
    ],
    [
      "a Cosmos capacity mode left to follow forja:environment",
      { "forja:target": "aci", "azure-native:location": "eastus", "forja:environment": "development" },
      /forja:aci\.mongo\.capacityMode = \(missing\): expected serverless or provisioned\. Azure fixes it when the Cosmos DB account is created and refuses to switch it in place/,
    ],
    [
      "an index on an operator",
      { "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { mongo: { capacityMode: "serverless", collections: [{ name: "sessions", indexes: [{ keys: ["$where"] }] }] } } },
      /forja:aci\.mongo\.collections\[0\]\.indexes\[0\]\.keys = \["\$where"\]: expected one or more distinct field names/,
    ],
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
    expect(message).toMatch(/^Pulumi.test.yaml: invalid stack configuration \(5 problems\): /);
    expect(message).toContain("forja:eks.publicAccessCidrs = []: expected the CIDRs");
    expect(message).toContain("forja:eks.accountId = (missing)");
    expect(message).toContain("forja:namespace");
    expect(message).toContain("forja:eks.vpcCidr");
    expect(message).toContain("aws:region is missing");
    expect(message).not.toContain("\n");
  });

  it("hands each service its secret env as Pulumi secrets", async () => {
    await pulumi.runtime.setMocks(new ForjaMocks());
    const resources = { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } };
    const config = parseStackConfig(
      source({ "forja:target": "k3s", "forja:services": { api: { image: "a/b:1", secretEnv: ["TOKEN"], resources } }, "forja:serviceSecrets": { api: { TOKEN: "t0k3n" } } }, ["forja:serviceSecrets"]),
    );
    const token = config.target === "k3s" ? config.services.api.secretEnv.TOKEN : undefined;
    expect(token && (await pulumi.isSecret(token))).toBe(true);
  });

  it("passes a service's ingress through, including the plain-HTTP opt-out", () => {
    const resources = { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } };
    const config = parseStackConfig(source({ "forja:target": "k3s", "forja:services": { web: { image: "a/b:1", port: 80, resources, ingress: { path: "/", internetFacing: true, allowPlainHttp: true } } } }));
    expect(config.target === "k3s" && config.services.web.ingress).toEqual({ path: "/", internetFacing: true, allowPlainHttp: true });
  });

  it("derives EKS zones from the region and NAT per AZ from production", () => {
    const config = parseStackConfig(source(eks));
    expect(config.target === "eks" && config.eks).toMatchObject({ availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"], natGateways: "per-az" });
    const dev = parseStackConfig(source({ ...eks, "forja:environment": "development" }));
    expect(dev.target === "eks" && dev.eks.natGateways).toBe("single");
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

describe("withStackKeys", () => {
  it("reports a component's argument error met while composing under its stack key and file", () => {
    const cluster = k3sCapabilities({});
    const resources = { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } };
    const build = () => withStackKeys("Pulumi.dev.yaml", serviceKeys("api"), () => new WebService("api", { cluster, namespace: "apps", image: "nginx", resources }));
    expect(build).toThrow(StackConfigError);
    expect(build).toThrow('Pulumi.dev.yaml: invalid stack configuration (1 problem): forja:services.api.image = "nginx": expected an image pinned');
  });
});

describe("loadStackConfig", () => {
  it("refuses a plaintext leaf beside a secure one, though the runtime marks the whole key secret", async () => {
    const project = mkdtempSync(join(tmpdir(), "forja-leaves-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    const resources = { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } };
    const services = { api: { image: "ghcr.io/acme/api:1.4.2", port: 8000, resources, secretEnv: ["API_TOKEN", "DB_PASSWORD"] } };
    writeFileSync(
      join(project, "Pulumi.leaky.yaml"),
      stringify({ config: { "forja:target": "k3s", "forja:services": services, "forja:serviceSecrets": { api: { API_TOKEN: { secure: "v1:AAAA" }, DB_PASSWORD: "hunter2" } } } }),
    );
    await pulumi.runtime.setMocks(new ForjaMocks(), "forja", "leaky");
    // What the CLI hands the program: decrypted values, and the key marked secret because one leaf is.
    pulumi.runtime.setAllConfig(
      { "forja:target": "k3s", "forja:services": JSON.stringify(services), "forja:serviceSecrets": JSON.stringify({ api: { API_TOKEN: "t0k3n", DB_PASSWORD: "hunter2" } }) },
      ["forja:serviceSecrets"],
    );
    const cwd = process.cwd();
    process.chdir(project);
    try {
      expect(() => loadStackConfig()).toThrow(/^Pulumi\.leaky\.yaml: invalid stack configuration \(1 problem\): forja:serviceSecrets\.api\.DB_PASSWORD holds a credential in plain text/);
    } finally {
      process.chdir(cwd);
    }
  });

  it("reads the running stack's config and knows which keys were set as secrets", async () => {
    await pulumi.runtime.setMocks(new ForjaMocks(), "forja", "dev");
    pulumi.runtime.setAllConfig({ "forja:target": "k3s", "forja:kubeconfig": "apiVersion: v1" }, ["forja:kubeconfig"]);
    expect(loadStackConfig()).toMatchObject({ project: "forja", stack: "dev", target: "k3s" });
    pulumi.runtime.setAllConfig({ "forja:target": "k3s", "forja:kubeconfig": "apiVersion: v1" }, []);
    expect(() => loadStackConfig()).toThrow(/forja:kubeconfig holds a credential in plain text/);
  });
});
