/** Pure logic of OllamaContainerGroup: validation and the containers, IP and storage it renders. */
import type * as inputs from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ACI_GROUP_LIMITS } from "../azure/limits";
import { ForjaArgumentError } from "../core/errors";
import { parseImage, unpinnedReason } from "../core/images";
import { looksLikeCredential } from "../core/security";
import { OLLAMA_IMAGE, OLLAMA_PORT, OLLAMA_PROBES, OLLAMA_TUNING_DEFAULTS } from "../ollama/defaults";
import { modelReferenceProblem, pullEnvironment, pullScript, serverEnvironment, tuningProblem } from "../ollama/models";
import type { AciCapabilities } from "../platform/aci/capabilities";
import type { AciAppContainer, OllamaContainerGroupArgs } from "./args";
import { DnsNameReusePolicy, ModelStorage } from "./args";
import {
  ACI_APP_DEFAULTS,
  ACI_OLLAMA_DEFAULTS,
  ACI_OLLAMA_HOME,
  APP_PROBES,
  CONTAINER_NAMES,
  MODELS_VOLUME,
  OLLAMA_ACI_DEFAULTS,
  OLLAMA_PROBE_TIMINGS,
  RESERVED_APP_ENV,
} from "./defaults";

const COMPONENT = "OllamaContainerGroup";
const DNS_LABEL = /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

type Container = inputs.containerinstance.ContainerArgs;
type EnvironmentVariable = inputs.containerinstance.EnvironmentVariableArgs;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

function checkSize(argument: string, value: number | undefined, step: number): void {
  if (value === undefined) return;
  const steps = value / step;
  if (typeof value !== "number" || value <= 0 || Math.abs(steps - Math.round(steps)) > 1e-9) fail(argument, value, `a positive number in steps of ${step}`);
}

/** Args with every default applied. */
export function groupSettings(name: string, args: OllamaContainerGroupArgs) {
  const a = withDefaults(OLLAMA_ACI_DEFAULTS, args);
  const ollama = withDefaults({ ...ACI_OLLAMA_DEFAULTS, ...OLLAMA_TUNING_DEFAULTS, image: OLLAMA_IMAGE }, args.ollama);
  const apps = (args.apps ?? []).map((app) => withDefaults(ACI_APP_DEFAULTS, app));
  const dnsNameLabel = args.subnetId === undefined ? (args.dnsNameLabel ?? name) : undefined;
  return { ...a, ollama, apps, dnsNameLabel };
}

function validateApp(app: AciAppContainer, index: number, seenNames: Set<string>, seenPorts: Set<number>): void {
  const at = `apps[${index}]`;
  if (typeof app?.name !== "string" || !DNS_LABEL.test(app.name) || Object.values(CONTAINER_NAMES).includes(app.name as never) || seenNames.has(app.name)) {
    fail(`${at}.name`, app?.name, `a unique lower-case DNS label other than ${Object.values(CONTAINER_NAMES).join(" and ")}`);
  }
  seenNames.add(app.name);
  if (typeof app.repository !== "string" || !REPOSITORY.test(app.repository)) fail(`${at}.repository`, app.repository, "a lower-case repository path in the environment's registry, e.g. datalk-api");
  if (typeof app.tag !== "string" || !TAG.test(app.tag) || app.tag === "latest") fail(`${at}.tag`, app.tag, "a pinned image tag (not latest)");
  if (!Number.isInteger(app.port) || app.port < 1 || app.port > 65535) fail(`${at}.port`, app.port, "an integer port 1-65535");
  if (app.port === OLLAMA_PORT) fail(`${at}.port`, app.port, `a port other than ${OLLAMA_PORT}: Ollama listens there, and it is never published`);
  if (seenPorts.has(app.port)) fail(`${at}.port`, app.port, "a port no other app container uses (they share one network)");
  seenPorts.add(app.port);
  checkSize(`${at}.cpu`, app.cpu, 0.01);
  checkSize(`${at}.memoryInGB`, app.memoryInGB, 0.1);
  if (app.probePath !== undefined && !app.probePath.startsWith("/")) fail(`${at}.probePath`, app.probePath, 'a path starting with "/"');
  const names = [...Object.keys(app.env ?? {}), ...Object.keys(app.secureEnv ?? {})];
  const badName = names.find((n) => !ENV_NAME.test(n));
  if (badName !== undefined) fail(`${at}.env`, badName, "variable names of letters, digits and '_', not starting with a digit");
  const reserved = names.find((n) => (RESERVED_APP_ENV as readonly string[]).includes(n));
  if (reserved !== undefined) fail(`${at}.env`, reserved, `a name other than ${RESERVED_APP_ENV.join(" and ")}, which the group sets`);
  const overlap = Object.keys(app.env ?? {}).find((n) => n in (app.secureEnv ?? {}));
  if (overlap !== undefined) fail(`${at}.secureEnv`, overlap, "a name not also set in env");
  const credential = Object.entries(app.env ?? {}).find(([n, v]) => looksLikeCredential(n, v))?.[0];
  if (credential !== undefined) fail(`${at}.env`, credential, "no credentials in plain env (anyone who can read the group sees them): put it in secureEnv");
}

