/**
 * Runs the real Forja program for one stack under the mock runtime: no cloud
 * account, no Pulumi CLI. Everything the program registers is recorded.
 */
import { parseStackConfig } from "../config";
import type { StackConfig } from "../config";
import { composeStack } from "../program";
import { ForjaMocks } from "../../components/testing/mocks";
import type { ChartRenderSettings } from "../../components/testing/helm/settings";
import { EKS_VERSIONS } from "../../components/platform/eks/defaults";
import type { ReleaseObject, ResourceRecord } from "../../components/testing/record";
import { installRecordingRuntime, runAsStack } from "../../components/testing/stack";
import type { StackFile } from "./stackfile";

export interface ProgramRun {
  stack: string;
  config: StackConfig;
  records: ResourceRecord[];
  /** Objects Helm Releases install (not resources of their own). */
  releaseObjects: ReleaseObject[];
  outputs: Record<string, unknown>;
  durationMs: number;
  /** Of which finding and rendering charts. */
  chartRenderMs: number;
}

/** The Kubernetes version a stack's charts render for: the cluster's own. */
export function targetKubernetesVersion(config: StackConfig): string | undefined {
  if (config.target === "eks") return config.eks.kubernetesVersion ?? EKS_VERSIONS.kubernetes;
  if (config.target === "k3s") return config.k3s.kubernetesVersion;
  return undefined;
}

/** `charts`: where Helm and chart packages come from (see `ChartRenderSettings`); every chart is rendered with real Helm. */
export async function runProgram(stackFile: StackFile, charts: ChartRenderSettings = {}): Promise<ProgramRun> {
  const started = performance.now();
  // Parse before the stack starts, so a config error is the only thing reported.
  const config = parseStackConfig(stackFile);
  const mocks = new ForjaMocks({
    awsRegion: config.target === "eks" ? config.region : undefined,
    awsAccountId: config.target === "eks" ? config.eks.accountId : undefined,
    azureLocation: config.target === "aci" ? config.location : undefined,
    kubernetesVersion: targetKubernetesVersion(config),
    charts,
  });
  const monitor = await installRecordingRuntime(stackFile.project, stackFile.stack, mocks);
  await runAsStack(() => composeStack(config));
  monitor.assertAccepted();
  return { stack: stackFile.stack, config, records: monitor.records, releaseObjects: monitor.releaseObjects, outputs: monitor.stackOutputs(), durationMs: performance.now() - started, chartRenderMs: mocks.chartRenderer?.renderMs ?? 0 };
}
