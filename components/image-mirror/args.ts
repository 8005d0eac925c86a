import type * as pulumi from "@pulumi/pulumi";
import type { UpstreamName } from "./defaults";

/** An upstream credential: an existing Secrets Manager secret, or a user and token to store in one. */
export type UpstreamCredential = { credentialArn: pulumi.Input<string> } | { username: pulumi.Input<string>; accessToken: pulumi.Input<string> };

export interface PrivateRepository {
  /** Where the image comes from, without tag, e.g. `icr.io/mjc-cr/mmjc-airflow-service`. */
  source: string;
  /** ECR repository name. @default the source path without its registry host */
  name?: string;
}

export interface ImageMirrorArgs {
  /** AWS account that owns the registry (the mirror host is `<account>.dkr.ecr.<region>.amazonaws.com`). */
  accountId: string;
  /** AWS region of the registry. */
  region: string;
  /** Upstreams to cache through ECR. @default ["quay", "k8s", "ecr-public"] plus every upstream given a credential */
  upstreams?: UpstreamName[];
  /** Credentials for upstreams that need one (docker-hub, ghcr). @default {} */
  credentials?: Partial<Record<UpstreamName, UpstreamCredential>>;
  /** Images that must be copied into ECR once (private registries): repository per image. @default [] */
  privateRepositories?: (string | PrivateRepository)[];
  /** KMS key for the repositories (credentials use Secrets Manager's own key, which ECR can read). @default a new key with yearly rotation */
  kmsKeyArn?: pulumi.Input<string>;
  /** Images kept per cached repository (private repositories keep every tagged image). @default 30 */
  keepImages?: number;
  /** Days before untagged images expire. @default 7 */
  untaggedDays?: number;
  /** Protect repositories and the key from deletion (production). @default false */
  protect?: boolean;
  /** @default {} */
  tags?: Record<string, string>;
}
