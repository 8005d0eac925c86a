import * as azure from "@pulumi/azure-native/provider";
import * as random from "@pulumi/random";
import { CosmosMongo } from "../../components/cosmos-mongo";
import { OllamaContainerGroup } from "../../components/ollama-aci";
import { AciEnvironment } from "../../components/platform/aci";
import type { AciStackConfig } from "../config";
import { aciEnvironmentArgs, aciTags, ollamaGroupArgs } from "../config/aci";
import { composeGenAi } from "./genai";

/**
 * aci: Azure Container Instances (seed 001). One resource group per stack:
 * the environment (registry, identity, Key Vault, logs), Cosmos DB for
 * MongoDB with a least-privileged user, and Ollama next to the app in one
 * container group.
 */
export async function composeAci(config: AciStackConfig): Promise<Record<string, unknown>> {
  const production = config.environment === "production";
  const provider = new azure.Provider(`${config.project}-azure`, { location: config.location });
  // Name suffixes and database passwords: explicit too, so nothing in the stack uses an ambient provider.
  const providers = { "azure-native": provider, random: new random.Provider(`${config.project}-random`) };
  const tags = aciTags(config);
  const aci = config.aci;

  const environment = new AciEnvironment(config.project, aciEnvironmentArgs(config), { providers });
  const capabilities = environment.capabilities;
  const mongo = new CosmosMongo(
    `${config.project}-mongo`,
    {
      resourceGroupName: capabilities.resourceGroupName,
      location: config.location,
      databaseName: aci.mongo.database,
      collections: aci.mongo.collections,
      keyVault: { name: capabilities.keyVaultName, resourceGroupName: capabilities.resourceGroupName },
      // Always set: the config refuses a stack without it (Azure fixes it when the account is created).
      capacityMode: aci.mongo.capacityMode,
      backup: production ? "continuous-30-days" : "continuous-7-days",
      // A public container group has no fixed egress address: only a subnet can narrow who connects.
      subnetIds: aci.subnetId === undefined ? undefined : [aci.subnetId],
      allowPublicNetworkAccess: aci.subnetId === undefined,
      protect: production,
      tags,
    },
    { providers },
  );

  const outputs: Record<string, unknown> = {
    target: config.target,
    environment: config.environment,
    location: config.location,
    resourceGroupName: environment.resourceGroupName,
    registryServer: environment.registryServer,
    keyVaultUri: environment.keyVaultUri,
    identityPrincipalId: environment.identityPrincipalId,
    mongoHost: mongo.host,
    mongoSecretUri: mongo.secretUri,
  };
  // Ollama runs in the app's container group: the app reaches it on localhost.
  const genai = composeGenAi(config, {}, { namespace: config.namespace, defaultOllamaUrl: "http://localhost:11434" }, { providers });
  if (genai.outputs) outputs.genai = genai.outputs;
  if (aci.ollama === undefined) return outputs;

  // MONGO_URI is resolved at deploy time into a secure value: the seed's app reads it from its
  // environment, and this API version of ACI cannot reference Key Vault. The vault keeps the
  // same value for anything that reads it at run time with the group's identity.
  const app = { env: { ...genai.access?.env }, secureEnv: { ...genai.access?.secretEnv, MONGO_URI: mongo.connectionString } };
  const group = new OllamaContainerGroup(`${config.project}-group`, ollamaGroupArgs(config, capabilities, app), { providers });
  return { ...outputs, fqdn: group.fqdn, appUrl: group.appUrl, ollamaUrl: group.ollamaUrl };
}
