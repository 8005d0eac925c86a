/**
 * Seed 003 (AppGear) on K3s from `forja:appgear` alone: one Postgres with a
 * database per app, Redis, LiteLLM (LlmGateway) in front of Groq/OpenAI,
 * Flowise and n8n in the workload namespace; Prometheus and Grafana (with
 * the AppGear Monitor dashboard) in their own. Every NetworkPolicy admits
 * only the flows below, declared once here:
 *   flowise, n8n -> llm-gateway:4000 -> postgres:5432, redis:6379, HTTPS providers
 *   llm-gateway's migration Job -> postgres:5432; its key Job -> llm-gateway:4000
 *   flowise, n8n -> postgres:5432
 *   prometheus -> llm-gateway:4000 (/metrics/), n8n:5678, kubelets:10250, API server
 *   grafana -> prometheus:9090; Traefik -> the routed UIs
 *   flowise, n8n -> HTTPS anywhere, when listed in forja:appgear.internetEgress
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { restrictedNamespaceLabels, standardLabels } from "../../components/core";
import { Flowise } from "../../components/flowise";
import { Grafana } from "../../components/grafana";
import { LlmGateway } from "../../components/llm-gateway";
import { LLM_GATEWAY_DEFAULTS } from "../../components/llm-gateway/defaults";
import { databaseClientLabels } from "../../components/llm-gateway/values";
import { N8n } from "../../components/n8n";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { Peer } from "../../components/core/peer";
import { Postgres } from "../../components/postgres";
import { postgresUrl } from "../../components/postgres/values";
import { Prometheus } from "../../components/prometheus";
import { Redis } from "../../components/redis";
import { appSelector, deniedRoutePath, routeIngress, routeUrl } from "../../components/stateful-app/values";
import { podSelector as gatewaySelector } from "../../components/web-service/values";
import type { AppGearConfig } from "../config/appgear";
import { APPGEAR_NAMES, APPGEAR_PROMETHEUS_PORT, appgearGatewayModels, appgearMissingKeys, appgearResources, appgearRoute, appgearStorage, APPGEAR_DATABASES } from "../config/appgear";
import { appGearMonitor } from "./appgear-dashboard";

const GATEWAY_PORT = LLM_GATEWAY_DEFAULTS.port;
/** Seed 003's two LiteLLM replicas: their router state (rate-limit usage, cooldowns) is shared through the stack's Redis. */
const GATEWAY_REPLICAS = 2;
/**
 * The apps that call the gateway. This one list gives each its allow on the
 * gateway's ingress, its egress to the gateway and a virtual key (to paste
 * into its OpenAI credential): the two ends of the flow cannot disagree.
 */
const GATEWAY_CLIENTS = ["flowise", "n8n"] as const;
const N8N_PORT = 5678;
const PROMETHEUS_PORT = 9090;
const HTTPS: { cidr: string; ports: number[] } = { cidr: "0.0.0.0/0", ports: [443] };

/** The client pods, known before any is created (each component's selector is a pure function of its name): servers admit them up front. */
function appgearSelectors() {
  return {
    litellm: gatewaySelector(APPGEAR_NAMES.litellm),
    /** The gateway's pods and its migration Job's: both use the database. */
    litellmDatabase: databaseClientLabels(APPGEAR_NAMES.litellm),
    flowise: appSelector({ name: APPGEAR_NAMES.flowise, app: "flowise" }),
    n8n: appSelector({ name: APPGEAR_NAMES.n8n, app: "n8n" }),
    prometheus: appSelector({ name: APPGEAR_NAMES.prometheus, app: "prometheus" }),
    grafana: appSelector({ name: APPGEAR_NAMES.grafana, app: "grafana" }),
  };
}

/** The K3s Traefik pods (kube-system), as the gateway's Peer (which names a namespace). */
const TRAEFIK: Peer = { namespace: "kube-system", podLabels: { "app.kubernetes.io/name": "traefik" } };

export interface AppGearOutputs {
  namespaces: { apps: pulumi.Output<string>; observability: pulumi.Output<string> };
  urls: Record<string, pulumi.Output<string> | string>;
  grafanaAdminPassword: pulumi.Output<string>;
  gatewayMasterKey: pulumi.Output<string>;
  /** Virtual keys for Flowise and n8n (secrets), by app. */
  gatewayKeys: Record<string, pulumi.Output<string>>;
  models: string[];
}

