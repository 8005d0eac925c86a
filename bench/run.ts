/**
 * `npm run bench`: per stack, the program's wall time and peak RSS under the
 * mock runtime, beside the SDK floor (the same custom resources registered
 * bare), as a ratio. Figures, not pass/fail: timed assertions live nowhere.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Measurement {
  ms: number;
  peakRssMiB: number;
  resources: number;
}

const TS_NODE = require.resolve("ts-node/register/transpile-only");

function measure(args: string[], cwd = process.cwd()): Measurement {
  const out = execFileSync(process.execPath, ["-r", TS_NODE, join(__dirname, "measure.ts"), ...args], { cwd, encoding: "utf8" });
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

if (require.main === module) {
  console.log(["run".padEnd(14), "  res", "    forja", "      rss", " floor", "     time", "      rss", "  time", "   rss"].join(" "));
  console.log("(forja: the program, all resources incl. components; floor: its custom resources registered bare on the SDK; ratios forja/floor)");
  for (const line of benchStacks(["dev", "prod", "aci"].map((stack) => ({ label: stack, stack })))) console.log(line);
}
