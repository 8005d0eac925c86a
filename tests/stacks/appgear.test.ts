import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { REPO_ROOT, runStack } from "../harness";
import type { Recorded } from "../harness";
import { allowedFlows } from "./network-flows";
import type { FlowPod } from "./network-flows";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let report: SynthReport;
let recorded: Recorded;
let outputs: Record<string, unknown>;
let warnings: string[];
const objects = (kind: string) => report.kubernetes.map((k) => k.object as Obj).filter((o) => o.kind === kind);
/** A Job's pods by its role, without the hash of its spec. */
const jobName = (name: string) => name.replace(/-(setup|migrate|keys)-[0-9a-f]+$/, "-$1");
const isJob = (name: string) => jobName(name) !== name;
const podTemplates = () => [...objects("StatefulSet"), ...objects("Deployment"), ...objects("Job")].map((o) => ({ name: o.metadata.name as string, namespace: o.metadata.namespace as string, pod: o.spec.template.spec as Obj, labels: o.spec.template.metadata.labels as Record<string, string> }));

beforeAll(async () => {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(async () => undefined);
  try {
    const run = await runStack("appgear");
    ({ report, recorded } = run);
    outputs = run.run.outputs;
    warnings = warn.mock.calls.map(([message]) => message);
  } finally {
    warn.mockRestore();
  }
});

