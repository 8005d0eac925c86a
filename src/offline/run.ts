/**
 * Runs the real Forja program for one stack under the mock runtime: no cloud
 * account, no Pulumi CLI. Everything the program registers is recorded.
 */
import { parseStackConfig } from "../config";
import type { StackConfig } from "../config";
import { composeStack } from "../program";
import { ForjaMocks } from "../../components/testing/mocks";
import type { ResourceRecord } from "../../components/testing/record";
import { installRecordingRuntime, runAsStack } from "../../components/testing/stack";
import type { StackFile } from "./stackfile";

export interface ProgramRun {
  stack: string;
  config: StackConfig;
  records: ResourceRecord[];
  outputs: Record<string, unknown>;
  durationMs: number;
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
