/**
 * The test harness: runs code under Forja's recording mocks and answers
 * questions about what was registered. Component tests assert exact counts
 * and exact inputs; stack tests run the real program per stack file.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { runPolicies } from "../../policies/rules";
import type { PolicyViolation } from "../../policies/rules";
import { isKubernetesObject, kubernetesObject, validateKubernetesObject } from "../../src/offline/kubernetes";
import { RecordedStack, recordStack } from "../../components/testing";
import type { MockSettings } from "../../components/testing";
import { buildReport } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { runProgram } from "../../src/offline/run";
import type { ProgramRun } from "../../src/offline/run";
import { readStackFile } from "../../src/offline/stackfile";

export const REPO_ROOT = resolve(__dirname, "..", "..");

/** The provider `onCluster()` gives components; `counts()` leaves it out. */
const TEST_CLUSTER = "test-cluster";

/** A recorded run, with the checks only this repository's tests make (policies, Kubernetes schema), over raw and rendered objects. */
export class Recorded extends RecordedStack {
  /** Resource counts by type, for exact-count assertions (the stack and the `onCluster()` provider excluded). */
  override counts(): Record<string, number> {
    return new RecordedStack(this.records.filter((record) => record.name !== TEST_CLUSTER)).counts();
  }

  /** Every policy rule over every recorded and rendered resource, as the synth runs them. */
  policyViolations(production = true): PolicyViolation[] {
    return runPolicies(
      [...this.records, ...this.chartObjects].map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect, secretPaths: r.secretPaths, origin: r.origin })),
      { production },
    );
  }

  /** Kubernetes objects, raw and rendered, that fail the OpenAPI schema, by name. */
  schemaErrors(): string[] {
    return [...this.records, ...this.chartObjects].filter(isKubernetesObject).flatMap((r) => {
      const error = validateKubernetesObject(kubernetesObject(r));
      return error === undefined ? [] : [`${r.name}: ${error}`];
    });
  }
}

/**
 * Runs `body` (which creates resources) as a stack program under recording
 * mocks and returns everything it registered: `forja/testing`'s recordStack,
 * with this repository's extra checks.
 */
export async function record(body: () => unknown, settings: MockSettings = {}, project = "forja"): Promise<Recorded> {
  const run = await recordStack(
    async () => {
      await body();
    },
    { project, mocks: settings },
  );
  return new Recorded(run.allRecords, run.outputs, run.releaseObjects);
}

/** Runs the real program for a stack file of this repository. */
export async function runStack(stack: string, root = REPO_ROOT): Promise<{ run: ProgramRun; report: SynthReport; recorded: Recorded }> {
  const run = await runProgram(readStackFile(root, stack));
  return { run, report: buildReport(run), recorded: new Recorded(run.records, run.outputs, run.releaseObjects) };
}

/** A stack of this repository with its config changed, run from a scratch project directory. */
export async function runStackVariant(stack: string, change: (config: Record<string, unknown>) => void): Promise<{ run: ProgramRun; report: SynthReport; recorded: Recorded }> {
  const root = mkdtempSync(join(tmpdir(), "forja-variant-"));
  copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  const document = parse(readFileSync(join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  change(document.config);
  writeFileSync(join(root, `Pulumi.${stack}.yaml`), stringify(document));
  return runStack(stack, root);
}

/**
 * Options that give a Kubernetes component a cluster, as a caller must: a
 * provider of its own (call inside `record`). Its type, `pulumi:providers:kubernetes`,
 * is left out of `counts()`.
 */
export function onCluster(): pulumi.ComponentResourceOptions {
  return { providers: { kubernetes: new k8s.Provider(TEST_CLUSTER, {}) } };
}

const TEST_OIDC = "oidc.eks.us-east-1.amazonaws.com/id/ABC";

/** Capabilities of an EKS cluster in us-east-1 with IRSA, as EksCluster reports them (no mirrors). */
export const EKS_CAPABILITIES: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.0.0.0/16" }] },
  workloadIdentity: { kind: "irsa", oidcProviderArn: `arn:aws:iam::123456789012:oidc-provider/${TEST_OIDC}`, issuerUrl: `https://${TEST_OIDC}` },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: {},
};
