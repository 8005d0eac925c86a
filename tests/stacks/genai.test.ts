import { StackConfigError, parseStackConfig } from "../../src/config";
import { reportProblems } from "../../src/offline/report";
import { runStack, runStackVariant } from "../harness";
import type { Recorded } from "../harness";

/** The Airflow chart's inputs (stacks also install other charts). */
function airflowChart(recorded: { ofType(type: string): { inputs: Record<string, unknown> }[] }): Record<string, unknown> {
  const found = recorded.ofType("kubernetes:helm.sh/v4:Chart").filter((r) => r.inputs.chart === "airflow");
  if (found.length !== 1) throw new Error(`expected one Airflow chart, found ${found.length}`);
  return found[0].inputs;
}

const PROFILE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
const runs = new Map<string, { recorded: Recorded; outputs: Record<string, unknown> }>();

beforeAll(async () => {
  for (const stack of ["dev", "prod", "aci"]) {
    const { run, recorded } = await runStack(stack);
    runs.set(stack, { recorded, outputs: run.outputs });
  }
});

describe("stack prod: Bedrock for the Airflow workers (seed 000)", () => {
  it("gives Airflow's own role (trusted by Airflow's service accounts only) just the Sonnet profile and its conditioned models", () => {
    const { recorded } = runs.get("prod")!;
    expect(recorded.ofType("aws:iam/role:Role").filter((r) => r.name.startsWith("forja-genai"))).toEqual([]);
    const bedrock = recorded.one("aws:iam/rolePolicy:RolePolicy", "airflow-role-bedrock");
    expect(bedrock.inputs.role).toBe(recorded.one("aws:iam/role:Role", "airflow-role-role").outputs.id);
    const policy = JSON.parse(String(bedrock.inputs.policy));
    const profileArn = `arn:aws:bedrock:us-east-1:111122223333:inference-profile/${PROFILE}`;
    expect(policy.Statement.map((s: { Resource: string[]; Condition?: unknown }) => [s.Resource, s.Condition])).toEqual([
      [[profileArn], undefined],
      ["arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0", { StringEquals: { "bedrock:InferenceProfileArn": profileArn } }],
    ]);
  });

  it("budgets Bedrock spend at 500 USD a month for finops@example.com, Claude's Marketplace spend included", () => {
    const { recorded } = runs.get("prod")!;
    expect(recorded.one("aws:budgets/budget:Budget", "forja-genai-budget").inputs).toMatchObject({ limitAmount: "500.00", costFilters: [{ name: "Service", values: ["Amazon Bedrock"] }] });
    expect(recorded.one("aws:budgets/budget:Budget", "forja-genai-marketplace-budget").inputs).toMatchObject({ limitAmount: "500.00", costFilters: [{ name: "BillingEntity", values: ["AWS Marketplace"] }] });
  });

  it("exports the env contract, which every Airflow container gets", () => {
    const genai = runs.get("prod")!.outputs.genai as Record<string, unknown>;
    const env = { GENAI_PROVIDER: "bedrock", GENAI_BASE_URL: "https://bedrock-runtime.us-east-1.amazonaws.com", GENAI_MODEL_ID: PROFILE, AWS_REGION: "us-east-1", AWS_DEFAULT_REGION: "us-east-1", BEDROCK_MODEL_ID: PROFILE };
    expect(genai).toEqual({ env, serviceAccounts: [], serviceAccountAnnotations: {}, services: [] });
    const values = airflowChart(runs.get("prod")!.recorded).values as { env: { name: string; value: string }[] };
    expect(values.env).toEqual(expect.arrayContaining(Object.entries(env).map(([name, value]) => ({ name, value }))));
  });
});

type Rule = { to?: unknown[]; from?: unknown[]; ports?: { port: number }[] };
const policySpec = (recorded: Recorded, name: string) => recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", name).inputs.spec as { egress: Rule[]; ingress: Rule[] };
const OLLAMA_PODS = { podSelector: { matchLabels: { "app.kubernetes.io/name": "ollama", "app.kubernetes.io/instance": "ollama" } } };

