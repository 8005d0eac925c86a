/**
 * Renders a chart's values with the real Helm the synth uses, and finds the
 * values keys a chart ignores: each key Forja sets is changed once and the
 * render compared with the original. A key whose change changes nothing is
 * dead weight, or a typo the chart silently accepts.
 */
import { isDeepStrictEqual } from "node:util";
import type { HelmEntry } from "../../src/offline/report";
import { locateHelm, resolveChartSettings } from "../../components/testing/helm";
import { resolveChartPackage } from "../../components/testing/helm/charts";
import { renderChart } from "../../components/testing/helm/render";
import type { RenderedManifest } from "../../components/testing/helm/render";

const settings = resolveChartSettings();
const helm = () => locateHelm(settings.helm, settings.cacheDirectory);

/** Renders a v4 Chart as the synth does (hooks dropped, CRDs in); a render error is returned, not thrown. */
export function renderEntry(entry: HelmEntry, values: unknown, kubeVersion = "1.35"): RenderedManifest[] | string {
  const chartPath = resolveChartPackage({ chart: String(entry.chart), version: String(entry.version), repository: String(entry.repo) }, helm, settings.chartDirectories, settings.cacheDirectory, settings.pull);
  try {
    return renderChart(helm, { chartPath, releaseName: entry.name, namespace: String(entry.namespace), values, kubeVersion, hooks: entry.type.endsWith("Release"), includeCrds: true }, settings.cacheDirectory);
  } catch (error) {
    return (error as Error).message;
  }
}

type Path = (string | number)[];

/** Keys to change one at a time: every scalar, and every list as a whole (its items are data, not keys). */
export function valueUnits(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value) || value === null || typeof value !== "object") return [path];
  const entries = Object.entries(value);
  if (entries.length === 0) return [path];
  return entries.flatMap(([key, inner]) => valueUnits(inner, [...path, key]));
}

function mutated(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.slice(0, -1) : ["forja-mutation"];
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return `${value}-forja-mutation`;
  if (value && typeof value === "object") return { "forja-mutation": "x" };
  return "forja-mutation";
}

export function withChange(values: unknown, path: Path): unknown {
  const copy = structuredClone(values) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  node[last] = mutated(node[last]);
  return copy;
}

/** Dotted paths of the keys whose change leaves the render exactly as it was. */
export function unconsumedKeys(entry: HelmEntry, kubeVersion = "1.35"): string[] {
  const baseline = renderEntry(entry, entry.values, kubeVersion);
  if (typeof baseline === "string") throw new Error(baseline);
  return valueUnits(entry.values)
    .filter((path) => path.length > 0)
    .filter((path) => isDeepStrictEqual(renderEntry(entry, withChange(entry.values, path), kubeVersion), baseline))
    .map((path) => path.join("."));
}
