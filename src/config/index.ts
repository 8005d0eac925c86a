/**
 * The one reader of stack configuration. Everything below `components/` takes
 * typed args; this folder turns `Pulumi.<stack>.yaml` into them. One file per
 * section; each takes its defaults and enums from the component it
 * configures, runs that component's own validator on the args the program
 * will pass, and reports every problem at once under its stack key.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { mirrorMap, nodePullThroughPolicy } from "../../components/image-mirror/values";
import { imageMirrorProblems } from "../../components/image-mirror/validate";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { eksCapabilities } from "../../components/platform/eks/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { aciProblems, aciSection, mongoComponentProblems } from "./aci";
import { DEFAULT_NAMESPACE, TARGETS, baseKeys, baseProblems, stackTags } from "./base";
import type { BaseConfig, Target } from "./base";
import { certificateAccountProblems, eksClusterArgs, eksProblems, eksSection, imageMirrorArgs, mirrorEscapes, registryCredentialsSchema, resolveEks } from "./eks";
import type { EksStackConfig, RegistryCredential } from "./eks";
import type { ForjaArgumentError } from "../../components/core/errors";
import { escapeInvisible } from "../../components/core/errors";
import { StackConfigError, componentProblem, configPath, describeIssue, isWithin, problemKey, stackKeyOf, unknownKeyHint } from "./issues";
import { k3sClusterArgs, k3sProblems, k3sSection } from "./k3s";
import { SECRET_KEYS, plainCredentials, secretPredicate, secretProblems } from "./secrets";
import { routeProblems, serviceProblems, serviceSchema, serviceSecretProblems, webServiceArgs } from "./services";
import type { ServiceConfig, ServiceSpec } from "./services";
import type { ConfigSource } from "./source";
import { parseValue } from "./source";
import { parseYaml, stackConfig, stackFilePath } from "./stack-file";
import { genaiProblems, genaiSection } from "./genai";
import { milvusArgs, milvusComponentProblems, milvusSection, milvusTargetProblems } from "./milvus";
import { ollamaProblems, ollamaSection } from "./ollama";
import { airflowComponentProblems, airflowProblems, airflowSection } from "./airflow";
import { appgearApiKeysSection, appgearComponentProblems, appgearProblems, appgearSection } from "./appgear";
import { mlplatformComponentProblems, mlplatformDeployKeySection, mlplatformProblems, mlplatformSection } from "./mlplatform";
import { COMPONENT_SECTIONS } from "./sections";
import type { SectionInput } from "./sections";

export { TARGETS, ENVIRONMENTS, stackTags } from "./base";
export type { Target, Environment, BaseConfig } from "./base";
export { StackConfigError } from "./issues";
export { SECRET_KEYS } from "./secrets";
export { UPSTREAM_NAMES, clusterKeys, eksClusterArgs, imageMirrorArgs, mirrorKeys } from "./eks";
export type { EksStackConfig } from "./eks";
export { k3sClusterArgs } from "./k3s";
export type { K3sStackConfig } from "./k3s";
export { resourceGroupName } from "./aci";
export type { AciStackConfig } from "./aci";
export { serviceKeys, webServiceArgs } from "./services";
export { milvusArgs } from "./milvus";
export type { MilvusConfig } from "./milvus";
export type { OllamaConfig } from "./ollama";
export type { AirflowConfig } from "./airflow";
export type { AppGearConfig } from "./appgear";
export type { MlPlatformConfig } from "./mlplatform";
export type { ServiceConfig, ServiceSpec } from "./services";
export type { ConfigSource } from "./source";
export { StackFileError, parseYaml, stackConfig, stackFilePath } from "./stack-file";

/** The whole `forja:` namespace; exported so docs/generate.ts can document every key. */
export const forjaSchema = z
  .object({
    ...baseKeys,
    k3s: k3sSection.optional(),
    eks: eksSection.optional(),
    aci: aciSection.optional(),
    /** kubeconfig content for k3s (secret). @default unset */
    kubeconfig: z.string().min(1).optional(),
    /** WebServices to run, by name (k3s and eks). @default {} */
    services: z.record(z.string(), serviceSchema).default({}),
    /** Secret env values per service: { <service>: { <VAR>: <value> } } (secret). @default {} */
    serviceSecrets: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    registryCredentials: registryCredentialsSchema,
    /** A MilvusCluster (k3s and eks). @default unset (none) */
    milvus: milvusSection.optional(),
    /** Ollama in the workload namespace (k3s and eks). @default unset */
    ollama: ollamaSection.optional(),
    /** How workloads reach a model (see src/config/genai.ts). @default none */
    genai: genaiSection.optional(),
    /** Key for an openai-compatible GenAI server (secret). @default unset */
    genaiApiKey: z.string().min(1).optional(),
    /** Airflow on the cluster (k3s and eks). @default unset (no Airflow) */
    airflow: airflowSection.optional(),
    /** Seed 003's AppGear stack (k3s). @default unset (none) */
    appgear: appgearSection.optional(),
    /** Keys of AppGear's hosted model APIs, by provider (secret). @default unset */
    appgearApiKeys: appgearApiKeysSection.optional(),
    /** Seed 004's ML platform: Istio, cert-manager, KubeRay, monitoring, Argo CD, MLflow and the anomaly detector (k3s and eks). @default unset (none) */
    mlplatform: mlplatformSection.optional(),
    /** The ML platform's Argo CD deploy key, private half in OpenSSH form (secret). @default unset */
    mlplatformDeployKey: mlplatformDeployKeySection.optional(),
  })
  .strict();
