/**
 * docs/other-languages.md's YAML example is a
 * program another language can run: its WebService properties, as the engine
 * hands them to the plugin, construct under mocks; its capabilities literal is
 * what K3sCluster computes for K3s defaults.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import { parse } from "yaml";
import { k3sCapabilities } from "../../components/platform/k3s";
import { COMPONENTS } from "../../components/plugin/components";
import { packageProvider } from "../../components/plugin/provider";
import { REPO_ROOT, record } from "../harness";
import { constructOptions, overTheWire } from "./wire";

interface YamlProgram {
  packages: Record<string, string>;
  resources: Record<string, { type: string; properties: Record<string, unknown>; options?: { providers?: string[] } }>;
}

const section = readFileSync(join(REPO_ROOT, "docs", "other-languages.md"), "utf8");
const program = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "") as YamlProgram;

describe("docs: Forja from other languages", () => {
  it("names every component the package serves", () => {
    const served = /The package serves ([\s\S]*?)\(`forja:index:<Class>`\)/.exec(section)?.[1] ?? "";
    expect([...served.matchAll(/`(\w+)`/g)].map((match) => match[1]).sort()).toEqual(COMPONENTS.map((component) => component.name).sort());
  });
});

describe("docs: Forja from YAML", () => {
  it("adds the package from a git tag and passes the K3s capabilities as data", () => {
    expect(program.packages.forja).toMatch(/^https:\/\/github\.com\/.+\/forja@v\d+\.\d+\.\d+$/);
    expect(program.resources.api.type).toBe("forja:WebService");
    expect(program.resources.api.properties.cluster).toEqual(k3sCapabilities({}));
    expect(program.resources.api.options?.providers).toEqual(["${lab}"]);
  });

  it("constructs its WebService through the plugin", async () => {
    const recorded = await record(async () => {
      const lab = new k8s.Provider("lab", {});
      await packageProvider().construct("api", "forja:index:WebService", await overTheWire(program.resources.api.properties), await constructOptions({ kubernetes: lab }));
    });
    const deployment = recorded.one("kubernetes:apps/v1:Deployment");
    expect(deployment.inputs).toMatchObject({ metadata: { namespace: "apps" }, spec: { template: { spec: { containers: [{ image: "ghcr.io/acme/api:1.4.2" }] } } } });
    expect(recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs).toMatchObject({ spec: { ingressClassName: "traefik" } });
  });
});
