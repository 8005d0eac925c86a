/**
 * Finds a packaged chart (`NAME-VERSION.tgz`): in the folders given, else in
 * the cache, else `helm pull` from the chart's repository (https:// or oci://)
 * into the cache. A chart found nowhere is an error that names it and both
 * ways to provide it; it is never skipped.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface ChartSource {
  chart: string;
  version: string;
  /** The chart's repository, or undefined when the chart is given as a local path. */
  repository?: string;
}

export function chartFileName(chart: string, version: string): string {
  return `${chart}-${version}.tgz`;
}

export function resolveChartPackage(source: ChartSource, helm: () => string, directories: string[], cacheDirectory: string, pull: boolean): string {
  // A chart given as a path (e.g. a test's own chart folder, or a local package) is used as it is.
  if (source.repository === undefined && (source.chart.startsWith("/") || source.chart.startsWith("."))) return source.chart;
  const file = chartFileName(source.chart.split("/").pop() ?? source.chart, source.version);
  for (const dir of directories) {
    if (existsSync(join(dir, file))) return join(dir, file);
  }
  const cacheDir = join(cacheDirectory, "charts");
  const cached = join(cacheDir, file);
  if (existsSync(cached)) return cached;
  const ways = `put ${file} in a chart folder (--charts DIR or FORJA_CHARTS${directories.length ? `; searched: ${directories.join(", ")}` : ""}), or let helm pull it from ${source.repository ?? "its repository"}`;
  if (!pull || source.repository === undefined) throw new Error(`chart ${source.chart} ${source.version} not found: ${ways}`);
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, ".pull-"));
  try {
    const reference = source.repository.startsWith("oci://") ? [`${source.repository.replace(/\/$/, "")}/${source.chart}`] : [source.chart, "--repo", source.repository];
    execFileSync(helm(), ["pull", ...reference, "--version", source.version, "--destination", work], { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
    const pulled = readdirSync(work).find((name) => name.endsWith(".tgz"));
    if (!pulled) throw new Error("helm pull wrote no package");
    renameSync(join(work, pulled), cached);
    return cached;
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(`chart ${source.chart} ${source.version} not found: ${ways} (helm pull failed: ${detail})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