type Parsed = z.output<typeof forjaSchema>;
type Key = keyof Parsed;

export type { StackConfig } from "./stack-config";
import type { StackConfig } from "./stack-config";

/** Turns a secret config value into what the program holds: a Pulumi secret (or, while validating, the value itself). */
type Wrap = (value: string) => pulumi.Output<string>;

/** The result of parsing config: typed where it parsed; raw where it did not, so components still check what they can. */
interface ParseResult {
  parsed: Partial<Parsed>;
  /** Keys (`eks`, `services.api`) whose value did not parse: only their components' garbage-proof validators see them. */
  invalid: Set<string>;
  /** Stack paths zod already reported: a component's problem there would say it twice. */
  reported: string[];
}

/** Removes the values zod refused (a whole list when an item is bad), so the rest can still take its defaults. */
function withoutRefused(value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const issue of issues) {
    const cut = issue.path.findIndex((segment) => typeof segment === "number");
    const path = (cut < 0 ? issue.path : issue.path.slice(0, cut)).map(String);
    const keys = issue.code === "unrecognized_keys" && cut < 0 ? issue.keys.map((k) => [...path, k]) : [path];
    for (const target of keys) {
      if (target.length === 0) continue;
      const parent = target.slice(0, -1).reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), copy);
      if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[target[target.length - 1]];
    }
  }
  return copy;
}

/** Parses one value; on failure, reports it and hands back the best-effort value for the components to check. */
function parseLeniently(schema: z.ZodType, value: unknown, key: string, isSecret: (path: string) => boolean, problems: string[], result: ParseResult, id: string): unknown {
  const first = schema.safeParse(value, { reportInput: true });
  if (first.success) return first.data;
  result.invalid.add(id);
  for (const issue of first.error.issues) {
    problems.push(...describeIssue(key, issue, isSecret, schema));
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    result.reported.push(...keys.map((path) => configPath([key, ...path])));
  }
  if (value === null || typeof value !== "object") return undefined;
  const second = schema.safeParse(withoutRefused(value, first.error.issues));
  return second.success ? second.data : value;
}

