/**
 * Runs the real Forja program for one stack under the mock runtime: no cloud
 * account, no Pulumi CLI. Everything the program registers is recorded.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../config";
import type { StackConfig } from "../config";
import { composeStack } from "../program";
import { ForjaMocks } from "../../components/testing/mocks";
import { RecordingMonitor } from "../../components/testing/record";
import type { ResourceRecord } from "../../components/testing/record";
import type { StackFile } from "./stackfile";

export interface ProgramRun {
  stack: string;
  config: StackConfig;
  records: ResourceRecord[];
  outputs: Record<string, unknown>;
  durationMs: number;
}

/**
 * Installs a recording mock runtime. `setMocks` first (it turns on secrets and
 * resource references), then our monitor in its place.
 */
export async function installRecordingRuntime(project: string, stack: string, mocks: ForjaMocks): Promise<RecordingMonitor> {
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  const monitor = new RecordingMonitor(mocks);
  pulumi.runtime.setMockOptions(monitor, project, stack, false);
  return monitor;
}

/**
 * Runs `body` as the stack's program and waits until every registration has
 * settled. Errors from resource registration (which Pulumi surfaces as
 * unhandled rejections) fail the run instead of vanishing.
 */
export async function runAsStack(body: () => Promise<Record<string, unknown>>): Promise<void> {
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    await pulumi.runtime.runInPulumiStack(body);
    await pulumi.runtime.disconnect();
    await new Promise((resolve) => setImmediate(resolve));
    if (failures.length > 0) throw failures[0] instanceof Error ? failures[0] : new Error(String(failures[0]));
  } finally {
    process.off("unhandledRejection", onRejection);
  }
}

export async function runProgram(stackFile: StackFile): Promise<ProgramRun> {
  const started = performance.now();
  // Parse before the stack starts, so a config error is the only thing reported.
  const config = parseStackConfig(stackFile);
  const mocks = new ForjaMocks({
    awsRegion: config.target === "eks" ? config.region : undefined,
    awsAccountId: config.target === "eks" ? config.eks.accountId : undefined,
    azureLocation: config.target === "aci" ? config.location : undefined,
  });
  const monitor = await installRecordingRuntime(stackFile.project, stackFile.stack, mocks);
  await runAsStack(() => composeStack(config));
  monitor.assertAccepted();
  return { stack: stackFile.stack, config, records: monitor.records, outputs: monitor.stackOutputs(), durationMs: performance.now() - started };
}
