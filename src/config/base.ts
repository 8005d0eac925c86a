/** Keys every stack has: target, environment, the workload namespace and tags. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { GenAiConfig } from "./genai";
import { AWS_TAG_LIMITS, AZURE_TAG_LIMITS, namespaceReason, quantityReason, tagProblems } from "../../components/core/validate";
import { EKS_CLUSTER_ADDED_TAGS } from "../../components/platform/eks/validate";
import { IMAGE_MIRROR_ADDED_TAGS } from "../../components/image-mirror/validate";
import { problem } from "./issues";
import { peerProblem } from "../../components/core/peer";

export const TARGETS = ["eks", "k3s", "aci"] as const;
export type Target = (typeof TARGETS)[number];

export const ENVIRONMENTS = ["development", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * A Kubernetes quantity as every section takes it: Kubernetes accepts `cpu: 2`
 * and `cpu: 0.5` as YAML numbers, so the stack file does too.
 */
export const quantitySchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((q) => quantityReason(q) === undefined, 'expected a Kubernetes quantity such as "250m", "1", "512Mi" or "1Gi"');

/**
 * A section that creates its own namespace must not name the workload
 * namespace (forja:namespace), which the program creates too: two Namespace
 * resources with one name fight over it, and deleting either deletes both's
 * workloads.
 */
export function namespaceCollision(key: string, namespace: string | undefined, workloadNamespace: string): string[] {
  if (namespace !== workloadNamespace) return [];
  return [problem(key, namespace, `a namespace other than forja:namespace ("${workloadNamespace}"): both are created by the stack, and two Namespace resources with one name collide (leave it unset or choose another)`)];
}

/** The workload namespace Forja creates when none is given. */
/**
 * A NetworkPolicy peer as every component takes it (the core `Peer`): pods by
 * namespace name or labels and pod labels, or a CIDR, with optional ports.
 */
export const peerSchema = z
  .object({
    namespace: z.string().optional(),
    namespaceLabels: z.record(z.string(), z.string()).optional(),
    podLabels: z.record(z.string(), z.string({ error: "expected a string (quote numbers and booleans)" })).optional(),
    cidr: z.string().optional(),
    ports: z.array(z.number().int()).optional(),
  })
  .strict()
  .superRefine((peer, ctx) => {
    const reason = peerProblem(peer);
    if (reason) ctx.addIssue({ code: "custom", message: `expected ${reason}` });
  });

export const DEFAULT_NAMESPACE = "forja";

/** Tags the program adds to every cloud resource, beside the stack's own. */
export const STACK_TAG_KEYS = ["forja:stack", "forja:project"] as const;

export const baseKeys = {
  target: z.enum(TARGETS),
  /** Production protects stateful resources and spreads NAT per AZ. @default "development" on k3s, else "production" */
  environment: z.enum(ENVIRONMENTS).optional(),
  /** Namespace for the stack's workloads. @default "forja" */
  namespace: z.string().default(DEFAULT_NAMESPACE),
  /** Tags on every cloud resource that takes tags. @default {} */
  tags: z.record(z.string(), z.string({ error: "expected a string (quote numbers and booleans)" })).default({}),
};

export interface BaseConfig {
  /** forja:genai, with forja:genaiApiKey as a secret. */
  genai?: GenAiConfig & { apiKey?: pulumi.Output<string> };
  project: string;
  stack: string;
  /** The stack file the config came from, for messages. */
  file: string;
  environment: Environment;
  namespace: string;
  tags: Record<string, string>;
}

/** The tags every cloud resource of the stack carries. */
export function stackTags(config: BaseConfig): Record<string, string> {
  return { ...config.tags, "forja:stack": config.stack, "forja:project": config.project };
}

/** Namespace and tag rules, from the components' shared validators. */
export function baseProblems(config: BaseConfig, target: Target): string[] {
  const problems: string[] = [];
  const reason = namespaceReason(config.namespace);
  if (reason) problems.push(problem("forja:namespace", config.namespace, reason));
  // Every cloud resource carries the stack's tags plus those the program and the components add.
  const added = [...STACK_TAG_KEYS, ...(EKS_CLUSTER_ADDED_TAGS.length >= IMAGE_MIRROR_ADDED_TAGS.length ? EKS_CLUSTER_ADDED_TAGS : IMAGE_MIRROR_ADDED_TAGS)];
  const limits = target === "aci" ? AZURE_TAG_LIMITS : AWS_TAG_LIMITS;
  for (const found of tagProblems(config.tags, limits, target === "aci" ? STACK_TAG_KEYS : added)) {
    problems.push(problem(found.key === undefined ? "forja:tags" : `forja:tags.${found.key}`, found.value, found.expected));
  }
  for (const key of Object.keys(config.tags)) {
    if (key.startsWith("forja:")) problems.push(problem(`forja:tags.${key}`, key, `a key outside "forja:" (Forja's own tags: ${STACK_TAG_KEYS.join(", ")}, ...)`));
  }
  return problems;
}
