/**
 * `helm template` as Pulumi's kubernetes provider runs it, with the result
 * cached on disk by everything that decides it (chart bytes, release,
 * namespace, values, Kubernetes version, hooks, CRDs): a warm cache renders
 * without starting Helm.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** One object of a rendered chart and the template that produced it (`milvus/charts/etcd/templates/pdb.yaml`). */
export interface RenderedManifest {
  object: ManifestObject;
  template: string;
}

export interface RenderRequest {
  /** Path of the packaged chart (or chart folder). */
  chartPath: string;
  releaseName: string;
  namespace: string;
  values: unknown;
  /** The target's Kubernetes version, e.g. "1.35". */
  kubeVersion: string;
  /** Render hook objects (a Release runs them; a v4 Chart drops them). */
  hooks: boolean;
  /** Render the chart's `crds/` too. */
  includeCrds: boolean;
}

const chartDigests = new Map<string, string>();

/** A digest of the chart's bytes, memoised per path, size and modification time. */
function chartDigest(path: string): string {
  const stat = statSync(path);
  const key = `${path}:${stat.size}:${stat.mtimeMs}`;
  let digest = chartDigests.get(key);
  if (!digest) {
    digest = stat.isDirectory() ? key : createHash("sha256").update(readFileSync(path)).digest("hex");
    chartDigests.set(key, digest);
  }
  return digest;
}

/** Splits `helm template` output into objects, keeping each one's `# Source:` template; `List`s are flattened. */
export function parseManifests(text: string): RenderedManifest[] {
  const manifests: RenderedManifest[] = [];
  for (const document of text.split(/^---\s*$/m)) {
    const template = /^# Source: (.+)$/m.exec(document)?.[1].trim() ?? "";
    const parsed = parse(document) as ManifestObject | null;
    if (!parsed || typeof parsed !== "object" || !parsed.kind) continue;
    const items = parsed.kind === "List" || parsed.kind.endsWith("List") ? ((parsed.items as ManifestObject[] | undefined) ?? []) : [parsed];
    for (const object of items) manifests.push({ object, template });
  }
  return manifests;
}

function isTestHook(object: ManifestObject): boolean {
  const hook = object.metadata?.annotations?.["helm.sh/hook"] ?? "";
  return hook.split(",").some((phase) => phase.trim().startsWith("test"));
}

export function renderChart(helm: () => string, request: RenderRequest, cacheDirectory: string): RenderedManifest[] {
  const kubeVersion = /^\d+\.\d+$/.test(request.kubeVersion) ? `${request.kubeVersion}.0` : request.kubeVersion;
  const key = createHash("sha256")
    .update(JSON.stringify([chartDigest(request.chartPath), request.releaseName, request.namespace, kubeVersion, request.hooks, request.includeCrds, request.values]))
    .digest("hex");
  const cacheDir = join(cacheDirectory, "renders");
  const cached = join(cacheDir, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as RenderedManifest[];
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, ".render-"));
  try {
    const valuesFile = join(work, "values.json");
    writeFileSync(valuesFile, JSON.stringify(request.values ?? {}));
    const args = ["template", request.releaseName, request.chartPath, "--namespace", request.namespace, "--values", valuesFile, "--kube-version", kubeVersion];
    if (request.includeCrds) args.push("--include-crds");
    if (!request.hooks) args.push("--no-hooks");
    let output: string;
    try {
      output = execFileSync(helm(), args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr?.toString().trim();
      throw new Error(`helm template ${request.releaseName} (${request.chartPath}) failed: ${stderr || (error as Error).message}`);
    }
    const manifests = parseManifests(output).filter((manifest) => !isTestHook(manifest.object));
    const staged = join(work, "render.json");
    writeFileSync(staged, JSON.stringify(manifests));
    renameSync(staged, cached);
    return manifests;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
