import type * as pulumi from "@pulumi/pulumi";
import type { Upstream } from "./defaults";

/**
 * An upstream credential: either an existing Secrets Manager secret
 * (`credentialArn`, named `ecr-pullthroughcache/...`), or a user and token
 * Forja stores in one. Exactly one form.
 */
export interface UpstreamCredential {
  /** @default unset */
  credentialArn?: pulumi.Input<string>;
  /** @default unset */
  username?: pulumi.Input<string>;
  /** @default unset */
  accessToken?: pulumi.Input<string>;
}

export interface ImageMirrorArgs {
  /** AWS account that owns the registry (the mirror host is `<account>.dkr.ecr.<region>.amazonaws.com`). */
  accountId: string;
  /** AWS region of the registry. */
  region: string;
  /** Upstreams to cache through ECR. @default ["quay", "k8s", "ecr-public"] plus every upstream given a credential */
  upstreams?: Upstream[];
  /** Credentials by upstream name for upstreams that need one (docker-hub, ghcr). @default {} */
  credentials?: Record<string, UpstreamCredential>;
  /** Images copied into ECR once (private registries), without tag, e.g. `icr.io/mjc-cr/mmjc-airflow-service`: a repository each. @default [] */
  privateRepositories?: string[];
  /** ECR repository name per private repository source. @default the source path without its registry host */
  repositoryNames?: Record<string, string>;
  /** Own the account's registry scanning configuration (scan on push, every repository). Turn off where another stack owns it. @default true */
  manageRegistryScanning?: boolean;
  /** KMS key for the repositories (credentials use Secrets Manager's own key, which ECR can read). @default a new key with yearly rotation */
  kmsKeyArn?: pulumi.Input<string>;
  /** Images kept per cached repository (private repositories keep every tagged image). @integer @default 30 */
  keepImages?: number;
  /** Days before untagged images expire. @default 7 */
  untaggedDays?: number;
  /** This holds data: refuse to delete the private repositories, credentials and the key (turn off for throwaway stacks). @default true */
  protect?: boolean;
  /** @default {} */
  tags?: Record<string, string>;
}