describe("stack appgear (seed 003 on K3s)", () => {
  it("synthesises with no policy violation, schema error, secret leak or capacity problem", () => {
    expect(reportProblems(report)).toEqual([]);
    expect(report.schemaErrors).toEqual([]);
  });

  it("fits the documented single node (4 CPUs, 7Gi): the seed's 8 pods request 1.7 CPUs and 2.4Gi", () => {
    expect(report.capacity).toMatchObject({ fits: true, capacity: { nodes: 1, cpuMillis: 4000, memoryMiB: 7168 }, demand: { cpuMillis: 1700, memoryMiB: 2432 } });
    const pods = podTemplates().filter((t) => !isJob(t.name));
    expect(pods.map((t) => `${t.namespace}/${t.name}`).sort()).toEqual(["appgear/appgear-postgres", "appgear/appgear-redis", "appgear/flowise", "appgear/llm-gateway", "appgear/n8n", "observability/grafana", "observability/prometheus"]);
    expect(podTemplates().filter((t) => isJob(t.name)).map((t) => jobName(t.name)).sort()).toEqual(["appgear-postgres-setup", "llm-gateway-keys", "llm-gateway-migrate"]);
  });

  it("composes one Postgres with a database and owner per app, n8n's in its own schema", () => {
    const script = (objects("ConfigMap").find((c) => c.metadata.name.startsWith("appgear-postgres-setup")) as Obj).data["setup.sh"] as string;
    for (const db of ["litellm", "flowise", "n8n"]) expect(script).toContain(`-v owner=${db} -v db=${db}`);
    expect(script).toContain('CREATE SCHEMA IF NOT EXISTS n8n AUTHORIZATION :"owner";');
  });

  it("admits exactly the declared flows between every pod, Traefik, the nodes, the internet and an outsider", () => {
    const pods: FlowPod[] = podTemplates().map((t) => ({ name: jobName(t.name), namespace: t.namespace, labels: t.labels, ports: (t.pod.containers as Obj[]).flatMap((c) => (c.ports ?? []).map((p: Obj) => p.containerPort)) }));
    pods.push({ name: "traefik", namespace: "kube-system", labels: { "app.kubernetes.io/name": "traefik" }, ports: [] });
    pods.push({ name: "outsider", namespace: "default", labels: { app: "curl" }, ports: [] });
    // The K3s node (kubelet, API server) and a hosted model API such as api.groq.com.
    pods.push({ name: "node", namespace: "", labels: {}, ports: [10250, 6443], address: "192.168.1.10" });
    pods.push({ name: "internet", namespace: "", labels: {}, ports: [443], address: "104.18.2.1" });
    const namespaces = Object.fromEntries(objects("Namespace").map((n) => [n.metadata.name, n.metadata.labels]));
    // The stack's own pods, as source or destination: what Traefik or an outsider may send to the internet is not the stack's to say.
    const ours = new Set(podTemplates().map((t) => jobName(t.name)));
    const flows = allowedFlows(pods, objects("NetworkPolicy"), namespaces).filter((flow) => flow.split(/ -> |:/).slice(0, 2).some((end) => ours.has(end)));
    expect(flows).toEqual(
      [
        "appgear-postgres-setup -> appgear-postgres:5432",
        // Postgres's setup Job has no egress policy of its own (a Postgres component gap, not AppGear's).
        "appgear-postgres-setup -> internet:443",
        "appgear-postgres-setup -> node:10250",
        "appgear-postgres-setup -> node:6443",
        "flowise -> appgear-postgres:5432",
        "flowise -> llm-gateway:4000",
        "grafana -> prometheus:9090",
        // LiteLLM: its database, the shared Redis, the providers; its Jobs: the schema and the key registration.
        "llm-gateway -> appgear-postgres:5432",
        "llm-gateway -> appgear-redis:6379",
        "llm-gateway -> internet:443",
        "llm-gateway-keys -> llm-gateway:4000",
        "llm-gateway-migrate -> appgear-postgres:5432",
        "n8n -> appgear-postgres:5432",
        "n8n -> internet:443",
        "n8n -> llm-gateway:4000",
        // Prometheus: LiteLLM's /metrics/ and n8n's /metrics, the kubelet's cAdvisor and the API server.
        "prometheus -> llm-gateway:4000",
        "prometheus -> n8n:5678",
        "prometheus -> node:10250",
        "prometheus -> node:6443",
        "traefik -> flowise:3000",
        "traefik -> grafana:3000",
        "traefik -> llm-gateway:4000",
        "traefik -> n8n:5678",
      ].sort(),
    );
  });

  it("runs LiteLLM x2 on the stack's Redis, migrated once by a Job the Deployment waits for", () => {
    const deployment = objects("Deployment").find((d) => d.metadata.name === "llm-gateway") as Obj;
    expect(deployment.spec.replicas).toBe(2);
    const config = parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("llm-gateway-models")) as Obj).data["config.yaml"]);
    expect(config.router_settings).toEqual({ redis_url: "os.environ/REDIS_URL" });
    const secret = recorded.ofType("kubernetes:core/v1:Secret").find((r) => r.name === "llm-gateway-secret")!;
    expect(String((secret.inputs.stringData as Record<string, string>).REDIS_URL)).toMatch(/^redis:\/\/:[^@]+@appgear-redis\.appgear\.svc\.cluster\.local:6379/);
    const env = deployment.spec.template.spec.containers[0].env as Obj[];
    expect(env).toContainEqual({ name: "DISABLE_SCHEMA_UPDATE", value: "true" });
    const server = recorded.one("kubernetes:apps/v1:Deployment", "llm-gateway-deployment");
    const migration = recorded.one("kubernetes:batch/v1:Job", "llm-gateway-migrate");
    expect(server.dependsOn).toContain(migration.urn);
  });

  it("has Prometheus scrape LiteLLM's /metrics/ without a key, on its serving pods only", () => {
    const config = parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("llm-gateway-models")) as Obj).data["config.yaml"]);
    expect(config.litellm_settings).toEqual({ callbacks: ["prometheus"], require_auth_for_metrics_endpoint: false });
    const scrape = parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("prometheus-config")) as Obj).data["prometheus.yml"]);
    const job = (scrape.scrape_configs as Obj[]).find((j) => j.job_name === "litellm") as Obj;
    expect(job.metrics_path).toBe("/metrics/");
    const kept = Object.fromEntries((job.relabel_configs as Obj[]).filter((r) => r.action === "keep").map((r) => [r.source_labels[0], r.regex]));
    expect(kept).toEqual({ __meta_kubernetes_pod_label_app_kubernetes_io_instance: "llm-gateway", __meta_kubernetes_pod_label_app_kubernetes_io_name: "llm-gateway", __meta_kubernetes_pod_container_port_number: "4000" });
  });

  it("passes every credential by Secret reference: no password, key or URL with a password in plain env", () => {
    for (const { name, pod } of podTemplates()) {
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])] as Obj[]) {
        const plain = (container.env ?? []).filter((e: Obj) => e.value !== undefined && /PASSWORD|_KEY$|SECRET|DATABASE_URL/.test(e.name)).map((e: Obj) => `${name}: ${e.name}`);
        expect(plain).toEqual([]);
      }
    }
    const flowise = podTemplates().find((t) => t.name === "flowise")!.pod.containers[0].env as Obj[];
    expect(flowise.find((e) => e.name === "DATABASE_PASSWORD")?.valueFrom).toEqual({ secretKeyRef: { name: "appgear-postgres-user-flowise", key: "password" } });
    const n8n = podTemplates().find((t) => t.name === "n8n")!.pod.containers[0].env as Obj[];
    expect(n8n.find((e) => e.name === "DB_POSTGRESDB_PASSWORD")?.valueFrom).toEqual({ secretKeyRef: { name: "appgear-postgres-user-n8n", key: "password" } });
  });

  it("turns service links off on every pod, the gateway's and its Jobs' included", () => {
    expect(podTemplates().length).toBe(10);
    expect(podTemplates().filter((t) => t.pod.enableServiceLinks !== false).map((t) => t.name)).toEqual([]);
  });

  it("serves Groq and OpenAI models through LiteLLM's OpenAI-compatible backend; a provider without its key is a warning, not a fake key", () => {
    const config = parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("llm-gateway-models")) as Obj).data["config.yaml"]);
    expect(config.model_list.map((m: Obj) => [m.model_name, m.litellm_params.model, m.litellm_params.api_base, m.litellm_params.api_key])).toEqual([
      ["llama-3.3-70b", "openai/llama-3.3-70b-versatile", "https://api.groq.com/openai/v1", undefined],
      ["llama-3.1-8b", "openai/llama-3.1-8b-instant", "https://api.groq.com/openai/v1", undefined],
      ["gpt-4o-mini", "openai/gpt-4o-mini", "https://api.openai.com/v1", undefined],
      ["gpt-4o", "openai/gpt-4o", "https://api.openai.com/v1", undefined],
    ]);
    expect(warnings.filter((w) => w.startsWith("forja:appgearApiKeys"))).toEqual([
      expect.stringContaining("forja:appgearApiKeys.groq is not set: the gateway serves llama-3.3-70b, llama-3.1-8b without a key"),
      expect.stringContaining("forja:appgearApiKeys.openai is not set: the gateway serves gpt-4o-mini, gpt-4o without a key"),
    ]);
  });

  it("routes each UI through Traefik and exports how to reach it, with Grafana's password as a secret", () => {
    const routes = objects("Ingress").map((i) => `${i.metadata.namespace}/${i.spec.rules[0].host}${i.spec.rules[0].http.paths[0].path}`);
    // n8n's /metrics and LiteLLM's /metrics/ (no auth, for Prometheus on the pods) go through a Traefik middleware that admits no client.
    expect(routes.sort()).toEqual(["appgear/flowise.localtest.me/", "appgear/litellm.localtest.me/", "appgear/litellm.localtest.me/metrics", "appgear/n8n.localtest.me/", "appgear/n8n.localtest.me/metrics", "observability/grafana.localtest.me/"]);
    const guard = objects("Ingress").find((i) => i.metadata.name === "llm-gateway-metrics") as Obj;
    expect(guard.spec.rules[0].http.paths[0]).toMatchObject({ path: "/metrics", pathType: "Prefix", backend: { service: { name: "llm-gateway", port: { name: "http" } } } });
    expect(guard.metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"]).toBe("appgear-llm-gateway-deny-metrics@kubernetescrd");
    const middleware = report.kubernetes.map((k) => k.object as Obj).find((o) => o.kind === "Middleware" && o.metadata.name === "llm-gateway-deny-metrics") as Obj;
    expect(middleware.spec).toEqual({ ipAllowList: { sourceRange: ["127.0.0.1/32"] } });
    expect(outputs.appgear).toMatchObject({
      urls: { flowisePublic: "http://flowise.localtest.me/", n8nPublic: "http://n8n.localtest.me/", grafanaPublic: "http://grafana.localtest.me/", litellmPublic: "http://litellm.localtest.me/", prometheus: "http://prometheus.observability.svc.cluster.local:9099" },
      grafanaAdminPassword: "[secret]",
      gatewayMasterKey: "[secret]",
      gatewayKeys: { flowise: "[secret]", n8n: "[secret]" },
    });
  });

  it("keeps every generated key that guards data in state and protected", () => {
    const protectedKeys = recorded.ofType("random:index/randomPassword:RandomPassword").filter((r) => r.protect).map((r) => r.name);
    expect(protectedKeys).toEqual(expect.arrayContaining(["flowise-encryption-key", "n8n-encryption-key", "grafana-admin-password", "grafana-secret-key"]));
  });
});