describe("stack dev: an LlmGateway in front of Ollama, a virtual key per workload", () => {
  it("points workloads at the gateway, with the key limits of the stack file", () => {
    const genai = runs.get("dev")!.outputs.genai as { env: unknown; gateway: unknown };
    expect(genai.env).toEqual({ GENAI_PROVIDER: "openai", GENAI_BASE_URL: "http://llm-gateway.forja.svc.cluster.local:4000", GENAI_MODEL_ID: "qwen2.5:0.5b" });
    expect(genai.gateway).toEqual({
      url: "http://llm-gateway.forja.svc.cluster.local:4000",
      models: ["qwen2.5:0.5b"],
      keys: ["echo", "airflow"],
      keyLimits: { rpmLimit: 30, tpmLimit: 20000, maxBudgetUsd: 5, budgetDuration: "30d" },
    });
  });

  it("gives echo its own key (a secret) and egress to the gateway, which admits it and alone reaches Ollama", () => {
    const { recorded } = runs.get("dev")!;
    const keys = JSON.parse((recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-keys").inputs.data as Record<string, string>)["keys.json"]);
    expect(keys.map((k: { name: string; params: unknown }) => [k.name, k.params])).toEqual(
      ["echo", "airflow"].map((name) => [name, { key_alias: name, models: ["qwen2.5:0.5b"], rpm_limit: 30, tpm_limit: 20000, max_budget: 5, budget_duration: "30d" }]),
    );
    const echoKey = (recorded.one("kubernetes:core/v1:Secret", "echo-secret").inputs.stringData as Record<string, string>).GENAI_API_KEY;
    expect((recorded.one("kubernetes:core/v1:Secret", "llm-gateway-keys").inputs.stringData as Record<string, string>).GATEWAY_KEY_1).toBe(echoKey);
    // The gateway's clientPeer (as connect gives it): every pod of the gateway component.
    const gatewayPods = { podSelector: { matchLabels: { "app.kubernetes.io/instance": "llm-gateway" } } };
    expect(policySpec(recorded, "echo-netpol").egress).toContainEqual({ to: [gatewayPods], ports: [{ protocol: "TCP", port: 4000 }] });
    // The stack names its workload namespace (the gateway admits nobody by default), and the gateway's own key Job.
    expect(policySpec(recorded, "llm-gateway-netpol").ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "forja" } }, podSelector: {} }], ports: [{ protocol: "TCP", port: 4000 }] },
      { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "llm-gateway-keys", "app.kubernetes.io/instance": "llm-gateway" } } }], ports: [{ protocol: "TCP", port: 4000 }] },
    ]);
    expect(policySpec(recorded, "llm-gateway-netpol").egress.filter((rule) => rule.ports?.some((p) => p.port === 11434))).toEqual([
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "forja" } }, ...OLLAMA_PODS }], ports: [{ protocol: "TCP", port: 11434 }] },
    ]);
    expect(JSON.stringify(policySpec(recorded, "echo-netpol").egress)).not.toContain("11434");
  });
});

describe("stacks dev and aci: Ollama", () => {
  it("a service in forja:genai.services has egress to Ollama's pods on 11434, and Ollama admits it", async () => {
    const { recorded, report } = await runStackVariant("dev", (config) => {
      delete (config["forja:genai"] as Record<string, unknown>).gateway;
    });
    expect(reportProblems(report)).toEqual([]);
    expect(policySpec(recorded, "echo-netpol").egress).toContainEqual({ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "forja" } }, ...OLLAMA_PODS }], ports: [{ protocol: "TCP", port: 11434 }] });
    expect(policySpec(recorded, "ollama-netpol").ingress).toContainEqual({ from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 11434 }] });
    expect(recorded.ofType("forja:index:LlmGateway")).toHaveLength(0);
  });

  it("aci points the app at the Ollama of its own container group", () => {
    expect((runs.get("aci")!.outputs.genai as { env: unknown }).env).toEqual({ GENAI_PROVIDER: "ollama", GENAI_BASE_URL: "http://localhost:11434", GENAI_MODEL_ID: "llama3.2:3b" });
  });
});

