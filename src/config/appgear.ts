/**
 * `forja:appgear` and `forja:appgearApiKeys`: seed 003's stack (Postgres,
 * Redis, LiteLLM, Flowise, n8n, Prometheus, Grafana) on k3s. Defaults are
 * the seed's numbers; the components check the rest.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { parseCidr } from "../../components/core/network";
import { hostReason, namespaceReason, quantityReason } from "../../components/core/validate";
import type { Target } from "./base";
import type { ForjaArgumentError } from "../../components/core/errors";
import { validateFlowise } from "../../components/flowise/values";
import { validateGrafana } from "../../components/grafana/values";
import type { GatewayModelArgs } from "../../components/llm-gateway";
import { gatewayService, validateLlmGateway } from "../../components/llm-gateway/values";
import { validateN8n } from "../../components/n8n/values";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { IngressController } from "../../components/platform/capabilities";
import { validatePrometheus } from "../../components/prometheus/values";
import { validateWebService } from "../../components/web-service/values";
import { componentProblems, problem } from "./issues";

const quantity = z.string().refine((q) => quantityReason(q) === undefined, 'expected a Kubernetes quantity such as "250m" or "512Mi"');
const resources = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
  })
  .strict();
const route = z
  .object({
    /** Host name of the UI. */
    host: z.string().refine((h) => hostReason(h) === undefined, "expected a host name such as flowise.example.com"),
  })
  .strict();

/** The apps of the stack, by config name. */
export const APPGEAR_APPS = ["postgres", "redis", "litellm", "flowise", "n8n", "prometheus", "grafana"] as const;
export type AppGearApp = (typeof APPGEAR_APPS)[number];
/** Apps with a web UI a route can reach. */
export const APPGEAR_ROUTED = ["litellm", "flowise", "n8n", "grafana"] as const;
/** Apps whose workflows may call HTTPS APIs on the internet when listed in internetEgress. */
export const APPGEAR_EGRESS_APPS = ["flowise", "n8n"] as const;
/** Hosted model APIs, each reached through LiteLLM's OpenAI-compatible backend. */
export const APPGEAR_PROVIDERS = { groq: "https://api.groq.com/openai/v1", openai: "https://api.openai.com/v1" } as const;
export type AppGearProvider = keyof typeof APPGEAR_PROVIDERS;

/**
 * Seed 003's requests and limits, the default preset. LiteLLM's are per
 * replica (the seed gave 500m/512Mi to 2Gi for its two). Postgres and Redis
 * take no CPU limit (they throttle instead of failing).
 */
export const APPGEAR_SEED_RESOURCES: Record<AppGearApp, { requests: { cpu: string; memory: string }; limits: { cpu?: string; memory: string } }> = {
  postgres: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  redis: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  litellm: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  flowise: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
  n8n: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  prometheus: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
  grafana: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
};

/** Seed 003's volumes (35Gi in all, Grafana's 5Gi beside). */
export const APPGEAR_SEED_STORAGE: Record<Exclude<AppGearApp, "litellm">, string> = { postgres: "10Gi", redis: "5Gi", flowise: "5Gi", n8n: "5Gi", prometheus: "10Gi", grafana: "5Gi" };

/** A map keyed by app name: only those apps, each optional. */
const perApp = <T extends z.ZodType>(schema: T, apps: readonly [string, ...string[]]) => z.partialRecord(z.enum(apps), schema);

