/** Every rule ImageMirror's args must satisfy, collected (the stack config reports them all; the component throws the first). */
import { ForjaArgumentError } from "../core/errors";
import { AWS_TAG_LIMITS, ArgumentProblems, checkTags, expectShape, isKnown, isRecord, tagProblems } from "../core/validate";
import { awsRegionReason, parseArn, secretArnReason } from "../aws/validate";
import type { ImageMirrorArgs } from "./args";
import { IMAGE_MIRROR_DEFAULTS, UPSTREAMS } from "./defaults";
import type { UpstreamName } from "./defaults";
import { privateRepository } from "./values";

const COMPONENT = "ImageMirror";

/** Every ImageMirror argument; both directions are checked against ImageMirrorArgs at compile time. */
export const IMAGE_MIRROR_ARGUMENTS = [
  "accountId",
  "region",
  "upstreams",
  "credentials",
  "privateRepositories",
  "repositoryNames",
  "manageRegistryScanning",
  "kmsKeyArn",
  "keepImages",
  "untaggedDays",
  "protect",
  "tags",
] as const satisfies readonly (keyof ImageMirrorArgs)[];
export const everyImageMirrorArgumentListed: Exclude<keyof ImageMirrorArgs, (typeof IMAGE_MIRROR_ARGUMENTS)[number]> extends never ? true : never = true;

/** Tags ImageMirror adds (private repositories also carry their source). */
export const IMAGE_MIRROR_ADDED_TAGS = ["forja:component", "forja:source"];
const UPSTREAM_NAMES = Object.keys(UPSTREAMS) as UpstreamName[];

type Args = Record<string, unknown>;

export function imageMirrorProblems(input: ImageMirrorArgs): ForjaArgumentError[] {
  const p = new ArgumentProblems(COMPONENT);
  if (!isRecord(input)) {
    p.add("args", input, "an object with at least accountId and region");
    return p.errors;
  }
  const args = input as unknown as Args;
  for (const key of Object.keys(args)) {
    if (!(IMAGE_MIRROR_ARGUMENTS as readonly string[]).includes(key)) p.add(key, args[key], `an ImageMirror argument (one of ${IMAGE_MIRROR_ARGUMENTS.join(", ")})`);
  }
  const accountOk = typeof args.accountId === "string" && /^\d{12}$/.test(args.accountId);
  if (!accountOk) p.add("accountId", args.accountId, "a 12-digit AWS account id (quoted in YAML, or leading zeros are lost)");
  p.check("region", args.region, awsRegionReason(args.region));
  const registry = accountOk && awsRegionReason(args.region) === undefined ? { account: args.accountId as string, region: args.region as string } : undefined;

  const upstreams = checkUpstreams(p, args);
  checkCredentials(p, args, upstreams, registry);
  checkPrivateRepositories(p, args.privateRepositories, args.repositoryNames, upstreams);

  if (args.kmsKeyArn !== undefined && isKnown(args.kmsKeyArn)) {
    const arn = parseArn(args.kmsKeyArn);
    if (!arn || arn.service !== "kms" || !/^(key|alias)\/.+/.test(arn.resource)) p.add("kmsKeyArn", args.kmsKeyArn, "a KMS key or alias ARN");
    else if (registry && arn.region !== registry.region) p.add("kmsKeyArn", args.kmsKeyArn, `a key in ${registry.region}, the registry's region (ECR encrypts only with keys of its own region)`);
  }
  for (const key of ["keepImages", "untaggedDays"] as const) {
    if (args[key] !== undefined && (!Number.isInteger(args[key]) || (args[key] as number) < 1)) p.add(key, args[key], "an integer >= 1");
  }
  for (const flag of ["protect", "manageRegistryScanning"] as const) expectShape(p, flag, args[flag], "boolean");
  checkTags(p, "tags", tagProblems(args.tags, AWS_TAG_LIMITS, IMAGE_MIRROR_ADDED_TAGS));
  return p.errors;
}

/** The upstreams that will be cached, once the given list is valid. */
function checkUpstreams(p: ArgumentProblems, args: Args): UpstreamName[] {
  const credentialed = isRecord(args.credentials) ? (Object.keys(args.credentials).filter((k) => k in UPSTREAMS) as UpstreamName[]) : [];
  if (args.upstreams === undefined) return [...new Set([...IMAGE_MIRROR_DEFAULTS.upstreams, ...credentialed])];
  if (!Array.isArray(args.upstreams)) {
    p.add("upstreams", args.upstreams, `a list of ${UPSTREAM_NAMES.join(", ")}`);
    return [];
  }
  const names: UpstreamName[] = [];
  (args.upstreams as unknown[]).forEach((name, i) => {
    if (typeof name !== "string" || !(name in UPSTREAMS)) return p.add(`upstreams[${i}]`, name, `one of ${UPSTREAM_NAMES.join(", ")}`);
    if (names.includes(name as UpstreamName)) return p.add(`upstreams[${i}]`, name, "each upstream once (one cache rule per registry)");
    names.push(name as UpstreamName);
  });
  const credentials = isRecord(args.credentials) ? args.credentials : {};
  for (const name of names) {
    if (UPSTREAMS[name].needsCredential && !credentials[name]) {
      p.add(`credentials.${name}`, undefined, `a credential: ECR caches ${UPSTREAMS[name].registry} only with one (credentialArn, or username and accessToken)`);
    }
  }
  return names;
}

