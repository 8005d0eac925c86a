import * as azure from "@pulumi/azure-native/provider";
import * as resources from "@pulumi/azure-native/resources";
import type { AciStackConfig } from "../config";
import { composeGenAi } from "./genai";

/** aci: Azure Container Instances. Everything lives in one resource group per stack. */
export async function composeAci(config: AciStackConfig): Promise<Record<string, unknown>> {
  const provider = new azure.Provider(`${config.project}-azure`, { location: config.location });
  const tags = { ...config.tags, "forja:stack": config.stack, "forja:project": config.project };
  const group = new resources.ResourceGroup(
    `${config.project}-rg`,
    { resourceGroupName: config.aci.resourceGroupName ?? `${config.project}-${config.stack}`, location: config.location, tags },
    { provider },
  );
  // Ollama runs in the app's container group: the app reaches it on localhost.
  const genai = composeGenAi(config, {}, { namespace: config.namespace, defaultOllamaUrl: "http://localhost:11434" }, {});
  return { target: config.target, environment: config.environment, location: config.location, resourceGroupName: group.name, genai: genai.outputs };
}