/** Every key parsed on its own, so one bad section never hides another's problems. */
function parseKeys(raw: Record<string, unknown>, isSecret: (path: string) => boolean, problems: string[]): ParseResult {
  const shape = forjaSchema.shape;
  const result: ParseResult = { parsed: {}, invalid: new Set(), reported: [] };
  const parsed = result.parsed as Record<string, unknown>;
  for (const key of Object.keys(raw)) if (!(key in shape)) problems.push(`forja:${key} is not a known key${unknownKeyHint(key, Object.keys(shape))}`);
  for (const key of Object.keys(shape) as Key[]) {
    if (key === "services") parsed.services = parseServices(raw.services, isSecret, problems, result);
    else parsed[key] = parseLeniently(shape[key], raw[key], `forja:${key}`, isSecret, problems, result, key);
  }
  return result;
}

/** Each service on its own: a bad one is reported, the others still validated. */
function parseServices(value: unknown, isSecret: (path: string) => boolean, problems: string[], result: ParseResult): Record<string, ServiceConfig> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    result.invalid.add("services");
    problems.push(`forja:services = ${JSON.stringify(value)}: expected a map of service name to its settings`);
    return {};
  }
  const services: Record<string, ServiceConfig> = {};
  for (const [name, spec] of Object.entries(value)) {
    const key = configPath(["forja:services", name]);
    const parsed = parseLeniently(serviceSchema, spec, key, isSecret, problems, result, `services.${name}`);
    if (parsed !== undefined) services[name] = parsed as ServiceConfig;
  }
  return services;
}

function serviceSpecs(services: Record<string, ServiceConfig>, secrets: Record<string, Record<string, string>>, wrap: Wrap): Record<string, ServiceSpec> {
  return Object.fromEntries(
    Object.entries(services).map(([name, { secretEnv, ...spec }]) => {
      const names = Array.isArray(secretEnv) ? secretEnv : [];
      const values = secrets[name] ?? {};
      return [name, { ...spec, secretEnv: Object.fromEntries(names.filter((v) => values[v] !== undefined).map((v) => [v, wrap(values[v])])) }];
    }),
  );
}

interface Context {
  source: ConfigSource;
  parsed: Partial<Parsed>;
  /** Keys that did not parse (see ParseResult). */
  invalid: Set<string>;
  base: BaseConfig;
  region?: string;
  location?: string;
}

/** The typed config of `target`. */
function build(target: Target, c: Context, wrap: Wrap): StackConfig {
  const { parsed } = c;
  const genai = parsed.genai === undefined ? undefined : { ...parsed.genai, apiKey: parsed.genaiApiKey === undefined ? undefined : wrap(parsed.genaiApiKey) };
  const base = { ...c.base, genai };
  const services = serviceSpecs(parsed.services ?? {}, parsed.serviceSecrets ?? {}, wrap);
  const { milvus, ollama, airflow } = parsed;
  const mlplatform = parsed.mlplatform === undefined ? undefined : { ...parsed.mlplatform, deployKey: parsed.mlplatformDeployKey === undefined ? undefined : wrap(parsed.mlplatformDeployKey) };
  switch (target) {
    case "k3s": {
      const keys = parsed.appgearApiKeys ?? {};
      const appgear = parsed.appgear === undefined ? undefined : { ...parsed.appgear, apiKeys: Object.fromEntries(Object.entries(keys).map(([provider, key]) => [provider, wrap(key as string)])) };
      return { ...base, target, services, milvus, ollama, airflow, appgear, mlplatform, k3s: parsed.k3s ?? k3sSection.parse({}), kubeconfig: parsed.kubeconfig === undefined ? undefined : wrap(parsed.kubeconfig) };
    }
    case "eks": {
      // Without the section or the region, a stand-in keeps the services checkable; the gap is reported on its own.
      const section = parsed.eks ?? eksSection.parse({ accountId: "" });
      const registryCredentials: Partial<Record<string, RegistryCredential>> = {};
      for (const [upstream, credential] of Object.entries(parsed.registryCredentials ?? {})) {
        if (credential) registryCredentials[upstream] = { username: wrap(credential.username), accessToken: wrap(credential.accessToken) };
      }
      return { ...base, target, services, milvus, ollama, airflow, mlplatform, region: c.region ?? "", eks: resolveEks(section, c.region ?? "", base.environment === "production"), registryCredentials };
    }
    case "aci":
      return { ...base, target, location: c.location ?? "", aci: parsed.aci ?? aciSection.parse({}) };
  }
}

