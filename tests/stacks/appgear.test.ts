import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parser } from "@prometheus-io/lezer-promql";
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
const objects = (kind: string) => report.kubernetes.map((k) => k.object as Obj).filter((o) => o.kind === kind);
const podTemplates = () => [...objects("StatefulSet"), ...objects("Deployment"), ...objects("Job")].map((o) => ({ name: o.metadata.name as string, namespace: o.metadata.namespace as string, pod: o.spec.template.spec as Obj, labels: o.spec.template.metadata.labels as Record<string, string> }));

beforeAll(async () => {
  const run = await runStack("appgear");
  ({ report, recorded } = run);
  outputs = run.run.outputs;
});

describe("stack appgear (seed 003 on K3s)", () => {
  it("synthesises with no policy violation, schema error, secret leak or capacity problem", () => {
    expect(reportProblems(report)).toEqual([]);
    expect(report.schemaErrors).toEqual([]);
  });

  it("fits the documented single node (4 CPUs, 7Gi): the seed's 8 pods request 1.7 CPUs and 2.4Gi", () => {
    expect(report.capacity).toMatchObject({ fits: true, capacity: { nodes: 1, cpuMillis: 4000, memoryMiB: 7168 }, demand: { cpuMillis: 1700, memoryMiB: 2432 } });
    const pods = podTemplates().filter((t) => !t.name.includes("setup"));
    expect(pods.map((t) => `${t.namespace}/${t.name}`).sort()).toEqual(["appgear/appgear-postgres", "appgear/appgear-redis", "appgear/flowise", "appgear/llm-gateway", "appgear/n8n", "observability/grafana", "observability/prometheus"]);
    expect(objects("Deployment")[0].spec.replicas).toBe(2);
  });

  it("composes one Postgres with a database and owner per app, n8n's in its own schema", () => {
    const script = (objects("ConfigMap").find((c) => c.metadata.name.startsWith("appgear-postgres-setup")) as Obj).data["setup.sh"] as string;
    for (const db of ["litellm", "flowise", "n8n"]) expect(script).toContain(`-v owner=${db} -v db=${db}`);
    expect(script).toContain('CREATE SCHEMA IF NOT EXISTS n8n AUTHORIZATION :"owner";');
  });

  it("admits exactly the declared flows between every pod, Traefik and an outsider", () => {
    const pods: FlowPod[] = podTemplates().map((t) => ({ name: t.name.replace(/-setup-[0-9a-f]+$/, "-setup"), namespace: t.namespace, labels: t.labels, ports: (t.pod.containers as Obj[]).flatMap((c) => (c.ports ?? []).map((p: Obj) => p.containerPort)) }));
    pods.push({ name: "traefik", namespace: "kube-system", labels: { "app.kubernetes.io/name": "traefik" }, ports: [] });
    pods.push({ name: "outsider", namespace: "default", labels: { app: "curl" }, ports: [] });
    const namespaces = Object.fromEntries(objects("Namespace").map((n) => [n.metadata.name, n.metadata.labels]));
    expect(allowedFlows(pods, objects("NetworkPolicy"), namespaces)).toEqual(
      [
        "appgear-postgres-setup -> appgear-postgres:5432",
        "flowise -> appgear-postgres:5432",
        "flowise -> llm-gateway:4000",
        "grafana -> prometheus:9090",
        "llm-gateway -> appgear-postgres:5432",
        "llm-gateway -> appgear-redis:6379",
        "n8n -> appgear-postgres:5432",
        "n8n -> llm-gateway:4000",
        "prometheus -> llm-gateway:4000",
        "prometheus -> n8n:5678",
        "traefik -> flowise:3000",
        "traefik -> grafana:3000",
        "traefik -> llm-gateway:4000",
        "traefik -> n8n:5678",
      ].sort(),
    );
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

  it("turns service links off on every pod but the gateway's (LlmGateway does not set it yet)", () => {
    const links = podTemplates().filter((t) => t.pod.enableServiceLinks !== false).map((t) => t.name);
    expect(links).toEqual(["llm-gateway"]);
  });

  it("serves Groq and OpenAI models through LiteLLM's OpenAI-compatible backend, keys from the stack's secrets", () => {
    const config = parse((objects("ConfigMap").find((c) => c.metadata.name.startsWith("llm-gateway-models")) as Obj).data["config.yaml"]);
    expect(config.model_list.map((m: Obj) => [m.model_name, m.litellm_params.model, m.litellm_params.api_base, m.litellm_params.api_key])).toEqual([
      ["llama-3.3-70b", "openai/llama-3.3-70b-versatile", "https://api.groq.com/openai/v1", "os.environ/GATEWAY_MODEL_1_API_KEY"],
      ["llama-3.1-8b", "openai/llama-3.1-8b-instant", "https://api.groq.com/openai/v1", "os.environ/GATEWAY_MODEL_2_API_KEY"],
      ["gpt-4o-mini", "openai/gpt-4o-mini", "https://api.openai.com/v1", "os.environ/GATEWAY_MODEL_3_API_KEY"],
      ["gpt-4o", "openai/gpt-4o", "https://api.openai.com/v1", "os.environ/GATEWAY_MODEL_4_API_KEY"],
    ]);
  });

  it("routes each UI through Traefik and exports how to reach it, with Grafana's password as a secret", () => {
    const routes = objects("Ingress").map((i) => `${i.metadata.namespace}/${i.spec.rules[0].host}${i.spec.rules[0].http.paths[0].path}`);
    // n8n's /metrics (no auth, the editor's port) goes through a Traefik middleware that admits no client.
    expect(routes.sort()).toEqual(["appgear/flowise.localtest.me/", "appgear/litellm.localtest.me/", "appgear/n8n.localtest.me/", "appgear/n8n.localtest.me/metrics", "observability/grafana.localtest.me/"]);
    expect(outputs.appgear).toMatchObject({
      urls: { flowisePublic: "http://flowise.localtest.me/", n8nPublic: "http://n8n.localtest.me/", grafanaPublic: "http://grafana.localtest.me/", litellmPublic: "http://litellm.localtest.me/", prometheus: "http://prometheus.observability.svc.cluster.local:9099" },
      grafanaAdminPassword: "[secret]",
      gatewayMasterKey: "[secret]",
    });
  });

  it("keeps every generated key that guards data in state and protected", () => {
    const protectedKeys = recorded.ofType("random:index/randomPassword:RandomPassword").filter((r) => r.protect).map((r) => r.name);
    expect(protectedKeys).toEqual(expect.arrayContaining(["flowise-encryption-key", "n8n-encryption-key", "grafana-admin-password", "grafana-secret-key"]));
  });
});

describe("stack appgear on day 2", () => {
  it("keeps every generated key (same URN, same inputs) when models, routes, resources and sizes change", async () => {
    const root = mkdtempSync(join(tmpdir(), "forja-appgear-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    const document = parse(readFileSync(join(REPO_ROOT, "Pulumi.appgear.yaml"), "utf8")) as { config: Record<string, Obj> };
    const appgear = document.config["forja:appgear"];
    appgear.models = appgear.models.filter((m: Obj) => m.provider === "groq");
    delete document.config["forja:appgearApiKeys"].openai;
    appgear.routes = {};
    appgear.resources = { n8n: { requests: { cpu: "500m", memory: "512Mi" }, limits: { memory: "2Gi" } } };
    appgear.storage = { prometheus: "20Gi" };
    writeFileSync(join(root, "Pulumi.appgear.yaml"), stringify(document));
    const changed = (await runStack("appgear", root)).recorded;
    const keys = (r: Recorded) => r.ofType("random:index/randomPassword:RandomPassword").map((k) => JSON.stringify([k.urn, k.inputs.length, k.inputs.special, k.protect]));
    expect(keys(changed).sort()).toEqual(keys(recorded).sort());
    expect(keys(recorded)).toHaveLength(15);
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
    expect(queries().map((t) => t.expr).join("\n")).toMatch(/litellm_proxy_total_requests_metric_total[\s\S]*litellm_proxy_failed_requests_metric_total[\s\S]*litellm_request_total_latency_metric_bucket/);
  });
});
