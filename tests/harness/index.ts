/**
 * The test harness: runs code under Forja's recording mocks and answers
 * questions about what was registered. Component tests assert exact counts
 * and exact inputs; stack tests run the real program per stack file.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { resolve } from "node:path";
import { runPolicies } from "../../policies/rules";
import type { PolicyViolation } from "../../policies/rules";
import { isKubernetesObject, kubernetesObject, validateKubernetesObject } from "../../src/offline/kubernetes";
import { ForjaMocks } from "../../components/testing/mocks";
import type { MockSettings } from "../../components/testing/mocks";
import type { ResourceRecord } from "../../components/testing/record";
import { buildReport } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { installRecordingRuntime, runAsStack, runProgram } from "../../src/offline/run";
import type { ProgramRun } from "../../src/offline/run";
import { readStackFile } from "../../src/offline/stackfile";

export const REPO_ROOT = resolve(__dirname, "..", "..");

export class Recorded {
  constructor(readonly records: ResourceRecord[]) {}

  /** Every resource of a type, in registration order. */
  ofType(type: string): ResourceRecord[] {
    return this.records.filter((record) => record.type === type);
  }

  /** Exactly one resource of a type (optionally with a name); throws otherwise. */
  one(type: string, name?: string): ResourceRecord {
    const found = this.ofType(type).filter((record) => name === undefined || record.name === name);
    if (found.length !== 1) {
      throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
  }

  /** Resource counts by type, for exact-count assertions (the stack itself excluded). */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of this.records) {
      if (record.type === "pulumi:pulumi:Stack" || record.name === "test-cluster") continue;
      counts[record.type] = (counts[record.type] ?? 0) + 1;
    }
    return counts;
  }

  /** Every policy rule over every recorded resource, as the synth runs them. */
  policyViolations(production = true): PolicyViolation[] {
    return runPolicies(this.records.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect, secretPaths: r.secretPaths })), { production });
  }

  /** Raw Kubernetes objects that fail the OpenAPI schema, or have none (custom kinds), by name. */
  schemaErrors(): string[] {
    return this.records.filter(isKubernetesObject).flatMap((r) => {
      const error = validateKubernetesObject(kubernetesObject(r));
      return error === undefined ? [] : [`${r.name}: ${error}`];
    });
  }

  /** The resource a URN names. */
  byUrn(urn: string): ResourceRecord {
    const found = this.records.find((record) => record.urn === urn);
    if (!found) throw new Error(`no resource with URN ${urn}`);
    return found;
  }
}

/**
 * Runs `body` (which creates resources) as a stack program under recording
 * mocks and returns everything it registered.
 */
export async function record(body: () => unknown, settings: MockSettings = {}, project = "forja"): Promise<Recorded> {
  const monitor = await installRecordingRuntime(project, "test", new ForjaMocks(settings));
  await runAsStack(async () => {
    await body();
    return {};
  });
  monitor.assertAccepted();
  return new Recorded(monitor.records);
}

/** Runs the real program for a stack file of this repository. */
export async function runStack(stack: string, root = REPO_ROOT): Promise<{ run: ProgramRun; report: SynthReport; recorded: Recorded }> {
  const run = await runProgram(readStackFile(root, stack));
  return { run, report: buildReport(run), recorded: new Recorded(run.records) };
}

/**
 * Options that give a Kubernetes component a cluster, as a caller must: a
 * provider of its own (call inside `record`). Its type, `pulumi:providers:kubernetes`,
 * is left out of `counts()`.
 */
export function onCluster(): pulumi.ComponentResourceOptions {
  return { providers: { kubernetes: new k8s.Provider("test-cluster", {}) } };
}