/** Problems that need the target: sections of other targets, missing required keys. */
function targetProblems(target: Target, raw: Record<string, unknown>, c: Context): string[] {
  const problems: string[] = [];
  const given = (key: string) => raw[key] !== undefined && !(typeof raw[key] === "object" && raw[key] !== null && Object.keys(raw[key] as object).length === 0);
  if (target === "eks" && !c.region) problems.push("aws:region is missing: expected the AWS region for the EKS target, e.g. us-east-1");
  if (target === "aci" && !c.location) problems.push("azure-native:location is missing: expected the Azure region for the ACI target, e.g. eastus");
  for (const other of TARGETS.filter((t) => t !== target)) {
    if (raw[other] !== undefined) problems.push(`forja:${other} is set but forja:target is "${target}": remove the section or change the target`);
  }
  if (target !== "k3s" && raw.kubeconfig !== undefined) problems.push(`forja:kubeconfig is set but forja:target is "${target}": only the k3s target takes a kubeconfig`);
  if (target === "aci" && given("services")) problems.push(`forja:services is set but forja:target is "aci": services run on the k3s and eks targets`);
  if (target === "aci" && given("serviceSecrets")) problems.push(`forja:serviceSecrets is set but forja:target is "aci": services run on the k3s and eks targets`);
  if (target !== "eks" && given("registryCredentials")) problems.push(`forja:registryCredentials is set but forja:target is "${target}": only the eks target mirrors images`);
  if (target === "eks" && raw.eks === undefined) problems.push("forja:eks is missing: expected at least forja:eks.accountId, the AWS account the stack deploys to");
  // These rules read their section as typed: only when it parsed.
  const { parsed, invalid } = c;
  if (!invalid.has("milvus")) problems.push(...milvusTargetProblems(parsed.milvus, target, c.base.environment === "production", c.base.namespace));
  if (!invalid.has("airflow")) problems.push(...airflowProblems(parsed.airflow, target));
  if (!invalid.has("appgear") && !invalid.has("appgearApiKeys")) problems.push(...appgearProblems(parsed.appgear, target, c.base.namespace, parsed.appgearApiKeys));
  if (!invalid.has("mlplatform")) problems.push(...mlplatformProblems(parsed.mlplatform, target, c.base.namespace, parsed.mlplatformDeployKey !== undefined));
  if (!invalid.has("genai")) problems.push(...genaiProblems(parsed.genai, target, Object.keys(parsed.services ?? {}), parsed.genaiApiKey !== undefined));
  if (!invalid.has("genai") && !invalid.has("ollama") && !invalid.has("aci")) problems.push(...ollamaProblems(target, parsed.ollama, parsed.aci?.ollama?.models, parsed.genai));
  return problems;
}

/** What the image mirror gives the cluster, as the program wires it (a mirror that fails its own checks gives nothing). */
function eksWiring(config: EksStackConfig) {
  const mirror = imageMirrorArgs(config);
  const mirrorOk = imageMirrorProblems(mirror).length === 0;
  return { nodeRolePolicies: { "image-mirror": mirrorOk ? JSON.stringify(nodePullThroughPolicy(mirror)) : "{}" }, imageMirrors: mirrorOk ? mirrorMap(mirror) : {} };
}

/** The cluster the stack's Kubernetes components would get (unset on aci); a bad platform (reported by its own entry) falls back to defaults. */
function clusterOf(config: StackConfig): ClusterCapabilities | undefined {
  switch (config.target) {
    case "aci":
      return undefined;
    case "k3s":
      try {
        return k3sCapabilities(k3sClusterArgs(config));
      } catch {
        return k3sCapabilities({});
      }
    case "eks": {
      const wiring = eksWiring(config);
      const placeholder = "known once the cluster exists";
      const outputs = { oidcProviderArn: placeholder, issuerUrl: placeholder, clusterName: placeholder, ingressReady: placeholder };
      try {
        return eksCapabilities(eksClusterArgs(config, wiring), outputs);
      } catch {
        // Bad node groups are reported by the eks entry; services are still checked against the default ones.
        return eksCapabilities({ ...eksClusterArgs(config, wiring), nodeGroups: undefined }, outputs);
      }
    }
  }
}

