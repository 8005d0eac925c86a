/**
 * Renders the charts a program installs, the way the kubernetes provider
 * would on the target cluster: the recording monitor calls it for every
 * `helm.sh/v4:Chart` (hooks dropped, CRDs included, always a fresh install)
 * and `helm.sh/v3:Release` (hooks rendered: a Release runs them).
 */
import { basename } from "node:path";
import { locateHelm } from "./binary";
import { resolveChartPackage } from "./charts";
import { renderChart } from "./render";
import type { RenderedManifest } from "./render";
import { resolveChartSettings } from "./settings";
import type { ChartRenderSettings, ResolvedChartSettings } from "./settings";

/** The Chart/Release inputs the renderer reads (as the SDK sends them). */
export interface ChartInputs {
  chart?: unknown;
  version?: unknown;
  name?: unknown;
  namespace?: unknown;
  values?: unknown;
  skipCrds?: unknown;
  repositoryOpts?: { repo?: unknown };
}

export class ChartRenderer {
  private readonly settings: ResolvedChartSettings;
  private helmPath: string | undefined;
  /** Time spent finding charts and rendering them (Helm or the render cache), for benchmarks. */
  renderMs = 0;

  constructor(
    settings: ChartRenderSettings,
    /** Kubernetes version of the target cluster (`.Capabilities.KubeVersion`). */
    readonly kubeVersion: string,
  ) {
    this.settings = resolveChartSettings(settings);
  }

  /** The Helm binary, located (or fetched) on first use. */
  helm = (): string => {
    this.helmPath ??= locateHelm(this.settings.helm, this.settings.cacheDirectory);
    return this.helmPath;
  };

  render(inputs: ChartInputs, resourceName: string, hooks: boolean): { release: string; namespace: string; chart: string; manifests: RenderedManifest[] } {
    const started = performance.now();
    try {
      return this.renderOnce(inputs, resourceName, hooks);
    } finally {
      this.renderMs += performance.now() - started;
    }
  }

  private renderOnce(inputs: ChartInputs, resourceName: string, hooks: boolean): { release: string; namespace: string; chart: string; manifests: RenderedManifest[] } {
    const chart = String(inputs.chart ?? "");
    const version = String(inputs.version ?? "");
    const repository = typeof inputs.repositoryOpts?.repo === "string" ? inputs.repositoryOpts.repo : undefined;
    const chartPath = resolveChartPackage({ chart, version, repository }, this.helm, this.settings.chartDirectories, this.settings.cacheDirectory, this.settings.pull);
    const release = typeof inputs.name === "string" && inputs.name !== "" ? inputs.name : resourceName;
    const namespace = typeof inputs.namespace === "string" && inputs.namespace !== "" ? inputs.namespace : "default";
    const manifests = renderChart(
      this.helm,
      { chartPath, releaseName: release, namespace, values: inputs.values ?? {}, kubeVersion: this.kubeVersion, hooks, includeCrds: inputs.skipCrds !== true },
      this.settings.cacheDirectory,
    );
    // A chart given as a path is named by its folder or package (`probe`, `milvus-4.2.57`).
    const label = repository === undefined && /^[./]/.test(chart) ? basename(chart).replace(/\.tgz$/, "") : `${chart} ${version}`;
    return { release, namespace, chart: label, manifests };
  }
}
