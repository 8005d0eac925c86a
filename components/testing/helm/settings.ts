/**
 * Where the mock runtime's Helm comes from, where charts are found and where
 * renders are cached. Test tooling, not a component: the defaults read the
 * environment here, in one place, so CI and users can point at their own.
 */
import { homedir } from "node:os";
import { delimiter, join, resolve } from "node:path";

export interface ChartRenderSettings {
  /** Path of a Helm binary (v3.14+ or v4). @default `FORJA_HELM`, else `helm` on the PATH, else the pinned Helm fetched into the cache */
  helm?: string;
  /** Folders holding packaged charts named `NAME-VERSION.tgz`, searched in order before any repository. @default `FORJA_CHARTS` (a PATH-style list), else none */
  chartDirectories?: string[];
  /** Where the fetched Helm, pulled charts and rendered manifests are kept. @default `FORJA_CACHE`, else `$XDG_CACHE_HOME/forja`, else `~/.cache/forja` */
  cacheDirectory?: string;
  /** Whether `helm pull` may fetch a chart from its repository when no folder holds it. @default true */
  pull?: boolean;
  /** Whether charts are rendered at all (`false` records charts as their inputs only). @default `FORJA_RENDER_CHARTS` is not "off" */
  render?: boolean;
}

export interface ResolvedChartSettings {
  helm?: string;
  chartDirectories: string[];
  cacheDirectory: string;
  pull: boolean;
  render: boolean;
}

export function resolveChartSettings(settings: ChartRenderSettings = {}, env: NodeJS.ProcessEnv = process.env): ResolvedChartSettings {
  const fromEnv = (env.FORJA_CHARTS ?? "").split(delimiter).filter(Boolean);
  const cacheHome = env.XDG_CACHE_HOME ? env.XDG_CACHE_HOME : join(homedir(), ".cache");
  return {
    helm: settings.helm ?? (env.FORJA_HELM || undefined),
    chartDirectories: (settings.chartDirectories ?? fromEnv).map((dir) => resolve(dir)),
    cacheDirectory: resolve(settings.cacheDirectory ?? (env.FORJA_CACHE || join(cacheHome, "forja"))),
    pull: settings.pull ?? true,
    render: settings.render ?? env.FORJA_RENDER_CHARTS !== "off",
  };
}