type SectionCheck = (input: SectionInput, c: Context) => string[];

/**
 * Every section's component validator, by section. They are written for
 * plain-JavaScript callers, so they also check the raw value of a section zod
 * refused (where that is safe: a refused Milvus or Airflow section is not
 * re-checked). Exported so a test holds every section to being here.
 */
export const SECTION_VALIDATORS: Record<string, SectionCheck> = {
  services: ({ config, cluster, isSecret }) =>
    config.target === "aci" || cluster === undefined ? [] : Object.entries(config.services).flatMap(([name, spec]) => serviceProblems(name, webServiceArgs(spec, cluster, config.namespace), isSecret)),
  milvus: ({ config, cluster, isSecret }, c) => {
    if (config.target === "aci" || config.milvus === undefined || c.invalid.has("milvus") || cluster === undefined) return [];
    const tags = config.target === "eks" ? stackTags(config) : config.tags;
    return milvusComponentProblems(`${config.project}-milvus`, milvusArgs(config.milvus, config.environment, cluster, tags, config.namespace), isSecret);
  },
  airflow: ({ config, cluster, isSecret }, c) =>
    config.target === "aci" || config.airflow === undefined || c.invalid.has("airflow") || cluster === undefined ? [] : airflowComponentProblems(config.airflow, config.environment, cluster, config.namespace, isSecret),
  appgear: ({ config, cluster, isSecret }, c) =>
    config.target !== "k3s" || config.appgear === undefined || c.invalid.has("appgear") || cluster === undefined ? [] : appgearComponentProblems(config.appgear, cluster, config.namespace, isSecret),
  mlplatform: ({ config, cluster, isSecret }, c) =>
    config.target === "aci" || config.mlplatform === undefined || c.invalid.has("mlplatform") || cluster === undefined ? [] : mlplatformComponentProblems(config.mlplatform, cluster, config.namespace, isSecret),
  eks: ({ config, isSecret }, c) => {
    if (config.target !== "eks" || c.parsed.eks === undefined) return [];
    const wiring = eksWiring(config);
    return [...eksProblems(config, wiring, isSecret, !c.region), ...mirrorEscapes(config, wiring.imageMirrors), ...certificateAccountProblems(config)];
  },
  k3s: ({ config, isSecret }) => (config.target === "k3s" ? k3sProblems(config, isSecret) : []),
  aci: ({ config }) => (config.target === "aci" ? aciProblems(config) : []),
  cosmos: ({ config }) => (config.target === "aci" && config.aci.mongo !== undefined ? mongoComponentProblems(config) : []),
  ...Object.fromEntries(Object.entries(COMPONENT_SECTIONS).map(([section, check]) => [section, (input: SectionInput) => check(input)])),
};

/** Runs every component's own validator on the args the program would pass. */
function componentChecks(config: StackConfig, c: Context, isSecret: (path: string) => boolean): string[] {
  const cluster = clusterOf(config);
  return Object.values(SECTION_VALIDATORS).flatMap((check) => check({ config, cluster, isSecret }, c));
}

/** Rules across keys, on the parts that parsed. */
function crossKeyChecks(target: Target, result: ParseResult): string[] {
  if (target === "aci") return [];
  const services = Object.fromEntries(Object.entries(result.parsed.services ?? {}).filter(([name]) => !result.invalid.has(`services.${name}`)));
  const problems = routeProblems(services, target === "eks");
  if (!result.invalid.has("serviceSecrets") && !result.invalid.has("services")) problems.push(...serviceSecretProblems(services, result.parsed.serviceSecrets ?? {}));
  return problems;
}