describe("stack appgear on day 2", () => {
  it("keeps every generated key (same URN, same inputs) when keys are set and models, routes, resources and sizes change", async () => {
    const root = mkdtempSync(join(tmpdir(), "forja-appgear-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    const document = parse(readFileSync(join(REPO_ROOT, "Pulumi.appgear.yaml"), "utf8")) as { config: Record<string, Obj> };
    const appgear = document.config["forja:appgear"];
    appgear.models = appgear.models.filter((m: Obj) => m.provider === "groq");
    document.config["forja:appgearApiKeys"] = { groq: { secure: "v1:not-decryptable-offline" } };
    appgear.routes = {};
    appgear.resources = { n8n: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "2Gi" } } };
    appgear.storage = { prometheus: "20Gi" };
    writeFileSync(join(root, "Pulumi.appgear.yaml"), stringify(document));
    const changed = (await runStack("appgear", root)).recorded;
    const models = changed.ofType("kubernetes:core/v1:ConfigMap").find((c) => c.name === "llm-gateway-models")!;
    const config = parse(String((models.inputs.data as Record<string, string>)["config.yaml"]));
    expect(config.model_list.map((m: Obj) => m.litellm_params.api_key)).toEqual(["os.environ/GATEWAY_MODEL_1_API_KEY", "os.environ/GATEWAY_MODEL_2_API_KEY"]);
    const secret = changed.ofType("kubernetes:core/v1:Secret").find((r) => r.name === "llm-gateway-secret")!;
    expect(Object.keys(secret.inputs.stringData as object)).toEqual(expect.arrayContaining(["GATEWAY_MODEL_1_API_KEY", "GATEWAY_MODEL_2_API_KEY"]));
    const keys = (r: Recorded) => r.ofType("random:index/randomPassword:RandomPassword").map((k) => JSON.stringify([k.urn, k.inputs.length, k.inputs.special, k.protect]));
    expect(keys(changed).sort()).toEqual(keys(recorded).sort());
    expect(keys(recorded)).toHaveLength(17);
  });
});

