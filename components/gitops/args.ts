import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

/** The Git repository Argo CD syncs from, over SSH with a deploy key. */
export interface GitRepositoryArgs {
  /** SSH URL, e.g. "git@github.com:acme/ml-platform.git". */
  url: string;
  /** The deploy key's private half (OpenSSH PEM); kept as a secret. */
  sshPrivateKey: pulumi.Input<string>;
}

/** One Application: a folder of the repository synced into one namespace. Argo CD owns what it syncs. */
export interface GitOpsApplicationArgs {
  /** Application name (also its AppProject's destination). */
  name: string;
  /** Folder of the repository holding the manifests. */
  path: string;
  /** Namespace the manifests go to; Forja must not manage objects in it. */
  namespace: string;
  /** Branch, tag or commit. @default "HEAD" */
  targetRevision?: string;
  /** Sync automatically, pruning and reverting drift. @default true */
  automated?: boolean;
}

export interface GitOpsArgs {
  /** The cluster's capabilities (only `imageMirrors` is used). */
  cluster: ClusterCapabilities;
  /** Argo CD's namespace (restricted). @default "argocd" */
  namespace?: string;
  /** The repository Applications come from. */
  repository: GitRepositoryArgs;
  /** Applications registered in one AppProject limited to the repository and their namespaces. @default [] */
  applications?: GitOpsApplicationArgs[];
  /** A mirror of the chart repository (https://, oci:// or a file:/// folder). @default "https://argoproj.github.io/argo-helm" */
  chartRepository?: string;
  /** Extra chart values, merged last. @default {} */
  values?: ChartValuesOverride;
  /** Protect the namespaces it creates (deleting one deletes everything in it, volume claims included) and keep them on removal; the stack sets it in production. @default false */
  protect?: boolean;
}
