/** Pure logic of ImageMirror: which upstreams, which repositories, the mirror map and policies. */
import { ForjaArgumentError } from "../core/errors";
import type { RegistryMirrors } from "../core/images";
import { parseImage } from "../core/images";
import { policyDocument } from "../aws/iam";
import type { PolicyDocument } from "../aws/iam";
import type { ImageMirrorArgs } from "./args";
import type { UpstreamName } from "./defaults";
import { IMAGE_MIRROR_DEFAULTS, UPSTREAMS } from "./defaults";

const COMPONENT = "ImageMirror";

export function registryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/** Upstreams to cache: the asked ones, or the credential-free ones plus those given a credential. */
export function enabledUpstreams(args: ImageMirrorArgs): UpstreamName[] {
  const credentialed = Object.keys(args.credentials ?? {}) as UpstreamName[];
  for (const name of credentialed) {
    if (!(name in UPSTREAMS)) throw new ForjaArgumentError(COMPONENT, "credentials", name, `upstream names among ${Object.keys(UPSTREAMS).join(", ")}`);
    const credential = args.credentials?.[name] ?? {};
    const arn = credential.credentialArn !== undefined;
    const inline = credential.username !== undefined || credential.accessToken !== undefined;
    if (arn === inline || (inline && (credential.username === undefined || credential.accessToken === undefined))) {
      throw new ForjaArgumentError(COMPONENT, `credentials.${name}`, Object.keys(credential), "either credentialArn, or username and accessToken");
    }
  }
  const names = args.upstreams ?? [...new Set([...IMAGE_MIRROR_DEFAULTS.upstreams, ...credentialed])];
  if (!Array.isArray(names)) throw new ForjaArgumentError(COMPONENT, "upstreams", names, "a list of upstream names");
  for (const name of names) {
    if (!(name in UPSTREAMS)) throw new ForjaArgumentError(COMPONENT, "upstreams", name, `one of ${Object.keys(UPSTREAMS).join(", ")}`);
    if (UPSTREAMS[name].needsCredential && !args.credentials?.[name]) {
      throw new ForjaArgumentError(COMPONENT, `credentials.${name}`, undefined, `a credential: ECR caches ${UPSTREAMS[name].registry} only with one (credentialArn, or username and accessToken)`);
    }
  }
  if (new Set(names).size !== names.length) throw new ForjaArgumentError(COMPONENT, "upstreams", names, "each upstream once");
  return names;
}

/** A private repository: where its images come from, and the ECR repository they are copied into. */
export interface PrivateRepositoryPlan {
  source: string;
  name: string;
}

export function privateRepository(source: string, names: Record<string, string> = {}): PrivateRepositoryPlan {
  const repo = { source, name: names[source] as string | undefined };
  let parsed;
  try {
    parsed = parseImage(repo.source);
  } catch (error) {
    throw new ForjaArgumentError(COMPONENT, "privateRepositories", repo.source, `an image repository (${(error as Error).message})`);
  }
  if (parsed.tag || parsed.digest) throw new ForjaArgumentError(COMPONENT, "privateRepositories", repo.source, "a repository without tag or digest (every tag is copied into it)");
  const name = repo.name ?? parsed.repository;
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name) || name.length > 256) {
    throw new ForjaArgumentError(COMPONENT, "privateRepositories.name", name, "an ECR repository name (lower-case path, at most 256 characters)");
  }
  return { source: `${parsed.registry}/${parsed.repository}`, name };
}

/**
 * The mirror map every component rewrites images through: each upstream
 * registry to its cache prefix, each private repository to its own
 * repository (the longer prefix wins over its registry's cache).
 */
export function mirrorMap(args: ImageMirrorArgs): RegistryMirrors {
  const host = registryHost(args.accountId, args.region);
  const map: Record<string, string> = {};
  for (const name of enabledUpstreams(args)) map[UPSTREAMS[name].registry] = `${host}/${name}`;
  for (const source of args.privateRepositories ?? []) {
    const repo = privateRepository(source, args.repositoryNames);
    map[repo.source] = `${host}/${repo.name}`;
  }
  return map;
}

/**
 * Expire untagged images quickly; with `keepImages`, also all but the newest
 * that many. Only cached repositories get a count limit: an expired cached
 * image is pulled again from upstream, a copied private image is gone.
 */
export function lifecyclePolicy(untaggedDays: number, keepImages?: number): string {
  const rules: object[] = [
    {
      rulePriority: 1,
      description: `Expire untagged images after ${untaggedDays} days`,
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedDays },
      action: { type: "expire" },
    },
  ];
  if (keepImages !== undefined) {
    rules.push({
      rulePriority: 2,
      description: `Keep the newest ${keepImages} images`,
      selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
      action: { type: "expire" },
    });
  }
  return JSON.stringify({ rules });
}

/**
 * What ECR's repository-creation role needs to create cached repositories
 * from a template with a KMS key and tags, limited to the cache prefixes.
 */
export function creationRolePolicy(args: ImageMirrorArgs, kmsKeyArn: string): PolicyDocument {
  const repositories = enabledUpstreams(args).map((name) => `arn:aws:ecr:${args.region}:${args.accountId}:repository/${name}/*`);
  return policyDocument([
    { Sid: "CreateCachedRepositories", Effect: "Allow", Action: ["ecr:CreateRepository", "ecr:TagResource", "ecr:PutLifecyclePolicy"], Resource: repositories },
    { Sid: "EncryptCachedRepositories", Effect: "Allow", Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], Resource: kmsKeyArn },
  ]);
}

/**
 * What nodes need beyond ordinary pulls so the first pull of an image fills
 * the cache: import from upstream and create the cached repository — only
 * under the cache prefixes, nowhere else in the registry.
 */
export function nodePullThroughPolicy(args: ImageMirrorArgs): PolicyDocument {
  const repositories = enabledUpstreams(args).map((name) => `arn:aws:ecr:${args.region}:${args.accountId}:repository/${name}/*`);
  return policyDocument([{ Sid: "PullThroughCacheFill", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: repositories }]);
}