describe("forja:genai.services", () => {
  it("on eks gives each listed service the env contract and a role of its own with the Bedrock policy", async () => {
    const { recorded, report } = await runStackVariant("prod", (config) => {
      (config["forja:genai"] as Record<string, unknown>).services = ["echo"];
    });
    expect(reportProblems(report)).toEqual([]);
    const role = recorded.one("aws:iam/role:Role", "echo-role-role");
    expect(Object.values(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Condition.StringEquals)).toEqual(["system:serviceaccount:forja:echo", "sts.amazonaws.com"]);
    expect(JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy", "echo-role-bedrock").inputs.policy))).toEqual(JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy", "airflow-role-bedrock").inputs.policy)));
    const env = recorded.ofType("kubernetes:core/v1:ConfigMap").find((c) => c.name === "echo-config")?.inputs.data as Record<string, string>;
    expect(env).toMatchObject({ GENAI_PROVIDER: "bedrock", GENAI_MODEL_ID: PROFILE, AWS_REGION: "us-east-1", BEDROCK_MODEL_ID: PROFILE });
  });

  it("on k3s with an openai-compatible gateway puts the key in the service's Secret, never its ConfigMap", async () => {
    const { recorded, report } = await runStackVariant("dev", (config) => {
      config["forja:genai"] = { provider: "openai", baseUrl: "http://llm-gateway.forja.svc.cluster.local:4000", modelId: "llama", services: ["echo"] };
      config["forja:genaiApiKey"] = { secure: "v1:not-decryptable-offline" };
    });
    expect(reportProblems(report)).toEqual([]);
    expect(recorded.ofType("kubernetes:core/v1:ConfigMap").find((c) => c.name === "echo-config")?.inputs.data).toEqual({
      GENAI_PROVIDER: "openai",
      GENAI_BASE_URL: "http://llm-gateway.forja.svc.cluster.local:4000",
      GENAI_MODEL_ID: "llama",
    });
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret", "echo-secret").inputs.stringData as object)).toEqual(["GENAI_API_KEY"]);
  });
});

describe("forja:genai config", () => {
  const problems = (values: Record<string, unknown>, secretKeys: string[] = []): string[] => {
    const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    try {
      parseStackConfig({ project: "forja", stack: "t", values: flat, secretKeys });
    } catch (error) {
      if (error instanceof StackConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it.each<[string, Record<string, unknown>, string[], RegExp]>([
    ["Bedrock on k3s", { "forja:target": "k3s", "forja:genai": { provider: "bedrock" } }, [], /forja:genai.provider = "bedrock" needs the eks target/],
    ["an unknown service", { "forja:target": "k3s", "forja:genai": { services: ["api"] } }, [], /forja:genai.services names "api", which is not in forja:services/],
    ["a key in plain text", { "forja:target": "k3s", "forja:genai": { provider: "openai", baseUrl: "http://gw:4000", modelId: "m" }, "forja:genaiApiKey": "sk-1" }, [], /forja:genaiApiKey holds a credential in plain text/],
    ["a cost guard nobody hears", { "forja:target": "k3s", "forja:genai": { costGuard: { kind: "budget", monthlyLimitUsd: 10, emails: [] } } }, [], /forja:genai.costGuard.emails/],
    ["Bedrock settings on Ollama", { "forja:target": "k3s", "forja:genai": { serviceAccounts: ["x"] } }, [], /forja:genai.serviceAccounts is set but forja:genai.provider is "ollama"/],
    ["a log retention CloudWatch refuses", { "forja:target": "eks", "forja:genai": { invocationLogging: { retentionDays: 10 } } }, [], /forja:genai.invocationLogging.retentionDays.*expected one of CloudWatch Logs' retention periods: 1, 3, 5, 7, 14, 30/],
    ["a gateway on eks", { "forja:target": "eks", "forja:genai": { provider: "bedrock", gateway: {} } }, [], /forja:genai.gateway is set but forja:target is "eks": the gateway is composed on k3s/],
    ["a gateway in front of another server", { "forja:target": "k3s", "forja:genai": { provider: "openai", modelId: "m", baseUrl: "http://gw:4000", gateway: {} } }, [], /forja:genai.gateway is set but workloads do not use the stack's in-cluster Ollama/],
  ])("rejects %s", (_label, values, secretKeys, expected) => {
    expect(problems(values, secretKeys).join("\n")).toMatch(expected);
  });
});
