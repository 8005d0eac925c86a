// Cosmos DB for MongoDB with one collection, its user's connection string in the environment's Key Vault.
import * as azure from "@pulumi/azure-native";
import { AciEnvironment } from "forja/aci";
import { CosmosMongo } from "forja/cosmos-mongo";

const provider = new azure.Provider("azure", { location: "eastus" });
const opts = { providers: { "azure-native": provider } };
const environment = new AciEnvironment("datalk", { location: "eastus" }, opts);
const mongo = new CosmosMongo(
  "datalk",
  {
    location: "eastus",
    resourceGroupName: environment.resourceGroupName,
    keyVault: { name: environment.keyVaultName, resourceGroupName: environment.resourceGroupName },
    databaseName: "datalk",
    capacityMode: "serverless",
    collections: [{ name: "conversations", indexes: [{ keys: ["userId"] }] }],
    allowedIpRanges: ["203.0.113.10"], // who may connect: addresses, or subnetIds for a private container group
  },
  opts,
);
export const secretUri = mongo.secretUri;
