/** `forja:k3s` and `forja:kubeconfig`: K3sCluster's args, with its defaults and enums. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IngressController, NodeArchitecture } from "../../components/platform/capabilities";
import type { K3sClusterArgs } from "../../components/platform/k3s";
import { K3S_DEFAULTS } from "../../components/platform/k3s/defaults";
import { k3sClusterProblems } from "../../components/platform/k3s/validate";
import type { BaseConfig } from "./base";
import { componentProblems } from "./issues";
import { quantitySchema } from "./base";
import type { AirflowConfig } from "./airflow";
import type { AppGearConfig } from "./appgear";
import type { MilvusConfig } from "./milvus";
import type { MlPlatformConfig } from "./mlplatform";
import type { OllamaConfig } from "./ollama";
import type { ServiceSpec } from "./services";
import type { Assert, Fits, SameKeys } from "./types";

const values = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

export const k3sSection = z
  .object({
    /** Path to a kubeconfig file; the Kubernetes provider reads it. @default the provider's ambient kubeconfig */
    kubeconfigPath: z.string().min(1).optional(),
    /** kubeconfig context to use. @default the file's current context */
    context: z.string().min(1).optional(),
    /** StorageClass for persistent volumes (`standard` on Minikube). @default "local-path" */
    storageClass: z.string().default(K3S_DEFAULTS.storageClass),
    /** IngressClass for HTTP routes (`nginx` on Minikube). @default "traefik" */
    ingressClass: z.string().default(K3S_DEFAULTS.ingressClass),
    /** Controller behind the IngressClass. @default from ingressClass: traefik, nginx, else other */
    ingressController: z.enum(values(IngressController)).optional(),
    /** Node architecture. @default "amd64" */
    nodeArchitecture: z.enum(values(NodeArchitecture)).optional(),
    /** Whether nvidia.com/gpu is schedulable. @default false */
    gpu: z.boolean().optional(),
    /** Registry mirrors every image is rewritten through: upstream prefix -> mirror prefix. @default {} */
    imageMirrors: z.record(z.string(), z.string()).optional(),
    /** The cluster's Kubernetes minor version: charts render for it (`.Capabilities.KubeVersion`). @default "1.35" */
    kubernetesVersion: z
      .string()
      .regex(/^1\.\d+$/, 'a Kubernetes minor version such as "1.35" (quote it: YAML reads 1.30 as 1.3)')
      .default(K3S_DEFAULTS.kubernetesVersion),
    /** What the cluster's nodes offer: the synth checks that the stack's pods fit. @default one node with 8 CPUs and 32Gi */
    nodes: z
      .object({
        /** Number of nodes. @default 1 */
        count: z.number().int().min(1).default(K3S_DEFAULTS.nodes.count),
        /** Allocatable CPU per node (after what K3s and the OS keep), as a Kubernetes quantity. @default "8" */
        cpu: quantitySchema.default(K3S_DEFAULTS.nodes.cpu),
        /** Allocatable memory per node, as a Kubernetes quantity. @default "32Gi" */
        memory: quantitySchema.default(K3S_DEFAULTS.nodes.memory),
      })
      .strict()
      .default({ count: K3S_DEFAULTS.nodes.count, cpu: K3S_DEFAULTS.nodes.cpu, memory: K3S_DEFAULTS.nodes.memory }),
  })
  .strict();
type K3sSection = z.output<typeof k3sSection>;

/**
 * forja:kubeconfig (secret content) or forja:k3s.kubeconfigPath both become K3sCluster's `kubeconfig`;
 * kubernetesVersion and nodes describe the cluster for the synth's chart rendering and capacity check.
 */
type Transformed = "kubeconfigPath" | "kubernetesVersion" | "nodes";
export type K3sKeysMatchK3sCluster = Assert<SameKeys<Exclude<keyof K3sSection, Transformed> | "kubeconfig", keyof K3sClusterArgs>>;
export type K3sFitsK3sCluster = Assert<Fits<Omit<K3sSection, Transformed>, Omit<K3sClusterArgs, "kubeconfig">>>;

export interface K3sStackConfig extends BaseConfig {
  target: "k3s";
  k3s: K3sSection;
  /** Secret kubeconfig content, when given instead of a path. */
  kubeconfig?: pulumi.Output<string>;
  services: Record<string, ServiceSpec>;
  milvus?: MilvusConfig;
  ollama?: OllamaConfig;
  airflow?: AirflowConfig;
  appgear?: AppGearConfig;
  mlplatform?: MlPlatformConfig;
}

export function k3sClusterArgs(config: K3sStackConfig): K3sClusterArgs {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { kubeconfigPath, kubernetesVersion, nodes, ...rest } = config.k3s;
  return { ...rest, kubeconfig: config.kubeconfig ?? kubeconfigPath };
}

export function k3sProblems(config: K3sStackConfig, isSecret: (path: string) => boolean): string[] {
  const problems: string[] = [];
  if (config.kubeconfig !== undefined && config.k3s.kubeconfigPath !== undefined) {
    problems.push("forja:kubeconfig and forja:k3s.kubeconfigPath are both set: expected one kubeconfig source (content as a secret, or a path)");
  }
  const table: [string, string][] = [
    ["", "forja:k3s"],
    ["kubeconfig", config.kubeconfig !== undefined ? "forja:kubeconfig" : "forja:k3s.kubeconfigPath"],
  ];
  return [...problems, ...componentProblems(k3sClusterProblems(k3sClusterArgs(config)), table, isSecret)];
}
