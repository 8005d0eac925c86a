// Ollama and an app in one ACI container group; the app image comes from the environment's registry.
import * as azure from "@pulumi/azure-native";
import { AciEnvironment } from "forja/aci";
import { OllamaContainerGroup } from "forja/ollama-aci";

const provider = new azure.Provider("azure", { location: "eastus" });
const opts = { providers: { "azure-native": provider } };
const environment = new AciEnvironment("datalk", { location: "eastus" }, opts);
const group = new OllamaContainerGroup(
  "datalk",
  {
    environment: environment.capabilities,
    models: ["llama3.2:1b"],
    modelStorage: "azure-files",
    apps: [{ name: "api", repository: "datalk-api", tag: "v1", port: 8000, probePath: "/docs" }],
  },
  opts,
);
export const appUrl = group.appUrl;
