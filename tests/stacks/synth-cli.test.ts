import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { parseArguments } from "../../src/offline/cli";
import { OFFLINE_SECRET_PLACEHOLDER } from "../../src/offline/stackfile";
import { REPO_ROOT } from "../harness";

const CLI = join(REPO_ROOT, "src", "offline", "cli.ts");

function synth(cwd: string, args: string[]) {
  return spawnSync(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), CLI, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, TS_NODE_PROJECT: join(REPO_ROOT, "tsconfig.json") },
  });
}

describe("parseArguments", () => {
  it("defaults to the dev stack and out/", () => {
    expect(parseArguments([])).toEqual({ stacks: ["dev"], outDir: "out" });
  });
  it("expands --stack all to dev, prod, aci, appgear and mlplatform", () => {
    expect(parseArguments(["--stack", "all", "--out", "x"])).toEqual({ stacks: ["dev", "prod", "aci", "appgear", "mlplatform"], outDir: "x" });
  });
  it("rejects unknown flags and missing values", () => {
    expect(() => parseArguments(["--stak", "dev"])).toThrow(/unknown argument "--stak"/);
    expect(() => parseArguments(["--stack"])).toThrow(/--stack needs a value/);
  });
});

describe("npm start (offline synth)", () => {
  it("writes the four artifacts for every stack with --stack all", () => {
    const out = mkdtempSync(join(tmpdir(), "forja-synth-"));
    const result = synth(REPO_ROOT, ["--stack", "all", "--out", out]);
    // Only the warnings the program logs (prod's UI ALB without a certificate), no problem lines.
    expect(result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("warning: "))).toEqual([]);
    expect(result.status).toBe(0);
    for (const stack of ["dev", "prod", "aci", "appgear", "mlplatform"]) {
      const resources = JSON.parse(readFileSync(join(out, stack, "resources.json"), "utf8")) as { urn: string; type: string; parent: string | null; protect: boolean; custom: boolean; dependsOn: string[]; inputs: object }[];
      expect(resources.length).toBeGreaterThan(1);
      expect(Object.keys(resources[1]).sort()).toEqual(["custom", "deleteBeforeReplace", "dependsOn", "inputs", "name", "parent", "protect", "provider", "replaceOnChanges", "type", "urn"]);
      expect(Array.isArray(JSON.parse(readFileSync(join(out, stack, "helm.json"), "utf8")))).toBe(true);
      expect(readFileSync(join(out, stack, "graph.md"), "utf8")).toContain("```mermaid");
      expect(existsSync(join(out, stack, "kubernetes"))).toBe(true);
      expect(result.stdout).toContain(`stack ${stack}:`);
    }
    const manifests = readdirSync(join(out, "dev", "kubernetes"));
    expect(manifests).toContain("namespace-cluster-forja.yaml");
    expect(parse(readFileSync(join(out, "dev", "kubernetes", "namespace-cluster-forja.yaml"), "utf8"))).toMatchObject({ kind: "Namespace" });
  });

  it("exits non-zero with one paragraph naming a bad key and the allowed values", () => {
    const project = mkdtempSync(join(tmpdir(), "forja-bad-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    writeFileSync(join(project, "Pulumi.bad.yaml"), "config:\n  forja:target: gke\n");
    const result = synth(project, ["--stack", "bad", "--out", join(project, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain('forja:target = "gke": expected one of "eks"|"k3s"|"aci"');
    expect(result.stderr).not.toMatch(/\bat \S+ \(/);
  });

  it("exits non-zero naming the component and argument when a service is invalid", () => {
    const project = mkdtempSync(join(tmpdir(), "forja-svc-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    const service = { image: "nginx", port: 80, resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } } };
    writeFileSync(join(project, "Pulumi.svc.yaml"), JSON.stringify({ config: { "forja:target": "k3s", "forja:services": { web: service } } }));
    const result = synth(project, ["--stack", "svc", "--out", join(project, "out")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Pulumi.svc.yaml: invalid stack configuration (1 problem): forja:services.web.image = "nginx": expected an image pinned to a tag other than latest');
  });

  it("never writes a secret config value into any artifact", () => {
    const project = mkdtempSync(join(tmpdir(), "forja-secret-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    const service = { image: "ghcr.io/acme/api:1.0.0", port: 8000, secretEnv: ["API_TOKEN"], resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } } };
    const config = { "forja:target": "k3s", "forja:services": { api: service }, "forja:serviceSecrets": { api: { API_TOKEN: { secure: "v1:abcdef" } } } };
    writeFileSync(join(project, "Pulumi.s.yaml"), JSON.stringify({ config }));
    const out = join(project, "out");
    expect(synth(project, ["--stack", "s", "--out", out]).status).toBe(0);
    const files = readdirSync(join(out, "s"), { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const text = files.map((f) => readFileSync(join(f.parentPath, f.name), "utf8")).join("\n");
    expect(text).not.toContain(OFFLINE_SECRET_PLACEHOLDER);
    expect(text).toContain('API_TOKEN: "[secret]"');
  });

  it("refuses a secret set as plain text in the stack file", () => {
    const project = mkdtempSync(join(tmpdir(), "forja-plain-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    writeFileSync(join(project, "Pulumi.leaky.yaml"), "config:\n  forja:target: k3s\n  forja:kubeconfig: 'apiVersion: v1'\n");
    const result = synth(project, ["--stack", "leaky"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("forja:kubeconfig holds a credential in plain text");
  });
});

describe("stack files", () => {
  it("dev, prod and aci pick the k3s, eks and aci targets in us-east-1 / eastus", () => {
    const read = (stack: string) => parse(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
    expect(read("dev")["forja:target"]).toBe("k3s");
    expect(read("prod")).toMatchObject({ "forja:target": "eks", "aws:region": "us-east-1" });
    expect(read("aci")).toMatchObject({ "forja:target": "aci", "azure-native:location": "eastus" });
  });

  it("Pulumi.yaml runs precompiled JavaScript, not ts-node", () => {
    const project = parse(readFileSync(join(REPO_ROOT, "Pulumi.yaml"), "utf8"));
    expect(project).toMatchObject({ name: "forja", main: "dist/src/index.js", runtime: { name: "nodejs", options: { typescript: false } } });
  });

  it("ships one copy of @pulumi/pulumi (a nested copy silently disables mocks)", () => {
    const tree = execFileSync("npm", ["ls", "@pulumi/pulumi", "--all", "--json"], { cwd: REPO_ROOT, encoding: "utf8" });
    const versions = new Set<string>();
    const walk = (node: { dependencies?: Record<string, { version?: string; dependencies?: object }> }) => {
      for (const [name, dep] of Object.entries(node.dependencies ?? {})) {
        if (name === "@pulumi/pulumi" && dep.version) versions.add(dep.version);
        walk(dep as never);
      }
    };
    walk(JSON.parse(tree));
    expect(versions.size).toBe(1);
  });
});
