/**
 * `npm run bench`: per stack, the program's wall time and peak RSS under the
 * mock runtime, beside the SDK floor (the same custom resources registered
 * bare), as a ratio. Figures, not pass/fail: timed assertions live nowhere.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Measurement {
  ms: number;
  peakRssMiB: number;
  resources: number;
}

/**
 * Measured as `pulumi up` runs it: precompiled JavaScript (`npm run bench`
 * compiles first). Under ts-node, source-mapped stack traces, which the SDK
 * captures per resource, cost a third of the time on their own.
 */
function measure(args: string[], cwd = process.cwd()): Measurement {
  const out = execFileSync(process.execPath, [join(__dirname, "measure.js"), ...args], { cwd, encoding: "utf8" });
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

if (require.main === module) {
  console.log(["run".padEnd(14), "  res", "    forja", "      rss", " floor", "     time", "      rss", "  time", "   rss"].join(" "));
  console.log("(forja: the program, all resources incl. components; floor: its custom resources registered bare on the SDK; ratios forja/floor)");
  for (const line of benchStacks(["dev", "prod", "aci"].map((stack) => ({ label: stack, stack })))) console.log(line);
  console.log("scaling: N WebServices in one k3s stack");
  const counts = (process.env.FORJA_BENCH_SCALE ?? "10,100,1000").split(",").map(Number);
  for (const line of benchStacks(counts.map((n) => ({ label: `${n} services`, stack: "scale", cwd: scaleProject(n) })))) console.log(line);
}
