/**
 * One measurement in a fresh process, so peak RSS belongs to it alone.
 *   forja <stack> <recordFile>   run the real program, save what it registered
 *   floor <recordFile>           register the same resources bare, straight on the SDK
 * Prints one JSON line: { ms, peakRssMiB, resources, renderMs, criticalPathMinutes?, criticalPath? }.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync, writeFileSync } from "node:fs";
import { ForjaMocks } from "../components/testing/mocks";
import { runProgram } from "../src/offline/run";
import { installRecordingRuntime, runAsStack } from "../components/testing/stack";
import { readStackFile } from "../src/offline/stackfile";
import { criticalPath } from "../src/offline/critical-path";
import { buildReport } from "../src/offline/report";

interface Bare {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

async function forja(stack: string, recordFile: string): Promise<{ resources: number; renderMs: number; criticalPathMinutes: number; criticalPath: string[] }> {
  const run = await runProgram(readStackFile(process.cwd(), stack));
  const custom: Bare[] = run.records.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, inputs: r.inputs }));
  writeFileSync(recordFile, JSON.stringify(custom));
  const path = criticalPath(buildReport(run).resources);
  return { resources: run.records.length, renderMs: run.chartRenderMs, criticalPathMinutes: path.minutes, criticalPath: path.chain };
}

/** A resource with no component logic around it. */
class BareResource extends pulumi.CustomResource {}

/** The SDK floor: every custom resource Forja made, registered flat with the same inputs. */
async function floor(recordFile: string): Promise<number> {
  const bare = JSON.parse(readFileSync(recordFile, "utf8")) as Bare[];
  await installRecordingRuntime("forja", "floor", new ForjaMocks());
  await runAsStack(async () => {
    bare.forEach((r, i) => new BareResource(r.type, `${r.name}-${i}`, r.inputs));
    return {};
  });
  return bare.length;
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  const started = performance.now();
  const result = mode === "forja" ? await forja(a, b) : { resources: await floor(a), renderMs: 0 };
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, ...result }));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
