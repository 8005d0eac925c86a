/**
 * Seed 001 rebuilt on Forja, as another team's Pulumi project would: an
 * AciEnvironment (registry, managed identity, Key Vault, Log Analytics),
 * Cosmos DB for MongoDB with a user that may only read and write `datalk`,
 * and, once the app image is in the registry, one container group running
 * Ollama and the FastAPI app in `app/` side by side.
 *
 *   pulumi config set azure-native:location eastus
 *   pulumi up                                   # the environment and the database
 *   az acr build --registry <registry> --image datalk-api:v1 ./app
 *   pulumi config set appTag v1
 *   pulumi up                                   # the container group
 */
import * as azure from "@pulumi/azure-native";
import * as pulumi from "@pulumi/pulumi";
import { AciEnvironment } from "forja/aci";
import { CosmosMongo } from "forja/cosmos-mongo";
import { OllamaContainerGroup } from "forja/ollama-aci";

/** What app/Dockerfile serves: the port uvicorn listens on and the path that answers without Ollama or Mongo. */
export const APP = { repository: "datalk-api", port: 8000, probePath: "/healthz" } as const;

export interface DatalkOutputs {
  registryServer: pulumi.Output<string>;
  mongoSecretUri: pulumi.Output<string>;
  /** Once the group exists (appTag set). */
  appUrl?: pulumi.Output<string | undefined>;
}

export function datalk(): DatalkOutputs {
  const config = new pulumi.Config();
  const location = new pulumi.Config("azure-native").require("location");
  const model = config.get("model") ?? "llama3.2:1b";
  const appTag = config.get("appTag");

  const provider = new azure.Provider("azure", { location });
  const opts = { providers: { "azure-native": provider } };
  const environment = new AciEnvironment("datalk", { location }, opts);
  const mongo = new CosmosMongo(
    "datalk",
    {
      location,
      resourceGroupName: environment.resourceGroupName,
      keyVault: { name: environment.keyVaultName, resourceGroupName: environment.resourceGroupName },
      databaseName: "datalk",
      capacityMode: "serverless",
      collections: [{ name: "conversations", indexes: [{ keys: ["userId"] }] }],
      // A public container group has no fixed outbound address, so the account stays reachable
      // from the internet behind its user's credentials; give a subnetId to close it.
      allowPublicNetworkAccess: true,
    },
    opts,
  );
  const outputs: DatalkOutputs = { registryServer: environment.registryServer, mongoSecretUri: mongo.secretUri };
  // The group pulls the app from the environment's registry: push the image first (the comment above).
  if (appTag === undefined) return outputs;

  const group = new OllamaContainerGroup(
    "datalk",
    {
      environment: environment.capabilities,
      models: [model],
      modelStorage: "azure-files",
      apps: [
        {
          name: "api",
          repository: APP.repository,
          tag: appTag,
          port: APP.port,
          probePath: APP.probePath,
          env: { OLLAMA_MODEL: model, MONGO_DATABASE: "datalk" },
          // Resolved at deploy time into an ACI secure value: never shown by the API, a secret in state.
          secureEnv: { MONGO_URI: mongo.connectionString },
        },
      ],
    },
    opts,
  );
  return { ...outputs, appUrl: group.appUrl };
}