/** Every rule an OllamaContainerGroup must satisfy before anything is registered. */
export function validateOllamaContainerGroup(name: string, args: OllamaContainerGroupArgs | undefined): void {
  if (!DNS_LABEL.test(name)) fail("name", name, "a lower-case DNS label of 3-63 characters starting with a letter (it names the group)");
  const environment = args?.environment as Partial<AciCapabilities> | undefined;
  for (const field of ["location", "resourceGroupName", "registryServer", "identityResourceId", "identityClientId", "workspaceId", "workspaceName"] as const) {
    if (environment?.[field] === undefined) fail(`environment.${field}`, undefined, "the capabilities of an AciEnvironment (AciEnvironment.capabilities)");
  }
  if (!Array.isArray(args?.models) || args.models.length === 0) fail("models", args?.models, "at least one model to pull before Ollama starts, e.g. [\"llama3.2:1b\"]");
  args.models.forEach((model, i) => {
    const problem = modelReferenceProblem(model);
    if (problem) fail(`models[${i}]`, model, `an Ollama model reference pinned to a tag (${problem})`);
  });
  if (!Object.values(ModelStorage).includes(args.modelStorage)) {
    fail("modelStorage", args.modelStorage, `an explicit choice: "${ModelStorage.AzureFiles}" (models persist on a share, load slower) or "${ModelStorage.EmptyDir}" (pulled again at every start)`);
  }
  const quota = args.modelShareQuotaGiB;
  if (quota !== undefined && (!Number.isInteger(quota) || quota < 1 || quota > 5120)) fail("modelShareQuotaGiB", quota, "an integer from 1 to 5120");
  if (quota !== undefined && args.modelStorage !== ModelStorage.AzureFiles) fail("modelShareQuotaGiB", quota, `no quota unless modelStorage is "${ModelStorage.AzureFiles}"`);
  const ollama = args.ollama ?? {};
  const reason = ollama.image === undefined ? undefined : unpinnedReason(ollama.image);
  if (reason) fail("ollama.image", ollama.image, `an image pinned to a tag other than latest, or a digest (${reason})`);
  if (ollama.gpuCount !== undefined && ollama.gpuCount !== 0) {
    fail("ollama.gpuCount", ollama.gpuCount, "0: ACI's GPU SKUs (K80, P100, V100) are being retired; run GPU inference on AKS (Forja's Ollama component) or Container Apps GPU workload profiles");
  }
  checkSize("ollama.cpu", ollama.cpu, 0.01);
  checkSize("ollama.memoryInGB", ollama.memoryInGB, 0.1);
  const tuning = tuningProblem(ollama);
  if (tuning) fail(`ollama.${tuning[0]}`, ollama[tuning[0]], tuning[1]);
  const names = new Set<string>();
  const ports = new Set<number>();
  (args.apps ?? []).forEach((app, i) => validateApp(app, i, names, ports));
  // Azure sizes a group by the sum of its containers: past its limit the group is refused at creation.
  const sized = groupSettings(name, args);
  const total = (field: "cpu" | "memoryInGB") => sized.ollama[field] + sized.apps.reduce((sum, app) => sum + app[field], 0);
  for (const [field, unit] of [["cpu", "vCPU"], ["memoryInGB", "GB"]] as const) {
    if (total(field) > ACI_GROUP_LIMITS[field] + 1e-9) {
      fail(`ollama.${field}`, sized.ollama[field], `a group total of at most ${ACI_GROUP_LIMITS[field]} ${unit} (ACI's limit for a Linux container group; Ollama and the apps ask ${Math.round(total(field) * 100) / 100}): lower Ollama's or the apps' ${field}, or run on Kubernetes`);
    }
  }
  if (args.dnsNameLabel !== undefined && args.subnetId !== undefined) {
    fail("dnsNameLabel", args.dnsNameLabel, "no DNS label with subnetId: a group in a subnet has a private IP only, and Azure DNS labels are public");
  }
  if (args.dnsNameLabel !== undefined && !DNS_LABEL.test(args.dnsNameLabel)) fail("dnsNameLabel", args.dnsNameLabel, "a lower-case DNS label of 3-63 characters starting with a letter");
  if (args.dnsNameLabel !== undefined && (args.apps ?? []).length === 0) fail("dnsNameLabel", args.dnsNameLabel, "an app container to serve: Ollama itself is never published");
  if (args.dnsNameReusePolicy !== undefined && !Object.values(DnsNameReusePolicy).includes(args.dnsNameReusePolicy)) {
    fail("dnsNameReusePolicy", args.dnsNameReusePolicy, `one of ${Object.values(DnsNameReusePolicy).join(", ")}`);
  }
}