/** Pure: config values in, typed config or one `StackConfigError` listing every problem out. */
export function parseStackConfig(source: ConfigSource): StackConfig {
  const file = source.file ?? `Pulumi.${source.stack}.yaml`;
  const declared = secretPredicate(source);
  const problems = secretProblems(source);
  const raw: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(source.values)) {
    if (key.startsWith("forja:")) raw[key.slice("forja:".length)] = parseValue(text);
  }
  // A credential in a plain setting is refused, and its value never printed by any other problem either.
  const leaked = plainCredentials(raw, declared);
  problems.push(...leaked.problems);
  const isSecret = (path: string) => declared(path) || leaked.paths.some((leak) => isWithin(path, leak));
  const result = parseKeys(raw, isSecret, problems);
  const { parsed } = result;
  const target = parsed.target;
  const base: BaseConfig = {
    project: source.project,
    stack: source.stack,
    file,
    environment: parsed.environment ?? (target === "k3s" ? "development" : "production"),
    namespace: typeof parsed.namespace === "string" ? parsed.namespace : DEFAULT_NAMESPACE,
    tags: parsed.tags !== null && typeof parsed.tags === "object" ? parsed.tags : {},
  };
  const context: Context = { source, parsed, invalid: result.invalid, base, region: source.values["aws:region"], location: source.values["azure-native:location"] };
  // What zod already reported is not said twice.
  const unreported = (found: string[]) => found.filter((p) => !result.reported.some((path) => isWithin(problemKey(p), path)));
  problems.push(...unreported(baseProblems(base, target ?? "k3s")));
  if (target) {
    problems.push(...targetProblems(target, raw, context), ...crossKeyChecks(target, result));
    // While validating, secret values are checked as plain strings; they never leave this function.
    const plain = build(target, context, (value) => value as unknown as pulumi.Output<string>);
    problems.push(...unreported(componentChecks(plain, context, isSecret)));
  }
  // Whatever built a problem, a character the terminal would hide is shown.
  const unique = [...new Set(problems.map(escapeInvisible))];
  if (unique.length > 0 || !target) throw new StackConfigError(unique, file);
  return build(target, context, (value) => pulumi.secret(value));
}

/** Reads the running stack's config. The only place that touches Pulumi config. */
export function loadStackConfig(): StackConfig {
  const values = pulumi.runtime.allConfig();
  const secretKeys = Object.keys(values).filter((key) => isSecretConfigKey(key));
  const stack = pulumi.getStack();
  // The engine passes the project directory (the program also runs there); mocks pass a placeholder.
  const root = pulumi.getRootDirectory();
  const path = stackFilePath(root && existsSync(root) ? root : process.cwd(), stack);
  const source: ConfigSource = { project: pulumi.getProject(), stack, values, secretKeys, file: basename(path) };
  // The runtime only says which keys hold a secret leaf; the stack file says which leaves are plain.
  if (existsSync(path)) {
    const document = stackConfig(parseYaml(readFileSync(path, "utf8"), path), path, source.project, () => "");
    source.leaves = { secure: document.securePaths, plaintext: document.plaintextPaths };
  }
  return parseStackConfig(source);
}

function isSecretConfigKey(key: string): boolean {
  // The SDK keeps secret keys in an internal list; `Config.getSecret` does not
  // say whether a value was set as plain text, and we must refuse that case.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { isConfigSecret?: (k: string) => boolean };
  return runtimeConfig.isConfigSecret?.(key) ?? false;
}

/**
 * Builds a component, reporting an argument error it throws under the stack
 * key the argument came from. Config validation runs the same rules first;
 * this keeps a rule added to a component later from surfacing as a bare
 * component error.
 */
export function withStackKeys<T>(file: string, keys: [string, string][], build: () => T): T {
  try {
    return build();
  } catch (error) {
    if ((error as ForjaArgumentError).name !== "ForjaArgumentError") throw error;
    const e = error as ForjaArgumentError;
    throw new StackConfigError([componentProblem(e, stackKeyOf(e.argument, keys), (path) => SECRET_KEYS.some((key) => isWithin(path, key)))], file);
  }
}