function checkCredentials(p: ArgumentProblems, args: Args, upstreams: UpstreamName[], registry: { account: string; region: string } | undefined): void {
  if (!expectShape(p, "credentials", args.credentials, "object")) return;
  for (const [upstream, credential] of Object.entries(args.credentials as Args)) {
    const at = `credentials.${upstream}`;
    if (!(upstream in UPSTREAMS)) {
      p.add(at, upstream, `an upstream: one of ${UPSTREAM_NAMES.join(", ")}`);
      continue;
    }
    if (args.upstreams !== undefined && !upstreams.includes(upstream as UpstreamName)) {
      p.add(at, upstream, `a credential for a cached upstream (${upstream} is not in upstreams, so this one would be unused)`);
    }
    if (!isRecord(credential)) {
      p.add(at, credential, "credentialArn, or username and accessToken");
      continue;
    }
    const hasArn = credential.credentialArn !== undefined;
    const inline = credential.username !== undefined || credential.accessToken !== undefined;
    if (hasArn && inline) p.add(at, Object.keys(credential), "either credentialArn (an existing secret) or username and accessToken (stored for you), not both");
    else if (inline && (credential.username === undefined || credential.accessToken === undefined)) p.add(at, Object.keys(credential), "both username and accessToken");
    else if (!hasArn && !inline) p.add(at, Object.keys(credential), "credentialArn, or username and accessToken");
    for (const key of Object.keys(credential)) if (!["credentialArn", "username", "accessToken"].includes(key)) p.add(`${at}.${key}`, credential[key], "credentialArn, username or accessToken");
    for (const key of ["username", "accessToken"] as const) {
      const value = credential[key];
      if (value !== undefined && (value === "" || (isKnown(value) && typeof value !== "string"))) p.add(`${at}.${key}`, key === "accessToken" ? "(hidden)" : value, "a non-empty string");
    }
    if (hasArn && isKnown(credential.credentialArn)) p.check(`${at}.credentialArn`, credential.credentialArn, secretArnReason(credential.credentialArn, IMAGE_MIRROR_DEFAULTS.credentialPrefix, registry));
  }
}

function checkPrivateRepositories(p: ArgumentProblems, entries: unknown, names: unknown, upstreams: UpstreamName[]): void {
  const repositoryNames = expectShape(p, "repositoryNames", names, "object") ? (names as Record<string, unknown>) : {};
  for (const [source, name] of Object.entries(repositoryNames)) if (typeof name !== "string") p.add(`repositoryNames.${source}`, name, "an ECR repository name");
  if (!expectShape(p, "privateRepositories", entries, "list")) return;
  const sources = new Map<string, number>();
  const ecrNames = new Map<string, number>();
  const given = entries as unknown[];
  given.forEach((entry, i) => {
    const at = `privateRepositories[${i}]`;
    if (typeof entry !== "string") return p.add(at, entry, "an image repository such as icr.io/team/app, without tag");
    let repo: { source: string; name: string };
    try {
      repo = privateRepository(entry, repositoryNames as Record<string, string>);
    } catch (error) {
      if (!(error instanceof ForjaArgumentError)) throw error;
      // The shared parser names the list; say which entry (or which name) it was.
      return p.add(error.argument === "privateRepositories" ? at : `repositoryNames.${entry}`, error.value, error.expected);
    }
    if (sources.has(repo.source)) p.add(at, entry, `each repository once (${repo.source} is also privateRepositories[${sources.get(repo.source)}])`);
    else if (ecrNames.has(repo.name)) p.add(at, entry, `a distinct ECR repository name (${repo.name} is also privateRepositories[${ecrNames.get(repo.name)}]'s): set repositoryNames`);
    sources.set(repo.source, i);
    ecrNames.set(repo.name, i);
    const prefix = repo.name.split("/")[0];
    if ((upstreams as string[]).includes(prefix)) p.add(at, entry, `an ECR name outside the cache prefix ${prefix}/ (pull-through repositories live there): set repositoryNames`);
  });
  for (const source of Object.keys(repositoryNames)) {
    if (!given.includes(source)) p.add(`repositoryNames.${source}`, source, "a name for a source listed in privateRepositories (this one names nothing)");
  }
}

/** Every rule of ImageMirrorArgs; the first problem is thrown. */
export function validateImageMirror(args: ImageMirrorArgs): void {
  const [first] = imageMirrorProblems(args);
  if (first) throw first;
}
