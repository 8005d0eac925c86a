/** Where docker.io's short names ("nginx", "bitnami/kafka") really live. */
export const DOCKER_HUB = "docker.io";

/** A parsed image reference. Exactly one of tag/digest is set for a pinned image. */
export interface ImageReference {
  /** Registry host, e.g. `docker.io`, `quay.io`, `123.dkr.ecr.us-east-1.amazonaws.com`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `milvusdb/milvus`. */
  repository: string;
  /** Tag, e.g. `v2.5.15`. */
  tag?: string;
  /** Content digest, e.g. `sha256:...`. */
  digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Registries refuse a name (host and repository path, without tag or digest) longer than this. */
export const IMAGE_NAME_LIMIT = 255;

/** Parses `registry/repo:tag@digest` with Docker's normalisation of short names. */
export function parseImage(reference: string): ImageReference {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`image "${reference}": digest "${digest}" is not of the form algorithm:hex`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`image "${reference}": tag "${tag}" is not a valid tag`);
  }
  if (rest.length > IMAGE_NAME_LIMIT) throw new Error(`image "${reference.slice(0, 60)}...": the name is ${rest.length} characters; registries allow ${IMAGE_NAME_LIMIT}`);
  const parts = rest.split("/");
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : DOCKER_HUB;
  let repository = hasRegistry ? parts.slice(1).join("/") : rest;
  if (registry === DOCKER_HUB && !repository.includes("/")) repository = `library/${repository}`;
  if (!repository || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repository)) {
    throw new Error(`image "${reference}": repository "${repository}" is not a valid lower-case repository path`);
  }
  return { registry, repository, tag, digest };
}

export function formatImage(image: ImageReference): string {
  return `${image.registry}/${image.repository}${image.tag ? `:${image.tag}` : ""}${image.digest ? `@${image.digest}` : ""}`;
}

/** Why a reference is not pinned, or undefined when it is (a tag other than `latest`, or a digest). */
export function unpinnedReason(reference: string): string | undefined {
  let image: ImageReference;
  try {
    image = parseImage(reference);
  } catch (error) {
    return (error as Error).message;
  }
  if (image.digest) return undefined;
  if (!image.tag) return `image "${reference}" has no tag (it would pull latest)`;
  if (image.tag === "latest") return `image "${reference}" uses the moving tag "latest"`;
  return undefined;
}

/**
 * Registry mirrors: a map from an upstream prefix (`registry` or
 * `registry/repository-prefix`) to the prefix that replaces it, e.g.
 * `{ "docker.io": "123.dkr.ecr.us-east-1.amazonaws.com/docker-hub",
 *    "icr.io/mjc-cr": "123.dkr.ecr.us-east-1.amazonaws.com/mjc-cr" }`.
 * The longest matching prefix wins, so one private repository can be routed
 * apart from the rest of its registry.
 */
export type RegistryMirrors = Readonly<Record<string, string>>;

/** Rewrites an image reference to its mirrored form; unmatched images are returned normalised. */
export function mirrorImage(reference: string, mirrors: RegistryMirrors | undefined): string {
  const image = parseImage(reference);
  const path = `${image.registry}/${image.repository}`;
  const match = Object.keys(mirrors ?? {})
    .filter((prefix) => path === prefix || path.startsWith(`${prefix.replace(/\/+$/, "")}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (!match || !mirrors) return formatImage(image);
  const target = mirrors[match].replace(/\/+$/, "");
  const mirrored = parseImage(`${target}${path.slice(match.replace(/\/+$/, "").length)}`);
  return formatImage({ ...mirrored, tag: image.tag, digest: image.digest });
}


/**
 * Why `image` cannot run `version`: its tag names another major version
 * ("2.10.5-python3.12" for version "3.1.7"). Undefined when they agree or
 * the tag says no version (a digest, "stable"). A component that renders
 * objects for a version must not run an image of another major.
 */
export function versionMismatchReason(image: string, version: string): string | undefined {
  let tag: string | undefined;
  try {
    tag = parseImage(image).tag;
  } catch {
    return undefined;
  }
  const tagMajor = /(?:^|[^\d.])v?(\d+)\.\d+/.exec(`-${tag ?? ""}`)?.[1];
  const versionMajor = /^v?(\d+)\./.exec(version)?.[1];
  // Date tags (2025.10.29) name a build, not a release.
  if (tagMajor === undefined || versionMajor === undefined || tagMajor === versionMajor || Number(tagMajor) >= 100) return undefined;
  return `the image's tag "${tag}" is major version ${tagMajor}, but the version is ${version} (major ${versionMajor}): objects would be rendered for the wrong major; set both to one release`;
}