export function composeAppGear(
  config: AppGearConfig,
  cluster: ClusterCapabilities,
  appsNamespace: k8s.core.v1.Namespace,
  appsNamespaceName: string,
  provider: pulumi.ProviderResource,
  project: string,
  production: boolean,
): AppGearOutputs {
  const sel = appgearSelectors();
  const apps = appsNamespace.metadata.name;
  const obsName = config.observabilityNamespace;
  const observability = new k8s.core.v1.Namespace(
    `${project}-observability-namespace`,
    { metadata: { name: obsName, labels: { ...standardLabels({ name: project, instance: obsName }), ...restrictedNamespaceLabels() } } },
    { provider, protect: production, retainOnDelete: production },
  );
  const opts = (dependsOn: pulumi.Resource[]): pulumi.ComponentResourceOptions => ({ providers: { kubernetes: provider }, dependsOn });
  const fromObservability = (podLabels: Record<string, string>): Peer => ({ namespaceLabels: { "kubernetes.io/metadata.name": obsName }, podLabels });

  const postgres = new Postgres(
    APPGEAR_NAMES.postgres,
    {
      cluster,
      namespace: apps,
      databases: APPGEAR_DATABASES.map((db) => ({ name: db.name, owner: db.owner, schemas: [...db.schemas] })),
      storageSize: appgearStorage(config, "postgres"),
      resources: appgearResources(config, "postgres"),
      clients: [{ podLabels: sel.litellmDatabase }, { podLabels: sel.flowise }, { podLabels: sel.n8n }],
      protect: true,
    },
    opts([appsNamespace]),
  );
  const redis = new Redis(
    APPGEAR_NAMES.redis,
    { cluster, namespace: apps, storageSize: appgearStorage(config, "redis"), resources: appgearResources(config, "redis"), clients: [{ podLabels: sel.litellm }], protect: true },
    opts([appsNamespace]),
  );
  const ownerSecret = (owner: string) => ({ name: postgres.ownerSecretNames.apply((names) => names[owner]), key: "password" });

  const gatewayRoute = appgearRoute(config, "litellm");
  const gateway = new LlmGateway(
    APPGEAR_NAMES.litellm,
    {
      cluster,
      namespace: apps,
      models: appgearGatewayModels(config),
      databaseUrl: pulumi.secret(pulumi.all([postgres.ownerPasswords, postgres.host]).apply(([passwords, host]) => postgresUrl("litellm", passwords.litellm, host, postgres.port, "litellm"))),
      database: { podLabels: postgres.podSelector },
      resources: appgearResources(config, "litellm"),
      replicas: GATEWAY_REPLICAS,
      redis: { url: redis.url, peer: { podLabels: redis.podSelector, ports: [redis.port] } },
      // Prometheus scrapes /metrics/ without a key; the AppGear Monitor's LiteLLM panels read it.
      metrics: { scrapers: [{ namespace: obsName, podLabels: sel.prometheus }] },
      keys: GATEWAY_CLIENTS.map((app) => ({ name: app })),
      clients: [...GATEWAY_CLIENTS.map((app) => ({ podLabels: sel[app] })), ...(gatewayRoute ? [TRAEFIK] : [])],
    },
    opts([postgres, redis]),
  );
  // On every preview and up, until the user sets them (the stack file ships none).
  for (const warning of appgearMissingKeys(config)) pulumi.log.warn(warning, gateway);
  if (gatewayRoute) {
    // LlmGateway has no route of its own: an Ingress to its Service (port "http"), on the cluster's class.
    const backend = { name: APPGEAR_NAMES.litellm, namespace: apps, cluster, portName: "http", labels: gateway.podSelector };
    new k8s.networking.v1.Ingress(`${APPGEAR_NAMES.litellm}-ingress`, routeIngress(backend, gatewayRoute), { parent: gateway });
    // /metrics/ answers without a key (for Prometheus, on the pods): closed on the route, /metrics and below.
    const guard = deniedRoutePath(backend, gatewayRoute, { path: "/metrics", pathType: "Prefix", role: "metrics" });
    const middleware = new k8s.apiextensions.CustomResource(`${APPGEAR_NAMES.litellm}-deny-metrics`, guard.middleware as k8s.apiextensions.CustomResourceArgs, { parent: gateway });
    new k8s.networking.v1.Ingress(`${APPGEAR_NAMES.litellm}-metrics-ingress`, guard.ingress, { parent: gateway, dependsOn: [middleware] });
  }
  // Same namespace: the gateway's pods on its port (the Peer shape of gateway.peer).
  const toGateway = { podLabels: gateway.podSelector, ports: [GATEWAY_PORT] };
  const egress = (app: "flowise" | "n8n") => [...((GATEWAY_CLIENTS as readonly string[]).includes(app) ? [toGateway] : []), ...(config.internetEgress.includes(app) ? [HTTPS] : [])];

  const flowise = new Flowise(
    APPGEAR_NAMES.flowise,
    {
      cluster,
      namespace: apps,
      database: { host: postgres.host, name: "flowise", user: "flowise", passwordSecret: ownerSecret("flowise"), peer: { podLabels: postgres.podSelector } },
      storageSize: appgearStorage(config, "flowise"),
      resources: appgearResources(config, "flowise"),
      egressTo: egress("flowise"),
      route: appgearRoute(config, "flowise"),
    },
    opts([postgres]),
  );
  const n8n = new N8n(
    APPGEAR_NAMES.n8n,
    {
      cluster,
      namespace: apps,
      database: { host: postgres.host, name: "n8n", user: "n8n", schema: "n8n", passwordSecret: ownerSecret("n8n"), peer: { podLabels: postgres.podSelector } },
      storageSize: appgearStorage(config, "n8n"),
      resources: appgearResources(config, "n8n"),
      clients: [fromObservability(sel.prometheus)],
      egressTo: egress("n8n"),
      route: appgearRoute(config, "n8n"),
    },
    opts([postgres]),
  );

  const prometheus = new Prometheus(
    APPGEAR_NAMES.prometheus,
    {
      cluster,
      namespace: observability.metadata.name,
      storageSize: appgearStorage(config, "prometheus"),
      resources: appgearResources(config, "prometheus"),
      servicePort: config.prometheus.servicePort ?? APPGEAR_PROMETHEUS_PORT,
      retentionTime: config.prometheus.retentionTime,
      retentionSize: config.prometheus.retentionSize,
      nodeCidrs: config.prometheus.nodeCidrs,
      targets: [
        // The serving pods only (not the Jobs'); /metrics is an ASGI mount that redirects to /metrics/.
        { job: "litellm", namespace: appsNamespaceName, podLabels: gateway.podSelector, port: GATEWAY_PORT, path: LLM_GATEWAY_DEFAULTS.metricsPath },
        { job: "n8n", namespace: appsNamespaceName, podLabels: n8n.podSelector, port: N8N_PORT },
      ],
      clients: [{ podLabels: sel.grafana }],
      protect: true,
    },
    opts([observability]),
  );
  const grafana = new Grafana(
    APPGEAR_NAMES.grafana,
    {
      cluster,
      namespace: observability.metadata.name,
      prometheus: { url: prometheus.url, peer: { podLabels: prometheus.podSelector }, port: PROMETHEUS_PORT },
      dashboards: [appGearMonitor(appsNamespaceName, obsName)],
      folder: "AppGear",
      storageSize: appgearStorage(config, "grafana"),
      resources: appgearResources(config, "grafana"),
      route: appgearRoute(config, "grafana"),
    },
    opts([observability]),
  );

  const urls: Record<string, pulumi.Output<string> | string> = { litellm: gateway.url, flowise: flowise.url, n8n: n8n.url, prometheus: prometheus.url, grafana: grafana.url };
  for (const [app, url] of Object.entries({ litellm: routeUrl(gatewayRoute), flowise: flowise.publicUrl, n8n: n8n.publicUrl, grafana: grafana.publicUrl })) {
    if (url) urls[`${app}Public`] = url;
  }
  return {
    namespaces: { apps, observability: observability.metadata.name },
    urls,
    grafanaAdminPassword: grafana.adminPassword,
    gatewayMasterKey: gateway.masterKey,
    gatewayKeys: gateway.keys,
    models: gateway.modelNames,
  };
}