function variables(plain: Record<string, pulumi.Input<string>>, secure: Record<string, pulumi.Input<string>> = {}): EnvironmentVariable[] {
  return [
    ...Object.entries(plain).map(([name, value]) => ({ name, value })),
    ...Object.entries(secure).map(([name, value]) => ({ name, secureValue: pulumi.secret(value) })),
  ];
}

const modelsMount = [{ name: MODELS_VOLUME, mountPath: ACI_OLLAMA_HOME }];
const modelsPath = `${ACI_OLLAMA_HOME}/models`;

/** The environment's registry name: an ACR login server is `<registry name>.azurecr.io` (or a sovereign cloud's suffix). */
export function registryNameOf(registryServer: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.output(registryServer).apply((server) => server.split(".")[0]);
}

/**
 * The artifact cache rule that serves `image` from the environment's
 * registry under the same repository path. No credential set: the upstream
 * pull is anonymous, once per tag, then cached.
 */
export function cacheRule(image: string) {
  const { registry, repository } = parseImage(image);
  return {
    cacheRuleName: repository.replace(/[^A-Za-z0-9]+/g, "-").slice(0, 50),
    sourceRepository: `${registry}/${repository}`,
    targetRepository: repository,
  };
}

/** The Ollama image, from its upstream registry or (same repository and tag) through the environment's registry. */
export function ollamaImage(image: string, fromRegistry: boolean, registryServer: pulumi.Input<string>): pulumi.Input<string> {
  if (!fromRegistry) return image;
  const { repository, tag, digest } = parseImage(image);
  return pulumi.interpolate`${registryServer}/${repository}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`;
}

/** Ollama itself: the image's `ollama serve`, probes on its API, its port declared but never published. */
export function ollamaContainer(settings: ReturnType<typeof groupSettings>["ollama"], image: pulumi.Input<string>): Container {
  const http = (path: string) => ({ path, port: OLLAMA_PORT, scheme: "http" });
  return {
    name: CONTAINER_NAMES.ollama,
    image,
    ports: [{ port: OLLAMA_PORT, protocol: "TCP" }],
    environmentVariables: variables(serverEnvironment(settings, modelsPath)),
    resources: { requests: { cpu: settings.cpu, memoryInGB: settings.memoryInGB } },
    readinessProbe: { httpGet: http(OLLAMA_PROBES.readinessPath), ...OLLAMA_PROBE_TIMINGS.readiness },
    livenessProbe: { httpGet: http(OLLAMA_PROBES.livenessPath), ...OLLAMA_PROBE_TIMINGS.liveness },
    volumeMounts: modelsMount,
  };
}

/** ACI has no postStart hook: an init container pulls the models onto the shared volume first. */
export function pullInitContainer(models: string[], image: pulumi.Input<string>): inputs.containerinstance.InitContainerDefinitionArgs {
  return {
    name: CONTAINER_NAMES.pull,
    image,
    command: ["/bin/sh", "-c", pullScript(models)],
    environmentVariables: variables(pullEnvironment(modelsPath)),
    volumeMounts: modelsMount,
  };
}

/** An app container: image from the environment's registry, Ollama on localhost, the identity's client id for Azure SDKs. */
export function appContainer(app: ReturnType<typeof groupSettings>["apps"][number], environment: AciCapabilities): Container {
  const http = { path: app.probePath, port: app.port, scheme: "http" };
  return {
    name: app.name,
    image: pulumi.interpolate`${environment.registryServer}/${app.repository}:${app.tag}`,
    command: app.command,
    ports: [{ port: app.port, protocol: "TCP" }],
    environmentVariables: variables({ ...app.env, OLLAMA_BASE_URL: `http://localhost:${OLLAMA_PORT}`, AZURE_CLIENT_ID: environment.identityClientId }, app.secureEnv),
    resources: { requests: { cpu: app.cpu, memoryInGB: app.memoryInGB } },
    livenessProbe: { httpGet: http, ...APP_PROBES.liveness },
    readinessProbe: { httpGet: http, ...APP_PROBES.readiness },
  };
}

/**
 * The group's address: the app ports only, on a public IP with a DNS label,
 * or on a private IP in a subnet. None when no app is published.
 */
export function ipAddress(settings: ReturnType<typeof groupSettings>, subnet: boolean): inputs.containerinstance.IpAddressArgs | undefined {
  const ports = settings.apps.map((app) => ({ port: app.port, protocol: "TCP" }));
  if (ports.length === 0) return undefined;
  if (subnet) return { type: "Private", ports };
  return { type: "Public", ports, dnsNameLabel: settings.dnsNameLabel, autoGeneratedDomainNameLabelScope: settings.dnsNameReusePolicy };
}
