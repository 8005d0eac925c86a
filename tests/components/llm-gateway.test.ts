import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { LlmGateway } from "../../components/llm-gateway";
import type { LlmGatewayArgs } from "../../components/llm-gateway";
import { REGISTER_KEYS_SCRIPT, keySpecs } from "../../components/llm-gateway/jobs";
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
    ["a Bedrock model on K3s without keys", { models: [{ name: "c", backend: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0" }], bedrockRegion: "us-west-2" }, /"bedrockAccessKeyId" was missing; expected keys \(as secrets\) for Bedrock models: this k3s cluster has no workload identity/],
    ["a Bedrock model id of the wrong shape", { cluster: eks, models: [{ name: "c", backend: "bedrock", model: "claude" }] }, /argument "models\[0\].model" was "claude"/],
    ["no database location", { database: {} }, /argument "database" was \{\}; expected where the database is/],
    ["an unpinned image", { image: "ghcr.io/berriai/litellm:latest" }, /argument "image" was "ghcr.io\/berriai\/litellm:latest"/],
    ["Redis without a location", { redis: { url: "redis://r:6379", peer: {} } }, /argument "redis.peer" was \{\}; expected where Redis is/],
    ["metrics without scrapers", { metrics: { scrapers: [] } }, /argument "metrics.scrapers" was \[\]; expected the peers/],
    ["the seed's on-demand model outside us-west-2", { cluster: eks, models: [{ name: "c", backend: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0" }] }, /LlmGateway: argument "models\[0\].model" was "anthropic.claude-3-5-sonnet-20241022-v2:0"; expected a model served on demand in us-east-1/],
    ["a key for a model the gateway lacks", { keys: [{ name: "api", models: ["gpt"] }] }, /argument "keys\[0\].models" was "gpt"; expected models the gateway serves \(llama\)/],
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
  const shared: LlmGatewayArgs = {
    ...base,
    redis: { url: "redis://:pw@redis.forja.svc.cluster.local:6379", peer: { podLabels: { "app.kubernetes.io/name": "redis" } } },
    metrics: { scrapers: [{ namespace: "observability", podLabels: { "app.kubernetes.io/name": "prometheus" } }] },
    keys: [{ name: "echo", limits: { rpmLimit: 10, tpmLimit: 5000, maxBudgetUsd: 5, budgetDuration: "1d" } }],
  };
  let recorded: Recorded;
  let gateway: LlmGateway;
  let url: string;
  beforeAll(async () => {
    recorded = await record(() => (gateway = new LlmGateway("llm-gateway", shared, onCluster())));
    url = await value(gateway.url);
  });
  type Pod = { metadata?: { annotations?: Record<string, string> }; spec: { securityContext: Record<string, unknown>; enableServiceLinks: boolean; containers: Record<string, unknown>[]; volumes: { name: string; emptyDir?: unknown; configMap?: unknown }[] } };
  const deploymentSpec = () => recorded.one("kubernetes:apps/v1:Deployment").inputs.spec as { replicas: number; template: Pod };
  const job = () => recorded.one("kubernetes:batch/v1:Job", "llm-gateway-migrate");
  const mounts = (pod: Pod) => new Map((pod.spec.containers[0].volumeMounts as { name: string; mountPath: string }[]).map((m) => [m.mountPath, pod.spec.volumes.find((v) => v.name === m.name)]));
  const env = (pod: Pod) => Object.fromEntries((pod.spec.containers[0].env as { name: string; value: string }[]).map((e) => [e.name, e.value]));

  it("creates exactly the keys, configs, secrets, service account, migration and key Jobs, two-replica deployment, service, PDB and NetworkPolicies", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:LlmGateway": 1,
      "random:index/randomPassword:RandomPassword": 3,
      "kubernetes:core/v1:ConfigMap": 2,
      "kubernetes:core/v1:Secret": 2,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:batch/v1:Job": 2,
      "kubernetes:apps/v1:Deployment": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 3,
    });
    expect(url).toBe("http://llm-gateway.forja.svc.cluster.local:4000");
  });

  it("runs LiteLLM's non-root image, pinned by tag and digest, as the image's own user, with the model list and probes that need no key", () => {
    const pod = deploymentSpec().template;
    const container = pod.spec.containers[0];
    const configMap = recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-models").outputs as { metadata: { name: string } };
    expect(deploymentSpec().replicas).toBe(2);
    expect(container.image).toMatch(/^docker\.io\/litellm\/litellm-non_root:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
    expect(pod.spec.securityContext).toMatchObject({ runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true });
    expect(pod.spec.enableServiceLinks).toBe(false);
    expect(container).toMatchObject({
      args: ["--config", "/etc/litellm/config.yaml", "--port", "4000", "--num_workers", "1"],
      readinessProbe: { httpGet: { path: "/health/readiness", port: "http" } },
      livenessProbe: { httpGet: { path: "/health/liveliness", port: "http" } },
      startupProbe: { httpGet: { path: "/health/liveliness", port: "http" }, failureThreshold: 30 },
    });
    expect(mounts(pod).get("/etc/litellm")).toEqual({ name: "models", configMap: { name: configMap.metadata.name } });
    expect(JSON.stringify(pod)).not.toMatch(/"\/health"/);
  });

  it("mounts an emptyDir on every path the pods and the Job write outside the image's own tree", () => {
    expect(mounts(deploymentSpec().template).get("/tmp")?.emptyDir).toBeDefined();
    const jobPod = (job().inputs.spec as { template: Pod }).template;
    expect(mounts(jobPod).get("/tmp")?.emptyDir).toBeDefined();
    expect(mounts(jobPod).get(env(jobPod).LITELLM_MIGRATION_DIR)?.emptyDir).toBeDefined();
    expect(jobPod.spec.securityContext).toMatchObject({ runAsUser: 65534, runAsGroup: 65534 });
  });

  it("migrates in a Job the Deployment depends on, and the serving pods never migrate", () => {
    const pod = deploymentSpec().template;
    const jobPod = (job().inputs.spec as { template: Pod }).template;
    expect(env(pod)).toEqual({ DISABLE_SCHEMA_UPDATE: "true", LITELLM_LOCAL_MODEL_COST_MAP: "True" });
    expect(env(jobPod)).toMatchObject({ DISABLE_SCHEMA_UPDATE: "false", LITELLM_LOCAL_MODEL_COST_MAP: "True" });
    expect(jobPod.spec.containers[0]).toMatchObject({ image: pod.spec.containers[0].image, args: ["--config", "/etc/litellm/config.yaml", "--skip_server_startup"] });
    expect(recorded.one("kubernetes:apps/v1:Deployment").dependsOn).toContain(job().urn);
    // Named after the image: a new image is a new migration.
    expect((job().inputs.metadata as { name: string }).name).toMatch(/^llm-gateway-migrate-[0-9a-f]+$/);
  });

  it("shares rate limits through Redis and exposes unauthenticated metrics only to the named scrapers", () => {
    const config = parse((recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-models").inputs.data as Record<string, string>)["config.yaml"]);
    expect(config.router_settings).toEqual({ redis_url: "os.environ/REDIS_URL" });
    expect(config.litellm_settings).toMatchObject({ callbacks: ["prometheus"], require_auth_for_metrics_endpoint: false });
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret", "llm-gateway-secret").inputs.stringData as object)).toContain("REDIS_URL");
    expect(deploymentSpec().template.metadata?.annotations).toEqual({ "prometheus.io/scrape": "true", "prometheus.io/port": "4000", "prometheus.io/path": "/metrics/" });
  });

  it("generates the master key (sk-...) and keeps every credential in the Secret, none in the ConfigMap", async () => {
    const secret = recorded.one("kubernetes:core/v1:Secret", "llm-gateway-secret").inputs.stringData as Record<string, string>;
    expect(Object.keys(secret).sort()).toEqual(["DATABASE_URL", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY", "REDIS_URL"]);
    expect(secret.LITELLM_MASTER_KEY).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(await pulumi.isSecret(gateway.masterKey)).toBe(true);
    const config = (recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-models").inputs.data as Record<string, string>)["config.yaml"];
    expect(config).toContain("model: ollama_chat/llama3.2:3b");
    expect(config).not.toContain(secret.LITELLM_MASTER_KEY);
    expect(config).not.toContain("pw@");
  });

  it("admits only its key Job and the scrapers on 4000 (no client named: nobody else); the pods reach only DNS, the database, Redis and Ollama, the Job only DNS and the database", () => {
    const policies = recorded.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.name !== "llm-gateway-keys-netpol").map((p) => p.inputs.spec as { podSelector: { matchLabels: Record<string, string> }; ingress: unknown[]; egress: { to: unknown[]; ports: { port: number }[] }[] });
    const server = policies.find((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] === "llm-gateway")!;
    const migration = policies.find((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] === "llm-gateway-migrate")!;
    expect(server.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "llm-gateway-keys", "app.kubernetes.io/instance": "llm-gateway" } } }], ports: [{ protocol: "TCP", port: 4000 }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }], ports: [{ protocol: "TCP", port: 4000 }] },
    ]);
    expect(server.egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[53, 53], [5432], [6379], [11434]]);
    expect(migration.ingress).toEqual([]);
    expect(migration.egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[53, 53], [5432]]);
    expect(migration.egress[1].to).toEqual([{ podSelector: { matchLabels: { "app.kubernetes.io/name": "postgres" } } }]);
    // One peer admits both to Postgres; the Job's pods never match the Service.
    expect(gateway.databaseClient).toEqual({ "app.kubernetes.io/instance": "llm-gateway" });
    expect((recorded.one("kubernetes:core/v1:Service").inputs.spec as { selector: Record<string, string> }).selector["app.kubernetes.io/name"]).toBe("llm-gateway");
  });

  it("makes a virtual key per workload with its own limits, registered by a Job once the gateway is ready", async () => {
    const key = await value(gateway.keys.echo);
    expect(key).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    expect(await pulumi.isSecret(gateway.keys.echo)).toBe(true);
    const keysJob = recorded.one("kubernetes:batch/v1:Job", "llm-gateway-keys");
    expect(keysJob.dependsOn).toContain(recorded.one("kubernetes:apps/v1:Deployment").urn);
    const spec = JSON.parse((recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-keys").inputs.data as Record<string, string>)["keys.json"]);
    expect(spec).toEqual([{ name: "echo", env: "GATEWAY_KEY_1", params: { key_alias: "echo", models: ["llama"], rpm_limit: 10, tpm_limit: 5000, max_budget: 5, budget_duration: "1d" } }]);
    expect(recorded.one("kubernetes:core/v1:Secret", "llm-gateway-keys").inputs.stringData).toEqual({ GATEWAY_KEY_1: key });
    expect(JSON.stringify(recorded.one("kubernetes:core/v1:ConfigMap", "llm-gateway-keys").inputs)).not.toContain(key);
    const egress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "llm-gateway-keys-netpol").inputs.spec as { egress: { ports: { port: number }[] }[] }).egress;
    expect(egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([[53, 53], [4000]]);
    expect(gateway.clientPeer).toEqual({ namespace: "forja", podLabels: { "app.kubernetes.io/instance": "llm-gateway" }, ports: [4000] });
    expect(gateway.peer).toEqual(gateway.clientPeer);
  });

  it("renders valid Kubernetes objects that pass every policy", () => {
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});

describe("LlmGateway replicas and Redis", () => {
  it("runs one pod without Redis, and refuses more: each would count limits on its own", async () => {
    const recorded = await record(() => new LlmGateway("llm-gateway", base, onCluster()));
    expect((recorded.one("kubernetes:apps/v1:Deployment").inputs.spec as { replicas: number }).replicas).toBe(1);
    expect(recorded.ofType("kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(0);
    expect(() => validateLlmGateway("llm-gateway", { ...base, replicas: 2 })).toThrow(/argument "replicas" was 2; expected 1 without redis: each replica would count rate limits/);
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
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret", "llm-gateway-secret").inputs.stringData as object)).not.toContain("AWS_ACCESS_KEY_ID");
    expect(recorded.policyViolations()).toEqual([]);
  });

  it("on K3s takes static keys as secrets and opens HTTPS egress for them", async () => {
    const recorded = await record(
      () =>
        new LlmGateway(
          "llm-gateway",
          { ...base, bedrockRegion: "us-west-2", bedrockAccessKeyId: "AKIAEXAMPLE", bedrockSecretAccessKey: "secret", models: [{ name: "claude", backend: "bedrock", model: "anthropic.claude-3-5-sonnet-20241022-v2:0" }] },
          onCluster(),
        ),
    );
    expect(Object.keys(recorded.one("kubernetes:core/v1:Secret", "llm-gateway-secret").inputs.stringData as object).sort()).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DATABASE_URL", "LITELLM_MASTER_KEY", "LITELLM_SALT_KEY"]);
    const egress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "llm-gateway-netpol").inputs.spec as { egress: { to: unknown[]; ports: { port: number }[] }[] }).egress;
    expect(egress[2]).toEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
    expect(recorded.ofType("aws:iam/role:Role")).toHaveLength(0);
  });
});

/** The key Job's script runs in LiteLLM's image (Python, standard library): here, against a fake gateway on loopback. */
const python = spawnSync("python3", ["--version"]).status === 0;
(python ? describe : describe.skip)("the key registration script (python3 on loopback)", () => {
  it("generates each key with the master key, and updates a key that already exists", async () => {
    const seen: { path: string; auth: string; body: Record<string, unknown> }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (part: Buffer) => (body += part.toString()));
      req.on("end", () => {
        seen.push({ path: req.url ?? "", auth: req.headers.authorization ?? "", body: JSON.parse(body) });
        // "api" exists from an earlier run: LiteLLM refuses to generate it again.
        const exists = req.url === "/key/generate" && JSON.parse(body).key_alias === "api";
        res.writeHead(exists ? 400 : 200, { "content-type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dir = mkdtempSync(join(tmpdir(), "forja-keys-"));
    const args: LlmGatewayArgs = { ...base, keys: [{ name: "echo" }, { name: "api", limits: { rpmLimit: 5 } }] };
    writeFileSync(join(dir, "register.py"), REGISTER_KEYS_SCRIPT);
    writeFileSync(join(dir, "keys.json"), JSON.stringify(keySpecs(args)));
    const env = { PATH: process.env.PATH, GATEWAY_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, LITELLM_MASTER_KEY: "sk-master", GATEWAY_KEY_1: "sk-echo", GATEWAY_KEY_2: "sk-api" };
    const code = await new Promise<number | null>((resolve) => spawn("python3", [join(dir, "register.py")], { env, stdio: "ignore" }).on("exit", resolve));
    server.close();
    expect(code).toBe(0);
    expect(seen.map((r) => [r.path, r.auth, r.body.key, r.body.key_alias, r.body.rpm_limit])).toEqual([
      ["/key/generate", "Bearer sk-master", "sk-echo", "echo", 30],
      ["/key/generate", "Bearer sk-master", "sk-api", "api", 5],
      ["/key/update", "Bearer sk-master", "sk-api", "api", 5],
    ]);
  });
});
