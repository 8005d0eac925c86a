// The ACI counterpart of a cluster: resource group, registry, identity, Key Vault, Log Analytics.
import * as azure from "@pulumi/azure-native";
import { AciEnvironment } from "forja/aci";

const provider = new azure.Provider("azure", { location: "eastus" });
const environment = new AciEnvironment("datalk", { location: "eastus", protect: true }, { providers: { "azure-native": provider } });
export const registryServer = environment.registryServer;
export const capabilities = environment.capabilities;
