/**
 * `npm run bench`: per stack, the program's wall time and peak RSS under the
 * mock runtime, beside the SDK floor (the same custom resources registered
 * bare), as a ratio. Figures, not pass/fail: timed assertions live nowhere.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateHelm, resolveChartSettings } from "../components/testing/helm";

interface Measurement {
  ms: number;
  peakRssMiB: number;
  resources: number;
  /** Time spent finding and rendering Helm charts. */
  renderMs: number;
  criticalPathMinutes?: number;
  criticalPath?: string[];
}

/**
 * Measured as `pulumi up` runs it: precompiled JavaScript (`npm run bench`
 * compiles first). Under ts-node, source-mapped stack traces, which the SDK
 * captures per resource, cost a third of the time on their own.
 */
function measure(args: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Measurement {
  const out = execFileSync(process.execPath, [join(__dirname, "measure.js"), ...args], { cwd, encoding: "utf8", env });
  return JSON.parse(out.trim().split("\n").pop() as string) as Measurement;
}

function row(label: string, forja: Measurement, floor: Measurement): string {
  const cells = [
    label.padEnd(14),
    String(forja.resources).padStart(6),
    `${forja.ms.toFixed(0)} ms`.padStart(9),
    `${forja.peakRssMiB.toFixed(0)} MiB`.padStart(9),
    String(floor.resources).padStart(6),
    `${floor.ms.toFixed(0)} ms`.padStart(9),
    `${floor.peakRssMiB.toFixed(0)} MiB`.padStart(9),
    `${(forja.ms / floor.ms).toFixed(2)}x`.padStart(7),
    `${(forja.peakRssMiB / floor.peakRssMiB).toFixed(2)}x`.padStart(7),
    `${((forja.renderMs / forja.ms) * 100).toFixed(0)}%`.padStart(7),
  ];
  return cells.join(" ");
}

export function benchStacks(stacks: { label: string; stack: string; cwd?: string }[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "forja-bench-"));
  return stacks.map(({ label, stack, cwd }) => {
    const file = join(dir, `${label}.json`);
    const forja = measure(["forja", stack, file], cwd);
    const floor = measure(["floor", file], cwd);
    return row(label, forja, floor);
  });
}

/** A k3s stack of `count` WebServices (each with HPA, PDB, Ingress, ConfigMap and NetworkPolicy). */
function scaleProject(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), `forja-scale-${count}-`));
  copyFileSync(join(process.cwd(), "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  const services = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `svc-${i}`,
      {
        image: "docker.io/traefik/whoami:v1.10.3",
        port: 8080,
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } },
        env: { INDEX: String(i) },
        autoscaling: { minReplicas: 2, maxReplicas: 4 },
        ingress: { path: `/svc-${i}` },
      },
    ]),
  );
  const config = { config: { "forja:target": "k3s", "forja:services": services } };
  writeFileSync(join(dir, `Pulumi.scale.yaml`), JSON.stringify(config));
  return dir;
}

/** Prod with an empty render cache (every chart through Helm) and with the cache warm, and its estimated critical path. */
function benchRendering(): string[] {
  const cold = measure(["forja", "prod", join(mkdtempSync(join(tmpdir(), "forja-bench-")), "cold.json")], process.cwd(), { ...process.env, FORJA_CACHE: mkdtempSync(join(tmpdir(), "forja-cache-")), FORJA_HELM: process.env.FORJA_HELM ?? locateHelm(undefined, resolveChartSettings().cacheDirectory) });
  const warm = measure(["forja", "prod", join(mkdtempSync(join(tmpdir(), "forja-bench-")), "warm.json")]);
  return [
    `prod, render cache cold: ${cold.ms.toFixed(0)} ms, of which charts ${cold.renderMs.toFixed(0)} ms (${((cold.renderMs / cold.ms) * 100).toFixed(0)}%)`,
    `prod, render cache warm: ${warm.ms.toFixed(0)} ms, of which charts ${warm.renderMs.toFixed(0)} ms (${((warm.renderMs / warm.ms) * 100).toFixed(0)}%)`,
    `prod, estimated critical path of a first pulumi up: ${(warm.criticalPathMinutes ?? 0).toFixed(1)} min`,
    ...(warm.criticalPath ?? []).map((step) => `  -> ${step}`),
  ];
}

if (require.main === module) {
  for (const line of benchRendering()) console.log(line);
  console.log(["run".padEnd(14), "  res", "    forja", "      rss", " floor", "     time", "      rss", "  time", "   rss", " charts"].join(" "));
  console.log("(forja: the program, all resources incl. components; floor: its custom resources registered bare on the SDK; ratios forja/floor; charts: share of forja's time finding and rendering charts)");
  for (const line of benchStacks(["dev", "prod", "aci"].map((stack) => ({ label: stack, stack })))) console.log(line);
  console.log("scaling: N WebServices in one k3s stack");
  const counts = (process.env.FORJA_BENCH_SCALE ?? "10,100,1000").split(",").map(Number);
  for (const line of benchStacks(counts.map((n) => ({ label: `${n} services`, stack: "scale", cwd: scaleProject(n) })))) console.log(line);
}
