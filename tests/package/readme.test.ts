/**
 * docs/other-languages.md is what a program in another language can run: the
 * SDK names it shows are the ones the schema pins, the types its Go and C#
 * snippets name are served, and its YAML programs construct through the plugin
 * as the engine would hand them over (a `${resource.output}` becomes that
 * component's output).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { k3sCapabilities } from "../../components/platform/k3s";
import { COMPONENTS } from "../../components/plugin/components";
import { packageProvider, SCHEMA_FILE } from "../../components/plugin/provider";
import type { PackageSchema } from "../../components/plugin/provider";
import { REPO_ROOT, record } from "../harness";
import { constructOptions, overTheWire } from "./wire";

interface YamlProgram {
  packages?: Record<string, string>;
  resources: Record<string, { type: string; properties: Record<string, unknown>; options?: { providers?: string[]; dependsOn?: string[] } }>;
}

const section = readFileSync(join(REPO_ROOT, "docs", "other-languages.md"), "utf8");
const schema = JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_FILE), "utf8")) as PackageSchema;
const fences = (language: string): string[] => [...section.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) => match[1]);
const [k3sProgram, eksProgram] = fences("yaml").map((text) => parse(text) as YamlProgram);
const language = schema.language as Record<string, Record<string, string>>;

describe("docs: Forja from other languages", () => {
  it("names every component the package serves", () => {
    const served = /The package serves ([\s\S]*?)\(`forja:index:<Class>`\)/.exec(section)?.[1] ?? "";
    expect([...served.matchAll(/`(\w+)`/g)].map((match) => match[1]).sort()).toEqual(COMPONENTS.map((component) => component.name).sort());
  });

  it("shows the SDK names the schema pins: the sdks folder, the Python package, the Go import path, the C# namespace", () => {
    expect(section).toContain(`\`sdks/${schema.namespace as string}-${schema.name}\``);
    expect(fences("python")[0]).toContain(`import ${language.python.packageName} as forja\n`);
    expect(section).toContain(`| Python | \`import ${language.python.packageName} as forja\` |`);
    expect(section).toContain(`| Go | \`${language.go.importBasePath}\` |`);
    expect(section).toContain(`using Forja = ${language.csharp.rootNamespace}.Forja;`);
  });

  it("names only served components and types in its Python, Go and C# snippets", () => {
    const resources = Object.keys(schema.resources).map((token) => token.split(":")[2]);
    const types = Object.keys(schema.types).map((token) => token.split(":")[2]);
    const python = [...fences("python")[0].matchAll(/forja\.(\w+)\(/g)].map((match) => match[1]);
    const go = [...fences("go")[0].matchAll(/forja\.(?:New)?(\w+?)(?:Args)?\b/g)].map((match) => match[1]);
    const csharp = [...fences("csharp")[0].matchAll(/Forja\.(?:Inputs\.)?(\w+?)(?:Args)?\b(?!\.)/g)].map((match) => match[1]);
    expect(python.filter((name) => !resources.includes(name))).toEqual([]);
    expect(go.filter((name) => !resources.includes(name) && !types.includes(name))).toEqual([]);
    expect(csharp.filter((name) => !resources.includes(name) && !types.includes(name))).toEqual([]);
    expect(go).toEqual(expect.arrayContaining(["K3sCluster", "WebService", "Resources", "Ingress"]));
  });
});

describe("docs: Forja from YAML", () => {
  it("adds the package from a git tag and passes the K3s capabilities as data", () => {
    expect(k3sProgram.packages?.forja).toMatch(/^https:\/\/github\.com\/.+\/forja@v\d+\.\d+\.\d+$/);
    expect(k3sProgram.resources.api.type).toBe("forja:WebService");
    expect(k3sProgram.resources.api.properties.cluster).toEqual(k3sCapabilities({}));
    expect(k3sProgram.resources.api.options?.providers).toEqual(["${lab}"]);
  });

  it("constructs its WebService through the plugin", async () => {
    const recorded = await record(async () => {
      const lab = new k8s.Provider("lab", {});
      await packageProvider().construct("api", "forja:index:WebService", await overTheWire(k3sProgram.resources.api.properties), await constructOptions({ kubernetes: lab }));
    });
    const deployment = recorded.one("kubernetes:apps/v1:Deployment");
    expect(deployment.inputs).toMatchObject({ metadata: { namespace: "apps" }, spec: { template: { spec: { containers: [{ image: "ghcr.io/acme/api:1.4.2" }] } } } });
    expect(recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs).toMatchObject({ spec: { ingressClassName: "traefik" } });
  });

  it("passes an EksCluster's capabilities output into MilvusCluster: its load balancer waits for the ALB controller", async () => {
    const { platform, vectors } = eksProgram.resources;
    expect(vectors.properties.cluster).toBe("${platform.capabilities}");
    const recorded = await record(async () => {
      const provider = packageProvider();
      const eks = await provider.construct("platform", `forja:index:${platform.type.split(":")[1]}`, await overTheWire(platform.properties), {});
      const workloads = new k8s.Provider("workloads", { kubeconfig: eks.state.kubeconfig as pulumi.Output<string> });
      // The engine hands the plugin the output as one value with its dependencies.
      const properties = { ...vectors.properties, cluster: pulumi.output(eks.state.capabilities) };
      await provider.construct("vectors", `forja:index:${vectors.type.split(":")[1]}`, await overTheWire(properties), await constructOptions({ kubernetes: workloads }));
    });
    const controller = recorded.records.find((r) => r.name === "platform-alb-controller" && r.type.startsWith("kubernetes:helm.sh"));
    const balancer = recorded.records.find((r) => r.type === "kubernetes:core/v1:Service" && (r.inputs as { spec?: { type?: string } }).spec?.type === "LoadBalancer");
    expect(controller).toBeDefined();
    expect(balancer?.dependsOn).toContain(controller?.urn);
  });
});
