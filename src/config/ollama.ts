/** `forja:ollama`: Ollama in the workload namespace (k3s and eks); semantic checks are the Ollama component's. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { OllamaArgs } from "../../components/ollama/args";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { quantitySchema } from "./base";
import type { Target } from "./base";
import type { GenAiConfig } from "./genai";
import { GENAI_DEFAULT_OLLAMA_MODEL } from "./genai";

const quantity = quantitySchema;

export const ollamaSection = z
  .object({
    /** Models pulled before the server starts, pinned (qwen2.5:0.5b). */
    models: z.array(z.string()).min(1),
    /** @default "50Gi" */
    storageSize: quantity.optional(),
    resources: z
      .object({
        requests: z.object({ cpu: quantity, memory: quantity }).strict(),
        limits: z.object({ memory: quantity, cpu: quantity.optional() }).strict(),
      })
      .strict()
      .optional(),
    gpuCount: z.number().int().min(0).optional(),
    keepAlive: z.string().optional(),
    numParallel: z.number().int().optional(),
    maxLoadedModels: z.number().int().optional(),
  })
  .strict();
export type OllamaConfig = z.output<typeof ollamaSection>;

/**
 * Where Ollama may run, and the model GenAI names: workloads told to use a
 * model the stack's own Ollama never pulls would fail at their first request.
 */
export function ollamaProblems(target: Target, ollama: OllamaConfig | undefined, aciModels: string[] | undefined, genai: GenAiConfig | undefined): string[] {
  const problems: string[] = [];
  if (target === "aci" && ollama !== undefined) problems.push(`forja:ollama is set but forja:target is "aci": the aci target runs Ollama from forja:aci.ollama`);
  const pulled = target === "aci" ? aciModels : ollama?.models;
  const usesOwnOllama = genai !== undefined && (genai.provider ?? (target === "eks" ? "bedrock" : "ollama")) === "ollama" && genai.baseUrl === undefined;
  if (usesOwnOllama && pulled === undefined) {
    const section = target === "aci" ? "forja:aci.ollama" : "forja:ollama";
    problems.push(`forja:genai.baseUrl is missing: provider "ollama" without a baseUrl means the stack's own Ollama, but ${section} is not set (workloads would call an Ollama that does not exist); set ${section} or give baseUrl`);
  }
  if (pulled !== undefined && genai !== undefined && usesOwnOllama) {
    const model = genai.modelId ?? GENAI_DEFAULT_OLLAMA_MODEL;
    const where = target === "aci" ? "forja:aci.ollama.models" : "forja:ollama.models";
    if (!pulled.includes(model)) problems.push(`forja:genai.modelId = "${model}" is not in ${where} (${pulled.join(", ")}): the stack's Ollama would not have it`);
  }
  return problems;
}

/** The Ollama args the program passes for `forja:ollama` (config validation runs the component's validator on the same). */
export function ollamaArgs(config: OllamaConfig, cluster: ClusterCapabilities, namespace: pulumi.Input<string>, production: boolean): OllamaArgs {
  // Ollama admits nobody by default. It runs in the stack's workload namespace, whose pods are
  // the stack's own workloads: the gateway, or the services forja:genai wires to the model.
  return { ...config, cluster, namespace, protect: production, clients: [{}] };
}
