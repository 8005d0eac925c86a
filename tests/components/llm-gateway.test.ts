import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { LlmGateway } from "../../components/llm-gateway";
import type { LlmGatewayArgs } from "../../components/llm-gateway";
import { liteLlmConfig, validateLlmGateway } from "../../components/llm-gateway/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

const k3s = k3sCapabilities({});
const ACCOUNT = "123456789012";
const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABC";
const eks: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [] },
  workloadIdentity: { kind: "irsa", oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`, issuerUrl: `https://${ISSUER}` },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: {},
};

const base: LlmGatewayArgs = {
  cluster: k3s,
  namespace: "forja",
  models: [{ name: "llama", backend: "ollama", model: "llama3.2:3b", apiBase: "http://ollama.forja.svc.cluster.local:11434", rpm: 60 }],
  databaseUrl: "postgresql://litellm:pw@postgres.forja.svc.cluster.local:5432/litellm",
  database: { podLabels: { "app.kubernetes.io/name": "postgres" } },
  keyDefaults: { rpmLimit: 30, tpmLimit: 20000 },
  keyUpperBounds: { rpmLimit: 120, maxBudgetUsd: 50 },
};

function value<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("LiteLLM config", () => {
  it("lists the models with their backends and limits, and holds secrets only as os.environ references", () => {
    const args: LlmGatewayArgs = {
      ...base,
      cluster: eks,
      bedrockAccountId: ACCOUNT,
      models: [
        ...base.models,
        { name: "claude-sonnet", backend: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", tpm: 100000 },
        { name: "gpt", backend: "openai", model: "gpt-4.1-mini", apiBase: "https://api.openai.com/v1", apiKey: "sk-upstream" },
      ],
    };
    const text = liteLlmConfig(args, ["http://ollama.forja.svc.cluster.local:11434", undefined, "https://api.openai.com/v1"]);
    expect(parse(text)).toEqual({
      model_list: [
        { model_name: "llama", litellm_params: { model: "ollama_chat/llama3.2:3b", api_base: "http://ollama.forja.svc.cluster.local:11434", rpm: 60 } },
        { model_name: "claude-sonnet", litellm_params: { model: "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", aws_region_name: "us-east-1", tpm: 100000 } },
        { model_name: "gpt", litellm_params: { model: "openai/gpt-4.1-mini", api_base: "https://api.openai.com/v1", api_key: "os.environ/GATEWAY_MODEL_3_API_KEY" } },
      ],
      general_settings: { master_key: "os.environ/LITELLM_MASTER_KEY", database_url: "os.environ/DATABASE_URL" },
      litellm_settings: {
        default_key_generate_params: { rpm_limit: 30, tpm_limit: 20000 },
        upperbound_key_generate_params: { rpm_limit: 120, max_budget: 50, budget_duration: "30d" },
      },
    });
    expect(text).not.toMatch(/sk-upstream|pw@/);
  });
});

describe("validateLlmGateway", () => {
  it.each<[string, Partial<LlmGatewayArgs>, RegExp]>([
    ["no models", { models: [] }, /argument "models" was \[\]; expected at least one model/],
    ["two models with one name", { models: [base.models[0], base.models[0]] }, /"models\[1\].name" was "llama"; expected a name not used by another model/],
    ["an Ollama model without a URL", { models: [{ name: "l", backend: "ollama", model: "llama3.2:3b" }] }, /"models\[0\].apiBase" was missing; expected the ollama server's URL/],
    ["a Bedrock model on K3s without keys", { models: [{ name: "c", backend: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0" }], bedrockRegion: "us-east-1" }, /"bedrockAccessKeyId" was missing; expected keys \(as secrets\) for Bedrock models: this k3s cluster has no workload identity/],
    ["a Bedrock model id of the wrong shape", { cluster: eks, models: [{ name: "c", backend: "bedrock", model: "claude" }] }, /argument "models\[0\].model" was "claude"/],
    ["no database location", { database: {} }, /argument "database" was \{\}; expected where the database is/],
    ["an unpinned image", { image: "ghcr.io/berriai/litellm:latest" }, /argument "image" was "ghcr.io\/berriai\/litellm:latest"/],
    ["a fractional rate limit", { keyDefaults: { rpmLimit: 1.5 } }, /"keyDefaults.rpmLimit" was 1.5; expected a positive integer/],
    ["a bad budget duration", { keyUpperBounds: { maxBudgetUsd: 10, budgetDuration: "monthly" } }, /"keyUpperBounds.budgetDuration" was "monthly"/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateLlmGateway("llm-gateway", { ...base, ...change })).toThrow(expected);
  });

  it("refuses to register without a Kubernetes provider or with undefined args", () => {
    expect(() => new LlmGateway("llm-gateway", base)).toThrow(/LlmGateway: argument "opts.providers.kubernetes" was missing/);
    expect(() => new LlmGateway("llm-gateway", undefined as never)).toThrow(/LlmGateway: argument "args" was missing/);
  });
});

describe("LlmGateway on K3s in front of Ollama", () => {
  let recorded: Recorded;
  let gateway: LlmGateway;
  let url: string;
  beforeAll(async () => {
    recorded = await record(() => (gateway = new LlmGateway("llm-gateway", base, onCluster())));
    url = await value(gateway.url);
  });

  it("creates exactly the keys, config, secret, service account, two-replica deployment, service, PDB and NetworkPolicy", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:LlmGateway": 1,
      "random:index/randomPassword:RandomPassword": 2,
      "kubernetes:core/v1:ConfigMap": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:apps/v1:Deployment": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
    });
    expect(url).toBe("http://llm-gateway.forja.svc.cluster.local:4000");
  });

  it("runs the pinned LiteLLM with the mounted model list and probes that need no key (never /health)", () => {
    const spec = recorded.one("kubernetes:apps/v1:Deployment").inputs.spec as { replicas: number; template: { spec: { containers: Record<string, unknown>[]; volumes: unknown[] } } };
    const container = spec.template.spec.containers[0];
    const configMap = recorded.one("kubernetes:core/v1:ConfigMap").outputs as { metadata: { name: string } };
    expect(spec.replicas).toBe(2);
    expect(container).toMatchObject({
      image: "ghcr.io/berriai/litellm:v1.108.5",
      args: ["--config", "/etc/litellm/config.yaml", "--port", "4000"],
      readinessProbe: { httpGet: { path: "/health/readiness", port: "http" } },
      livenessProbe: { httpGet: { path: "/health/liveliness", port: "http" } },
      startupProbe: { httpGet: { path: "/health/liveliness", port: "http" }, failureThreshold: 30 },
      volumeMounts: expect.arrayContaining([{ name: "models", mountPath: "/etc/litellm", readOnly: true }]),
    });
    expect(spec.template.spec.volumes).toContainEqual({ name: "models", configMap: { name: configMap.metadata.name } });
    expect(JSON.stringify(spec)).not.toMatch(/"\/health"/);
  });

  it("generates the master key (sk-...) and keeps every credential in the Secret, none in the ConfigMap", async () => {
    const secret = recorded.one("kubernetes:core/v1:Secret").inputs.stringData as Record<string, string>;
    expect(Object.keys(secret).sort()).toEqual(["DATABASE_URL", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY"]);
    expect(secret.LITELLM_MASTER_KEY).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(await pulumi.isSecret(gateway.masterKey)).toBe(true);
    const config = (recorded.one("kubernetes:core/v1:ConfigMap").inputs.data as Record<string, string>)["config.yaml"];
    expect(config).toContain("model: ollama_chat/llama3.2:3b");
    expect(config).not.toContain(secret.LITELLM_MASTER_KEY);
  });

  it("admits the namespace on 4000 and lets the pods reach only DNS, the database and Ollama", () => {
    const spec = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { ingress: { ports: unknown[] }[]; egress: { to: unknown[]; ports: { port: number }[] }[] };
    expect(spec.ingress).toEqual([{ from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 4000 }] }]);
    expect(spec.egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[53, 53], [5432], [11434]]);
    expect(spec.egress[1].to).toEqual([{ podSelector: { matchLabels: { "app.kubernetes.io/name": "postgres" } } }]);
  });

  it("renders valid Kubernetes objects that pass every policy", () => {
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});

describe("LlmGateway in front of Bedrock", () => {
  it("on EKS calls Bedrock with a role of its own, bound to its service account", async () => {
    const recorded = await record(
      () => new LlmGateway("llm-gateway", { ...base, cluster: eks, bedrockAccountId: ACCOUNT, models: [{ name: "claude-sonnet", backend: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" }] }, onCluster()),
    );
    const role = recorded.one("aws:iam/role:Role");
    expect(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Condition.StringEquals[`${ISSUER}:sub`]).toBe("system:serviceaccount:forja:llm-gateway");
    const policy = JSON.parse(String(recorded.one("aws:iam/rolePolicy:RolePolicy").inputs.policy));
    expect(policy.Statement[0].Resource).toEqual([`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`]);
    expect((recorded.one("kubernetes:core/v1:ServiceAccount").inputs.metadata as { annotations: Record<string, string> }).annotations).toEqual({ "eks.amazonaws.com/role-arn": role.outputs.arn });
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret").inputs.stringData as object)).not.toContain("AWS_ACCESS_KEY_ID");
    expect(recorded.policyViolations()).toEqual([]);
  });

  it("on K3s takes static keys as secrets and opens HTTPS egress for them", async () => {
    const recorded = await record(
      () =>
        new LlmGateway(
          "llm-gateway",
          { ...base, bedrockRegion: "us-east-1", bedrockAccessKeyId: "AKIAEXAMPLE", bedrockSecretAccessKey: "secret", models: [{ name: "claude", backend: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0" }] },
          onCluster(),
        ),
    );
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret").inputs.stringData as object).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DATABASE_URL", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY"]);
    const egress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { egress: { to: unknown[]; ports: { port: number }[] }[] }).egress;
    expect(egress[2]).toEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
    expect(recorded.ofType("aws:iam/role:Role")).toHaveLength(0);
  });
});
