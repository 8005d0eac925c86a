import type * as pulumi from "@pulumi/pulumi";
import { Ollama } from "../../components/ollama";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { OllamaConfig } from "../config";
import { ollamaArgs } from "../config/ollama";

/** The stack's Ollama from `forja:ollama`, if any; returns the outputs it adds (its in-cluster URL). */
export function composeOllama(
  config: OllamaConfig | undefined,
  cluster: ClusterCapabilities,
  namespace: pulumi.Input<string>,
  provider: pulumi.ProviderResource,
  dependsOn: pulumi.Input<pulumi.Resource>[],
  production: boolean,
): Record<string, pulumi.Output<string>> {
  if (config === undefined) return {};
  const ollama = new Ollama("ollama", ollamaArgs(config, cluster, namespace, production), { providers: { kubernetes: provider }, dependsOn });
  return { ollamaUrl: ollama.url };
}
