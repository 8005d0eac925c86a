/**
 * `forja:aci`: the Azure target (seed 001): the environment, Cosmos DB for
 * MongoDB, and Ollama next to the app in one container group. Semantic checks
 * are AciEnvironment's, CosmosMongo's and OllamaContainerGroup's; the rules
 * across keys live here.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { OllamaContainerGroupArgs } from "../../components/ollama-aci/args";
import type { AciCapabilities } from "../../components/platform/aci/capabilities";
import type { AciEnvironmentArgs } from "../../components/platform/aci/args";
import { CosmosCapacityMode } from "../../components/cosmos-mongo/args";
import { validateCosmosMongo } from "../../components/cosmos-mongo/values";
import type { BaseConfig } from "./base";
import { ForjaArgumentError } from "../../components/core/errors";
import { componentProblems, problem } from "./issues";

/** Azure resource group names: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'. */
const RESOURCE_GROUP_NAME = /^[-\w._()]{0,89}[-\w_()]$/u;
const port = z.number().int().min(1).max(65535);

/** The app container next to Ollama (seed 001's datalk-api). */
const aciApp = z
  .object({
    /** @default "api" */
    name: z.string().default("api"),
    /** Repository in the stack's registry, e.g. datalk-api (pushed once, see docs/aci.md). */
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

const mongoIndex = z
  .object({
    /** Fields, in order (several make a compound index). */
    keys: z.array(z.string()).min(1),
    /** Unique: only when the collection is created (Azure adds none later). @default false */
    unique: z.boolean().optional(),
  })
  .strict();

const mongoCollection = z
  .object({
    name: z.string(),
    /** Indexes besides _id. @default [] */
    indexes: z.array(mongoIndex).optional(),
  })
  .strict();

const aciMongo = z
  .object({
    /** @default "app" */
    database: z.string().default("app"),
    /**
     * Collections with their indexes, created through ARM (the app's role and the
     * account refuse collection and index creation over the Mongo protocol).
     * Required when forja:aci.app is set. @default []
     */
    collections: z.array(mongoCollection).default([]),
    /**
     * serverless or provisioned, required: fixed when the account is created
     * (Azure switches neither way in place), so it never follows forja:environment.
     */
    capacityMode: z.enum(CosmosCapacityMode).optional(),
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
  if (aci.app !== undefined && aci.ollama !== undefined && (aci.mongo?.collections ?? []).length === 0) {
    problems.push(
      problem(
        "forja:aci.mongo.collections",
        [],
        `the collections ${aci.app.name} writes, e.g. collections: [{ name: sessions, indexes: [{ keys: [userId] }] }]: the app's database role and the account refuse to create collections or indexes over the Mongo protocol, so the first insert into a collection not listed fails; unique indexes must be listed before the collection is first created`,
      ),
    );
  }
  // A section zod refused arrives raw: mongo may be missing.
  if (aci.mongo?.capacityMode === undefined) {
    problems.push(
      problem(
        "forja:aci.mongo.capacityMode",
        undefined,
        `${Object.values(CosmosCapacityMode).join(" or ")}. Azure fixes it when the Cosmos DB account is created and refuses to switch it in place, so Forja does not derive it from forja:environment (a switch of environment would fail the update); for a stack created before this key, set what it was created with: provisioned in production, serverless in development`,
      ),
    );
  }
  return problems;
}

/** CosmosMongo arguments and the stack keys that set them. */
const MONGO_KEYS = [
  ["databaseName", "forja:aci.mongo.database"],
  ["collections", "forja:aci.mongo.collections"],
] as const;

/** CosmosMongo's own rules (collection and index names) on what the program passes, under forja:aci.mongo. */
export function mongoComponentProblems(config: AciStackConfig): string[] {
  try {
    validateCosmosMongo(`${config.project}-mongo`, { resourceGroupName: "rg", location: "eastus", databaseName: config.aci.mongo.database, keyVault: { name: "kv", resourceGroupName: "rg" }, collections: config.aci.mongo.collections, allowPublicNetworkAccess: true });
    return [];
  } catch (error) {
    if (!(error instanceof ForjaArgumentError)) throw error;
    return componentProblems([error], MONGO_KEYS, () => false);
  }
}

/** The stack's tags on Azure resources: the file's and Forja's own. */
export function aciTags(config: AciStackConfig): Record<string, string> {
  return { ...config.tags, "forja:stack": config.stack, "forja:project": config.project };
}

/** AciEnvironment's args for the stack (the program and config validation pass the same). */
export function aciEnvironmentArgs(config: AciStackConfig): AciEnvironmentArgs {
  return {
    location: config.location,
    resourceGroupName: resourceGroupName(config),
    useExistingResourceGroup: config.aci.useExistingResourceGroup,
    protect: config.environment === "production",
    tags: aciTags(config),
  };
}

/** OllamaContainerGroup's args for `forja:aci.ollama`; `app` carries what only exists at deploy time (GenAI env, the Mongo URI). */
export function ollamaGroupArgs(config: AciStackConfig, environment: AciCapabilities, app: { env: Record<string, pulumi.Input<string>>; secureEnv: Record<string, pulumi.Input<string>> }): OllamaContainerGroupArgs {
  const aci = config.aci;
  const ollama = aci.ollama!;
  return {
    environment,
    models: ollama.models,
    modelStorage: ollama.storage,
    modelShareQuotaGiB: ollama.shareQuotaGiB,
    ollama: { cpu: ollama.cpu, memoryInGB: ollama.memoryInGB, keepAlive: ollama.keepAlive, numParallel: ollama.numParallel, maxLoadedModels: ollama.maxLoadedModels, imageFromRegistry: ollama.imageFromRegistry },
    apps: aci.app === undefined ? [] : [{ ...aci.app, env: { ...app.env, ...aci.app.env }, secureEnv: app.secureEnv }],
    dnsNameLabel: aci.dnsNameLabel,
    subnetId: aci.subnetId,
    protect: config.environment === "production",
    tags: aciTags(config),
  };
}