describe("AppGear Monitor dashboard", () => {
  const dashboard = () => {
    const data = (objects("ConfigMap").find((c) => c.metadata.name.startsWith("grafana-dashboards")) as Obj).data as Record<string, string>;
    return JSON.parse(data["appgear-monitor.json"]) as Obj;
  };
  const datasourceUid = () => parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("grafana-datasources")) as Obj).data["datasources.yaml"]).datasources[0].uid;
  const queries = () => (dashboard().panels as Obj[]).flatMap((p) => p.targets as Obj[]);

  it("references the provisioned datasource uid in every panel and query", () => {
    expect(datasourceUid()).toBe("prometheus");
    for (const panel of dashboard().panels) expect(panel.datasource.uid).toBe(datasourceUid());
    for (const target of queries()) expect(target.datasource.uid).toBe(datasourceUid());
  });

  it("has only queries that parse as PromQL (Prometheus's own grammar)", () => {
    const errors = (expr: string) => {
      const found: string[] = [];
      parser.parse(expr).iterate({ enter: (node) => void (node.type.isError && found.push(`${expr} @${node.from}`)) });
      return found;
    };
    expect(errors("sum(rate(x[5m]) by")).not.toEqual([]);
    expect(queries().flatMap((t) => errors(t.expr))).toEqual([]);
  });

  it("carries the seed's three panel families, CPU and memory over pod-level series (K3s leaves container empty)", () => {
    const titles = (dashboard().panels as Obj[]).map((p) => p.title);
    expect(titles).toEqual(["CPU per pod", "Memory per pod (working set)", "LiteLLM requests", "LiteLLM failed requests", "LiteLLM latency"]);
    const [cpu, memory] = dashboard().panels as Obj[];
    for (const panel of [cpu, memory]) {
      expect(panel.targets[0].expr).toContain('pod!="",container=""');
      expect(panel.targets[0].expr).not.toContain('container!=""');
    }
    // The LiteLLM panels read the job Prometheus scrapes the gateway under.
    const jobs = (parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("prometheus-config")) as Obj).data["prometheus.yml"]).scrape_configs as Obj[]).map((j) => j.job_name);
    const selected = queries().flatMap((t) => [...(t.expr as string).matchAll(/job="([^"]+)"/g)].map((m) => m[1]));
    expect(selected).toHaveLength(4);
    for (const job of selected) expect(jobs).toContain(job);
    // Names from LiteLLM's prometheus.py (prometheus_client adds _total to counters, _bucket to histograms).
    expect(queries().map((t) => t.expr).join("\n")).toMatch(/litellm_proxy_total_requests_metric_total[\s\S]*litellm_proxy_failed_requests_metric_total[\s\S]*litellm_request_total_latency_metric_bucket/);
  });
});