export const appgearSection = z
  .object({
    /** Namespace of Prometheus and Grafana (the apps run in forja:namespace). @default "observability" */
    observabilityNamespace: z.string().default("observability"),
    /** Models LiteLLM serves: { name, provider: groq | openai, model }; the provider's key goes in forja:appgearApiKeys. */
    models: z
      .array(
        z
          .object({
            /** The name clients ask for. */
            name: z.string().min(1),
            /** Hosted API: groq or openai. */
            provider: z.enum(Object.keys(APPGEAR_PROVIDERS) as [AppGearProvider, ...AppGearProvider[]]),
            /** The provider's model id, e.g. llama-3.3-70b-versatile. */
            model: z.string().min(1),
          })
          .strict(),
      )
      .min(1, "expected at least one model"),
    /** Traefik routes per UI (litellm, flowise, n8n, grafana): { host }. @default none (kubectl port-forward) */
    routes: perApp(route, APPGEAR_ROUTED).default({}),
    /** HTTPS on every route: a TLS Secret present in both namespaces, or a cert-manager ClusterIssuer. @default plain HTTP */
    tls: z
      .object({
        /** A TLS Secret (wildcard or multi-host certificate) in forja:namespace and the observability namespace. @default unset */
        secretName: z.string().min(1).optional(),
        /** cert-manager ClusterIssuer: one certificate per route. @default unset */
        clusterIssuer: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Apps (flowise, n8n) allowed HTTPS to the internet for their workflows. @default ["n8n"] */
    internetEgress: z.array(z.enum(APPGEAR_EGRESS_APPS)).default(["n8n"]),
    /** Volume sizes per app. @default the seed's: postgres 10Gi, redis 5Gi, flowise 5Gi, n8n 5Gi, prometheus 10Gi, grafana 5Gi */
    storage: perApp(quantity, Object.keys(APPGEAR_SEED_STORAGE) as [string, ...string[]]).default({}),
    /** Requests and limits per app ({ requests: { cpu, memory }, limits: { memory, cpu? } }). @default the seed's numbers */
    resources: perApp(resources, APPGEAR_APPS).default({}),
    /** Prometheus. @default see below */
    prometheus: z
      .object({
        /** Service port (the seed's 9099). @default 9099 */
        servicePort: z.number().int().min(1).max(65535).optional(),
        /** @default "15d" */
        retentionTime: z.string().optional(),
        /** @default 80% of the volume */
        retentionSize: z.string().optional(),
        /** The nodes' addresses (kubelet 10250, API server 6443). @default the private IPv4 ranges */
        nodeCidrs: z.array(z.string()).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type AppGearConfig = z.output<typeof appgearSection> & {
  /** forja:appgearApiKeys as secrets, by provider. */
  apiKeys: Partial<Record<AppGearProvider, pulumi.Output<string>>>;
};

/** Keys of the hosted APIs (secret): { groq: ..., openai: ... }. */
export const appgearApiKeysSection = z.partialRecord(z.enum(Object.keys(APPGEAR_PROVIDERS) as [AppGearProvider, ...AppGearProvider[]]), z.string().min(1));

/** Rules across keys: the target, the namespaces, model names, the CIDRs. */
export function appgearProblems(section: z.output<typeof appgearSection> | undefined, target: Target, workloadNamespace: string, apiKeys: Partial<Record<string, string>> | undefined): string[] {
  if (section === undefined) return apiKeys === undefined ? [] : ["forja:appgearApiKeys is set but forja:appgear is not: the keys are for AppGear's models"];
  if (target !== "k3s") return [`forja:appgear is set but forja:target is "${target}": AppGear runs on the k3s target`];
  const problems: string[] = [];
  const reason = namespaceReason(section.observabilityNamespace);
  if (reason) problems.push(problem("forja:appgear.observabilityNamespace", section.observabilityNamespace, reason));
  else if (section.observabilityNamespace === workloadNamespace) {
    problems.push(problem("forja:appgear.observabilityNamespace", section.observabilityNamespace, `a namespace other than forja:namespace ("${workloadNamespace}"): Prometheus and Grafana are kept apart from the apps`));
  }
  const names = new Set<string>();
  section.models.forEach((model, i) => {
    if (names.has(model.name)) problems.push(problem(`forja:appgear.models[${i}].name`, model.name, "a name no other model uses"));
    names.add(model.name);
  });
  (section.prometheus.nodeCidrs ?? []).forEach((cidr, i) => {
    if (!parseCidr(cidr)) problems.push(problem(`forja:appgear.prometheus.nodeCidrs[${i}]`, cidr, "a CIDR such as 192.168.1.0/24 (where the nodes are)"));
  });
  if (section.tls?.secretName !== undefined && section.tls.clusterIssuer !== undefined) {
    problems.push(problem("forja:appgear.tls", section.tls, "either secretName or clusterIssuer: cert-manager writes each route's own Secret"));
  }
  if (section.tls !== undefined && Object.keys(section.routes).length === 0) problems.push(problem("forja:appgear.tls", section.tls, "routes to serve over TLS (forja:appgear.routes)"));
  return problems;
}

/**
 * Providers whose models have no key yet. Not an error: the stack file ships
 * without keys (only `pulumi config set --secret` can encrypt them for the
 * stack), so the stack deploys and those models fail until the key is set.
 */
export function appgearMissingKeys(config: AppGearConfig): string[] {
  const providers = [...new Set(config.models.map((m) => m.provider))].filter((provider) => config.apiKeys[provider] === undefined);
  return providers.map((provider) => {
    const models = config.models.filter((m) => m.provider === provider).map((m) => m.name);
    return `forja:appgearApiKeys.${provider} is not set: the gateway serves ${models.join(", ")} without a key, and ${provider} refuses every call, until you run \`pulumi config set --secret --path 'appgearApiKeys.${provider}' ...\` and \`pulumi up\``;
  });
}

/** Component instance names: each is also its Service's DNS name. Not `redis` or `litellm`: a Service injects <NAME>_PORT into the gateway's pods, and LiteLLM reads REDIS_*. */
export const APPGEAR_NAMES = { postgres: "appgear-postgres", redis: "appgear-redis", litellm: "llm-gateway", flowise: "flowise", n8n: "n8n", prometheus: "prometheus", grafana: "grafana" } as const;

/** One Postgres, a database and owner per app; n8n in a schema of its own (the seed's isolation). */
export const APPGEAR_DATABASES = [
  { name: "litellm", owner: "litellm", schemas: [] as string[] },
  { name: "flowise", owner: "flowise", schemas: [] as string[] },
  { name: "n8n", owner: "n8n", schemas: ["n8n"] },
] as const;

/** Seed 003's Prometheus Service port (9090 clashed with an agent on the seed's host). */
export const APPGEAR_PROMETHEUS_PORT = 9099;

/** Requests and limits of an app: the config's, else the seed's. */
export function appgearResources(config: AppGearConfig, app: AppGearApp) {
  return (config.resources as Partial<Record<AppGearApp, (typeof APPGEAR_SEED_RESOURCES)[AppGearApp]>>)[app] ?? APPGEAR_SEED_RESOURCES[app];
}

export function appgearStorage(config: AppGearConfig, app: keyof typeof APPGEAR_SEED_STORAGE): string {
  return (config.storage as Partial<Record<string, string>>)[app] ?? APPGEAR_SEED_STORAGE[app];
}

/** The gateway's models: every provider through LiteLLM's OpenAI-compatible backend, with its key when set. */
export function appgearGatewayModels(config: AppGearConfig): GatewayModelArgs[] {
  return config.models.map((m) => ({ name: m.name, backend: "openai" as const, model: m.model, apiBase: APPGEAR_PROVIDERS[m.provider], apiKey: config.apiKeys[m.provider] }));
}

/** The route of a UI with the stack's TLS, or undefined. */
export function appgearRoute(config: AppGearConfig, app: (typeof APPGEAR_ROUTED)[number]) {
  const route = (config.routes as Partial<Record<string, { host: string }>>)[app];
  if (!route) return undefined;
  return { host: route.host, tlsSecretName: config.tls?.secretName, clusterIssuer: config.tls?.clusterIssuer };
}

/** The components' own rules on the args the program passes, under the stack keys that set them. */
export function appgearComponentProblems(config: AppGearConfig, cluster: ClusterCapabilities, namespace: string, isSecret: (path: string) => boolean): string[] {
  const later = "known once the cluster exists";
  const peer = { podLabels: { "app.kubernetes.io/name": later.replace(/ /g, "-") } };
  const database = { host: later, name: "app", user: "app", passwordSecret: { name: later, key: "password" }, peer };
  const common = (app: "flowise" | "n8n" | "grafana" | "prometheus") => ({ cluster, namespace, storageSize: appgearStorage(config, app), resources: appgearResources(config, app) });
  const keys = (app: string): [string, string][] => [
    ["", "forja:appgear"],
    ["storageSize", `forja:appgear.storage.${app}`],
    ["resources", `forja:appgear.resources.${app}`],
    ["route", `forja:appgear.routes.${app}`],
    ["cluster", "forja:k3s"],
  ];
  const prometheusKeys: [string, string][] = ["retentionTime", "retentionSize", "nodeCidrs", "servicePort"].map((key) => [key, `forja:appgear.prometheus.${key}`]);
  const gateway = {
    cluster,
    namespace,
    models: appgearGatewayModels(config),
    databaseUrl: "postgresql://known-once-the-cluster-exists",
    database: peer,
    resources: appgearResources(config, "litellm"),
    redis: { url: "redis://known-once-the-cluster-exists", peer },
  };
  const checks: [() => void, [string, string][]][] = [
    [() => validateWebService(APPGEAR_NAMES.litellm, gatewayService(gateway, validateLlmGateway(APPGEAR_NAMES.litellm, gateway), {}, APPGEAR_NAMES.litellm)), [...keys("litellm"), ["models", "forja:appgear.models"]]],
    [() => validateFlowise(APPGEAR_NAMES.flowise, { ...common("flowise"), database, route: appgearRoute(config, "flowise") }), keys("flowise")],
    [() => validateN8n(APPGEAR_NAMES.n8n, { ...common("n8n"), database: { ...database, schema: "n8n" }, route: appgearRoute(config, "n8n") }), keys("n8n")],
    [() => validatePrometheus(APPGEAR_NAMES.prometheus, { ...common("prometheus"), namespace: config.observabilityNamespace, ...config.prometheus }), [...keys("prometheus"), ...prometheusKeys]],
    [() => validateGrafana(APPGEAR_NAMES.grafana, { ...common("grafana"), namespace: config.observabilityNamespace, prometheus: { url: later, peer, port: 9090 }, route: appgearRoute(config, "grafana") }), keys("grafana")],
  ];
  const gatewayRoute = appgearRoute(config, "litellm");
  // LiteLLM's /metrics/ answers without a key (for Prometheus): only a Traefik route can close it.
  const routeProblems =
    gatewayRoute && cluster.ingress.controller !== IngressController.Traefik
      ? [problem("forja:appgear.routes.litellm", gatewayRoute.host, `no route on a ${cluster.ingress.controller} ingress: LiteLLM serves /metrics/ without a key, and only Traefik gets the middleware that closes it on the route`)]
      : [];
  const componentChecks = checks.flatMap(([check, table]) => {
    try {
      check();
      return [];
    } catch (error) {
      if ((error as ForjaArgumentError).name !== "ForjaArgumentError") throw error;
      // CIDRs are reported by appgearProblems with the stack's own wording.
      return componentProblems([error as ForjaArgumentError], table, isSecret, (argument) => argument.startsWith("nodeCidrs"));
    }
  });
  return [...routeProblems, ...componentChecks];
}
