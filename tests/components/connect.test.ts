/**
 * The composition a new user writes first: K3sCluster + Postgres + Redis +
 * Ollama + LlmGateway + WebService. With `connect`, the NetworkPolicies admit
 * exactly the declared traffic; without it (servers' defaults, clients'
 * declared egress), the program is refused with both sides named.
 */
import { connect } from "../../components/core/connect";
import type { Connection } from "../../components/core/connect";
import type { Peer } from "../../components/core/peer";
import { LlmGateway } from "../../components/llm-gateway";
import { Ollama } from "../../components/ollama";
import { K3sCluster } from "../../components/platform/k3s";
import { Postgres } from "../../components/postgres";
import { Redis } from "../../components/redis";
import { WebService } from "../../components/web-service";
import { unadmittedEgress } from "../../components/testing/network";
import type { RenderedKubernetesObject } from "../../components/testing/network";
import { record } from "../harness";
import type { Recorded } from "../harness";
import { allowedFlows } from "../stacks/network-flows";
import type { FlowPod } from "../stacks/network-flows";

const DATA = "data";
const AI = "ai";
const APPS = "apps";
const at = (name: string, namespace: string) => ({ name, namespace });
const db = at("db", DATA);
const cache = at("cache", DATA);
const ollama = at("ollama", AI);
const gateway = at("gateway", AI);
const api = at("api", APPS);

let serverPeers: Record<string, Peer> = {};

/** Builds the six; `linked` wires every pair with connect, else each server keeps its default clients. */
function compose(linked: boolean): void {
  const cluster = new K3sCluster("dev", { kubeconfig: "apiVersion: v1\nkind: Config", context: "k3s" });
  const opts = { providers: { kubernetes: cluster.provider } };
  const capabilities = cluster.capabilities;
  const gatewayToDb = connect(gateway, db, [5432]);
  const gatewayToCache = connect(gateway, cache, [6379]);
  const apiToCache = connect(api, cache, [6379]);
  const gatewayToOllama = connect(gateway, ollama, [11434]);
  const apiToGateway = connect(api, gateway, [4000]);
  const clients = (...links: Connection[]): { clients?: Peer[] } => (linked ? { clients: links.map((l) => l.ingress) } : {});

  const postgres = new Postgres(db.name, { cluster: capabilities, namespace: DATA, databases: [{ name: "litellm", owner: "gateway" }], protect: false, ...clients(gatewayToDb) }, opts);
  const redis = new Redis(cache.name, { cluster: capabilities, namespace: DATA, protect: false, ...clients(gatewayToCache, apiToCache) }, opts);
  const model = new Ollama(ollama.name, { cluster: capabilities, namespace: AI, models: ["qwen2.5:0.5b"], protect: false, ...clients(gatewayToOllama) }, opts);
  const llm = new LlmGateway(
    gateway.name,
    {
      cluster: capabilities,
      namespace: AI,
      models: [{ name: "qwen", backend: "ollama", model: "qwen2.5:0.5b", apiBase: model.url }],
      databaseUrl: postgres.connectionUrls.apply((urls) => urls.gateway),
      // The server's clientPeer is the same peer connect's egress half is.
      database: linked ? gatewayToDb.egress : postgres.clientPeer,
      redis: { url: redis.url, peer: linked ? gatewayToCache.egress : redis.clientPeer },
      egressTo: [linked ? gatewayToOllama.egress : model.clientPeer],
      keys: [{ name: "api" }],
      ...clients(apiToGateway),
    },
    opts,
  );
  new WebService(
    api.name,
    {
      cluster: capabilities,
      namespace: APPS,
      image: "ghcr.io/example/api:1.0.0",
      port: 8080,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
      secretEnv: { REDIS_URL: redis.url, GENAI_API_KEY: llm.keys.api },
      networkPolicy: { egressTo: linked ? [apiToGateway.egress, apiToCache.egress] : [llm.clientPeer, redis.clientPeer] },
    },
    opts,
  );
  serverPeers = { db: postgres.clientPeer, cache: redis.clientPeer, ollama: model.clientPeer, gateway: llm.clientPeer };
}

function objects(recorded: Recorded): RenderedKubernetesObject[] {
  return recorded.kubernetesObjects();
}

/** Each workload's pods, as the flow analysis takes them. */
function flowPods(all: RenderedKubernetesObject[]): FlowPod[] {
  return all.flatMap((o) => {
    const template = (o.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { ports?: { containerPort: number }[] }[] } } } | undefined)?.template;
    if (!["Deployment", "StatefulSet", "Job"].includes(o.kind) || !template) return [];
    const ports = (template.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
    return [{ name: `${o.kind}/${o.metadata.namespace}/${o.metadata.name.replace(/-[0-9a-f]{8}$/, "")}`, namespace: o.metadata.namespace as string, labels: template.metadata?.labels ?? {}, ports }];
  });
}

