/**
 * `forja:aci`: the Azure target (seed 001): the environment, Cosmos DB for
 * MongoDB, and Ollama next to the app in one container group. Semantic checks
 * are AciEnvironment's, CosmosMongo's and OllamaContainerGroup's; the rules
 * across keys live here.
 */
import { z } from "zod";
import type { BaseConfig } from "./base";
import { problem } from "./issues";

/** Azure resource group names: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'. */
const RESOURCE_GROUP_NAME = /^[-\w._()]{0,89}[-\w_()]$/u;
const port = z.number().int().min(1).max(65535);

/** The app container next to Ollama (seed 001's datalk-api). */
const aciApp = z
  .object({
    /** @default "api" */
    name: z.string().default("api"),
    /** Repository in the stack's registry, e.g. datalk-api (pushed once, see README). */
    repository: z.string().min(1),
    /** Pinned image tag. */
    tag: z.string().min(1),
    /** @default 8000 */
    port: port.default(8000),
    /** @default "/docs" */
    probePath: z.string().startsWith("/").default("/docs"),
    cpu: z.number().positive().optional(),
    memoryInGB: z.number().positive().optional(),
    env: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const aciOllama = z
  .object({
    /** Models pulled before Ollama starts, pinned (llama3.2:1b). */
    models: z.array(z.string()).min(1),
    /** Explicit: azure-files persists models, empty-dir pulls them at every start. */
    storage: z.enum(["azure-files", "empty-dir"]),
    shareQuotaGiB: z.number().int().optional(),
    cpu: z.number().positive().optional(),
    memoryInGB: z.number().positive().optional(),
    keepAlive: z.string().optional(),
    numParallel: z.number().int().optional(),
    maxLoadedModels: z.number().int().optional(),
    imageFromRegistry: z.boolean().optional(),
  })
  .strict();

const aciMongo = z
  .object({
    /** @default "app" */
    database: z.string().default("app"),
    /** Collections created up front (the app's role cannot create them). @default [] */
    collections: z.array(z.string()).default([]),
  })
  .strict();

export const aciSection = z
  .object({
    /** Resource group to create for the stack's Azure resources. @default "<project>-<stack>" */
    resourceGroupName: z.string().optional(),
    /** Use an existing resource group named resourceGroupName instead of creating one. @default false */
    useExistingResourceGroup: z.boolean().default(false),
    /** Public DNS label of the container group. @default "<project>-group" */
    dnsNameLabel: z.string().optional(),
    /** Subnet for a private container group (and the only network Cosmos DB admits). @default unset (public IP) */
    subnetId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i, "expected a subnet resource id").optional(),
    app: aciApp.optional(),
    /** Ollama and the app in one container group. @default unset (no group: the environment and the database only) */
    ollama: aciOllama.optional(),
    mongo: aciMongo.default({ database: "app", collections: [] }),
  })
  .strict();

export interface AciStackConfig extends BaseConfig {
  target: "aci";
  location: string;
  aci: z.output<typeof aciSection>;
}

export function resourceGroupName(config: AciStackConfig): string {
  return config.aci.resourceGroupName ?? `${config.project}-${config.stack}`;
}

export function aciProblems(config: AciStackConfig): string[] {
  const problems: string[] = [];
  const name = resourceGroupName(config);
  if (!RESOURCE_GROUP_NAME.test(name)) {
    const key = config.aci.resourceGroupName === undefined ? "forja:aci.resourceGroupName (default <project>-<stack>)" : "forja:aci.resourceGroupName";
    problems.push(problem(key, name, "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'"));
  }
  const aci = config.aci;
  if (aci.dnsNameLabel !== undefined && aci.subnetId !== undefined) problems.push(`forja:aci.dnsNameLabel is set with forja:aci.subnetId: a private container group has no public DNS name, choose one`);
  if (aci.app !== undefined && aci.ollama === undefined) problems.push(`forja:aci.app is set without forja:aci.ollama: expected its models and an explicit storage choice, the app runs next to Ollama`);
  return problems;
}
