/**
 * Helm values, one way for every chart-based component: component defaults <
 * computed values < the user's `values`, deep-merged in that order, then every
 * image in the result rewritten through the cluster's registry mirrors. Pure:
 * no SDK, never mutates its inputs.
 */
import { ForjaArgumentError } from "../core/errors";
import type { RegistryMirrors } from "../core/images";
import { formatImage, mirrorImage, parseImage } from "../core/images";
import type { PlainObject } from "../core/merge";
import { deepMerge, isPlainObject } from "../core/merge";

/** A pinned chart: what `helm install <chart> --repo <repository> --version <version>` needs. */
export interface ChartReference {
  /** Chart name in the repository. */
  chart: string;
  /** Exact chart version (never a range). */
  version: string;
  /** Chart repository URL (https:// or oci://). */
  repository: string;
}

export interface ChartValueLayers {
  /** The component's baseline values (e.g. a preset). @default {} */
  defaults?: PlainObject;
  /** Values computed from args and cluster capabilities. @default {} */
  computed?: PlainObject;
  /** The user's `values` override: wins over everything. @default {} */
  user?: PlainObject;
  /** Registry mirrors every image is rewritten through. @default {} */
  mirrors?: RegistryMirrors;
}

export function chartValues(layers: ChartValueLayers): PlainObject {
  return mirrorValues(deepMerge(layers.defaults, layers.computed, layers.user), layers.mirrors ?? {});
}

const IMAGE_KEY = /image$/i;

/**
 * Rewrites every image in a values tree through the mirrors, whatever the
 * chart's convention: `{registry?, repository, tag?, digest?}` objects and
 * string values under keys ending in `image`. Images no mirror matches are
 * left exactly as written.
 */
export function mirrorValues(values: PlainObject, mirrors: RegistryMirrors): PlainObject {
  if (Object.keys(mirrors).length === 0) return deepMerge(values);
  return rewrite(values, mirrors) as PlainObject;
}

function rewrite(node: unknown, mirrors: RegistryMirrors, key = ""): unknown {
  if (Array.isArray(node)) return node.map((item) => rewrite(item, mirrors));
  if (typeof node === "string") return IMAGE_KEY.test(key) && looksLikeImage(node) ? mirrorString(node, mirrors) : node;
  if (!isPlainObject(node)) return node;
  const result: PlainObject = {};
  for (const [childKey, child] of Object.entries(node)) result[childKey] = rewrite(child, mirrors, childKey);
  return typeof result.repository === "string" ? mirrorObject(result, mirrors) : result;
}

function looksLikeImage(text: string): boolean {
  try {
    parseImage(text);
    return true;
  } catch {
    return false;
  }
}

function mirrorString(reference: string, mirrors: RegistryMirrors): string {
  const mirrored = mirrorImage(reference, mirrors);
  return mirrored === formatImage(parseImage(reference)) ? reference : mirrored;
}

/** `{registry, repository, tag}` keeps its shape: the registry key gets the mirror host, the path the rest. */
function mirrorObject(image: PlainObject, mirrors: RegistryMirrors): PlainObject {
  const registry = typeof image.registry === "string" && image.registry !== "" ? `${image.registry}/` : "";
  const path = `${registry}${image.repository as string}`;
  if (!looksLikeImage(path)) return image;
  const original = formatImage(parseImage(path));
  const mirrored = mirrorImage(path, mirrors);
  if (mirrored === original) return image;
  const target = parseImage(mirrored);
  return "registry" in image
    ? { ...image, registry: target.registry, repository: target.repository }
    : { ...image, repository: `${target.registry}/${target.repository}` };
}

/** Why a chart repository URL is unusable, or undefined: https://, oci://, or a file:// folder of packaged charts. */
export function chartRepositoryReason(repository: unknown): string | undefined {
  if (typeof repository === "string" && /^(https|oci):\/\/\S+$|^file:\/\/\/\S*$/.test(repository)) return undefined;
  return "an https:// or oci:// chart repository URL, or a file:/// folder holding NAME-VERSION.tgz packages";
}

/**
 * An exact SemVer 2 version, with the optional `v` some publishers keep in
 * their chart versions (jetstack's cert-manager `v1.21.1`): Helm accepts it
 * and matches it literally against the index. No ranges, no wildcards.
 */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart reference checked for the pinning rule: exact versions only. */
export function validateChartReference(component: string, argument: string, chart: ChartReference): ChartReference {
  if (typeof chart.version !== "string" || !EXACT_VERSION.test(chart.version)) throw new ForjaArgumentError(component, `${argument}.version`, chart.version, "an exact chart version such as 4.2.57 (or v1.21.1 where the publisher keeps the v)");
  const reason = chartRepositoryReason(chart.repository);
  if (reason) throw new ForjaArgumentError(component, `${argument}.repository`, chart.repository, reason);
  return chart;
}