describe("connect: K3sCluster + Postgres + Redis + Ollama + LlmGateway + WebService", () => {
  let linked: Recorded;
  let unlinked: Recorded;
  beforeAll(async () => {
    linked = await record(() => compose(true));
    unlinked = await record(() => compose(false));
  }, 120_000);

  it("admits exactly the declared traffic between every pair, and the components' own Jobs", () => {
    const all = objects(linked);
    const policies = all.filter((o) => o.kind === "NetworkPolicy");
    expect(allowedFlows(flowPods(all), policies, {})).toEqual([
      "Deployment/ai/gateway -> StatefulSet/ai/ollama:11434",
      "Deployment/ai/gateway -> StatefulSet/data/cache:6379",
      "Deployment/ai/gateway -> StatefulSet/data/db:5432",
      "Deployment/apps/api -> Deployment/ai/gateway:4000",
      "Deployment/apps/api -> StatefulSet/data/cache:6379",
      "Job/ai/gateway-keys -> Deployment/ai/gateway:4000",
      "Job/ai/gateway-migrate -> StatefulSet/data/db:5432",
      "Job/data/db-setup -> StatefulSet/data/db:5432",
    ]);
    expect(linked.networkProblems()).toEqual([]);
  });

  it("without connect, refuses every declared egress its server does not admit, naming both sides", () => {
    const problems = unlinked.networkProblems();
    const pairs = problems.map((p) => /^(\S+ \S+) declares egress to (\S+ \S+) on port (\d+)/.exec(p)?.slice(1).join(" -> "));
    expect(pairs).toEqual([
      "Deployment ai/gateway -> StatefulSet ai/ollama -> 11434",
      "Deployment ai/gateway -> StatefulSet data/cache -> 6379",
      "Deployment ai/gateway -> StatefulSet data/db -> 5432",
      "Deployment apps/api -> Deployment ai/gateway -> 4000",
      "Deployment apps/api -> StatefulSet data/cache -> 6379",
      expect.stringMatching(/^Job ai\/gateway-migrate-?\S* -> StatefulSet data\/db -> 5432$/),
    ]);
    expect(problems[0]).toMatch(/does not admit it \(NetworkPolicy ai\/ollama\): add the client to the server's clients, e\.g\. with connect\(client, server, \[11434\]\)$/);
  });

  it("judges only pods it names: egress to every pod, or to pods the program does not run, is no promise", () => {
    const policy = (egress: unknown[]): RenderedKubernetesObject => ({ kind: "NetworkPolicy", metadata: { name: "a", namespace: "x" }, spec: { podSelector: { matchLabels: { app: "a" } }, policyTypes: ["Egress"], egress } });
    const pod = (app: string, port: number): RenderedKubernetesObject => ({ kind: "Deployment", metadata: { name: app, namespace: "x" }, spec: { template: { metadata: { labels: { app } }, spec: { containers: [{ ports: [{ containerPort: port }] }] } } } });
    const closed: RenderedKubernetesObject = { kind: "NetworkPolicy", metadata: { name: "b", namespace: "x" }, spec: { podSelector: { matchLabels: { app: "b" } }, policyTypes: ["Ingress"], ingress: [] } };
    expect(unadmittedEgress([pod("a", 80), pod("b", 80), closed, policy([{ ports: [{ protocol: "TCP", port: 80 }] }])])).toEqual([]);
    expect(unadmittedEgress([pod("a", 80), pod("b", 80), closed, policy([{ to: [{ podSelector: { matchLabels: { app: "kube-dns" } } }] }])])).toEqual([]);
    expect(unadmittedEgress([pod("a", 80), pod("b", 80), closed, policy([{ to: [{ podSelector: { matchLabels: { app: "b" } } }], ports: [{ protocol: "TCP", port: 81 }] }])])).toEqual([]);
    expect(unadmittedEgress([pod("a", 80), pod("b", 80), closed, policy([{ to: [{ podSelector: { matchLabels: { app: "b" } } }] }])])).toEqual([
      "Deployment x/a declares egress to Deployment x/b on port 80 (NetworkPolicy x/a), but Deployment x/b does not admit it (NetworkPolicy x/b): add the client to the server's clients, e.g. with connect(client, server, [80])",
    ]);
  });

  it("gives each server's clientPeer as the egress half connect makes from names alone", () => {
    expect(serverPeers).toEqual({
      db: connect(gateway, db, [5432]).egress,
      cache: connect(gateway, cache, [6379]).egress,
      ollama: connect(gateway, ollama, [11434]).egress,
      gateway: connect(api, gateway, [4000]).egress,
    });
    expect(connect(gateway, db, [5432])).toEqual({
      ingress: { namespace: "ai", podLabels: { "app.kubernetes.io/instance": "gateway" }, ports: [5432] },
      egress: { namespace: "data", podLabels: { "app.kubernetes.io/instance": "db" }, ports: [5432] },
    });
  });
});
