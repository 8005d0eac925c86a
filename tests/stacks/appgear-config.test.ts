import { StackConfigError, parseStackConfig } from "../../src/config";
import type { ConfigSource, K3sStackConfig } from "../../src/config";
import { APPGEAR_SEED_RESOURCES, appgearMissingKeys, appgearResources } from "../../src/config/appgear";
import { readStackFile } from "../../src/offline/stackfile";
import { REPO_ROOT } from "../harness";

const MODELS = [{ name: "llama", provider: "groq", model: "llama-3.3-70b-versatile" }];
const KEYS = { groq: "gsk-test-key" };

function source(values: Record<string, unknown>): ConfigSource {
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  return { project: "forja", stack: "appgear", file: "Pulumi.appgear.yaml", values: flat, secretKeys: Object.keys(flat).filter((k) => k === "forja:appgearApiKeys") };
}

const stack = (appgear: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ "forja:target": "k3s", "forja:namespace": "appgear", "forja:appgear": { models: MODELS, ...appgear }, "forja:appgearApiKeys": KEYS, ...extra });

function problemsOf(values: Record<string, unknown>): string[] {
  try {
    parseStackConfig(source(values));
  } catch (error) {
    if (error instanceof StackConfigError) {
      expect(error.message).toMatch(/^Pulumi\.appgear\.yaml: invalid stack configuration/);
      return error.problems;
    }
    throw error;
  }
  throw new Error("expected the config to be rejected");
}

describe("forja:appgear", () => {
  it("reads the repository's stack file: the seed's resources by default, no provider key (only the user's secrets provider can encrypt one)", () => {
    const config = parseStackConfig(readStackFile(REPO_ROOT, "appgear")) as K3sStackConfig;
    expect(config.appgear).toMatchObject({ observabilityNamespace: "observability", internetEgress: ["n8n"], prometheus: { servicePort: 9099 } });
    expect(config.appgear!.apiKeys).toEqual({});
    expect(appgearResources(config.appgear!, "flowise")).toEqual(APPGEAR_SEED_RESOURCES.flowise);
    expect(config.k3s.nodes).toEqual({ count: 1, cpu: "4", memory: "7Gi" });
  });

  it("takes per-app resources over the seed's", () => {
    const resources = { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } };
    const config = parseStackConfig(source(stack({ resources: { n8n: resources } }))) as K3sStackConfig;
    expect(appgearResources(config.appgear!, "n8n")).toEqual(resources);
    expect(appgearResources(config.appgear!, "grafana")).toEqual(APPGEAR_SEED_RESOURCES.grafana);
  });

  it("accepts a provider without its key, and names the key, its models and the command in a warning", () => {
    const config = parseStackConfig(source(stack({ models: [...MODELS, { name: "gpt", provider: "openai", model: "gpt-4o" }, { name: "gpt-mini", provider: "openai", model: "gpt-4o-mini" }] }))) as K3sStackConfig;
    expect(appgearMissingKeys(config.appgear!)).toEqual([
      "forja:appgearApiKeys.openai is not set: the gateway serves gpt, gpt-mini without a key, and openai refuses every call, until you run `pulumi config set --secret --path 'appgearApiKeys.openai' ...` and `pulumi up`",
    ]);
  });

  it("reports every bad key at once, under its stack key", () => {
    const problems = problemsOf(
      stack({
        observabilityNamespace: "appgear",
        models: [{ name: "m", provider: "anthropic", model: "claude" }],
        routes: { flowise: { host: "https://flowise.example.com" }, jupyter: { host: "j.example.com" } },
        storage: { n8n: "lots" },
        prometheus: { nodeCidrs: ["192.168.1.0"], retentionTime: "two weeks" },
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^forja:appgear\.models\[0\]\.provider = "anthropic": expected one of "groq"\|"openai"/),
        expect.stringMatching(/^forja:appgear\.routes\.flowise\.host = "https:\/\/flowise\.example\.com": expected a host name/),
        "forja:appgear.routes.jupyter is not a known key",
        expect.stringMatching(/^forja:appgear\.storage\.n8n = "lots": expected a Kubernetes quantity/),
      ]),
    );
    const valid = problemsOf(stack({ observabilityNamespace: "appgear", prometheus: { nodeCidrs: ["192.168.1.0"], retentionTime: "two weeks" } }));
    expect(valid).toEqual([
      'forja:appgear.observabilityNamespace = "appgear": expected a namespace other than forja:namespace ("appgear"): Prometheus and Grafana are kept apart from the apps',
      'forja:appgear.prometheus.nodeCidrs[0] = "192.168.1.0": expected a CIDR such as 192.168.1.0/24 (where the nodes are)',
      'forja:appgear.prometheus.retentionTime = "two weeks": expected a Prometheus duration such as "15d" or "30s"',
    ]);
  });

  it("runs LlmGateway's own rules on the models and LiteLLM's resources, under their stack keys", () => {
    const resources = { requests: { cpu: "250m", memory: "2Gi" }, limits: { memory: "1Gi" } };
    expect(problemsOf(stack({ models: [{ name: "llama 70b", provider: "groq", model: "llama-3.3-70b-versatile" }], resources: { litellm: resources } }))).toEqual([
      expect.stringMatching(/^forja:appgear\.models\[0\]\.name = "llama 70b": expected a model name of 1-128 letters, digits and \._:\/-/),
    ]);
    expect(problemsOf(stack({ resources: { litellm: resources } }))).toEqual(['forja:appgear.resources.litellm.requests.memory = "2Gi": expected a request no larger than its limit (1Gi): Kubernetes refuses requests above limits']);
  });

  it("refuses an n8n or LiteLLM route on an ingress without the /metrics guard, under the route's key", () => {
    const problems = problemsOf(stack({ routes: { n8n: { host: "n8n.example.com" }, litellm: { host: "llm.example.com" } } }, { "forja:k3s": { ingressClass: "nginx" } }));
    expect(problems).toEqual([
      'forja:appgear.routes.litellm = "llm.example.com": expected no route on a nginx ingress: LiteLLM serves /metrics/ without a key, and only Traefik gets the middleware that closes it on the route',
      expect.stringMatching(/^forja:appgear\.routes\.n8n = "n8n\.example\.com": expected no route on a nginx ingress while metrics is on: \/metrics shares the editor's port/),
    ]);
  });

  it("refuses AppGear off k3s, keys without AppGear, and plain-text keys", () => {
    expect(problemsOf({ "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { mongo: { capacityMode: "serverless" } }, "forja:appgear": { models: MODELS } })).toEqual(
      expect.arrayContaining(['forja:appgear is set but forja:target is "aci": AppGear runs on the k3s target']),
    );
    expect(problemsOf({ "forja:target": "k3s", "forja:appgearApiKeys": KEYS })).toEqual(["forja:appgearApiKeys is set but forja:appgear is not: the keys are for AppGear's models"]);
    const plain = { ...source(stack({})), secretKeys: [] };
    expect(() => parseStackConfig(plain)).toThrow(/forja:appgearApiKeys holds a credential in plain text: set it with `pulumi config set --secret appgearApiKeys \.\.\.`/);
  });
});
