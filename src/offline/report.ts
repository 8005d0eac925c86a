/**
 * Turns a recorded program run into what a reviewer reads: resources, raw
 * Kubernetes objects, Helm releases, a graph, plus every check the synth
 * enforces (Kubernetes schema, policy rules, secret handling).
 */
import { runPolicies } from "../../policies/rules";
import type { PolicyViolation } from "../../policies/rules";
import { isKubernetesObject, kubernetesObject, objectFileName, validateKubernetesObject } from "./kubernetes";
import type { KubernetesObject } from "./kubernetes";
import type { ResourceRecord } from "../../components/testing/record";
import type { ProgramRun } from "./run";

/** One row of resources.json: the record's identity and options, inputs redacted. */
export type ResourceEntry = Pick<ResourceRecord, "urn" | "type" | "name" | "parent" | "dependsOn" | "protect" | "custom" | "inputs">;

export interface HelmEntry {
  name: string;
  type: string;
  chart: unknown;
  repo: unknown;
  version: unknown;
  namespace: unknown;
  values: unknown;
}

export interface RenderedObject {
  file: string;
  object: KubernetesObject;
  urn: string;
}

export interface SynthReport {
  stack: string;
  resources: ResourceEntry[];
  kubernetes: RenderedObject[];
  helm: HelmEntry[];
  outputs: Record<string, unknown>;
  /** Kubernetes objects that fail the OpenAPI schema. */
  schemaErrors: string[];
  /** Kubernetes kinds without a built-in schema (custom resources), not validated. */
  unvalidatedKinds: string[];
  violations: PolicyViolation[];
  /** Secret data that was not a Pulumi secret (and so would sit in state in plain text). */
  secretLeaks: string[];
  durationMs: number;
}

export function isHelm(record: ResourceRecord): boolean {
  return /^kubernetes:helm\.sh\/v\d:(Release|Chart)$/.test(record.type);
}

function helmEntry(record: ResourceRecord): HelmEntry {
  const inputs = record.redactedInputs;
  const repository = inputs.repositoryOpts as { repo?: unknown } | undefined;
  return {
    name: String(inputs.name ?? record.name),
    type: record.type,
    chart: inputs.chart,
    repo: repository?.repo ?? null,
    version: inputs.version ?? null,
    namespace: inputs.namespace ?? null,
    values: inputs.values ?? {},
  };
}

/** Kubernetes Secrets must carry their data as Pulumi secrets. */
function secretLeaksOf(record: ResourceRecord): string[] {
  if (record.type !== "kubernetes:core/v1:Secret") return [];
  const leaks: string[] = [];
  for (const field of ["data", "stringData"]) {
    const values = record.inputs[field] as Record<string, unknown> | undefined;
    for (const key of Object.keys(values ?? {})) {
      const path = `${field}.${key}`;
      const covered = record.secretPaths.some((secret) => secret === field || secret === path);
      if (!covered) leaks.push(`${record.urn}: ${path} is not a Pulumi secret`);
    }
  }
  return leaks;
}

export function buildReport(run: ProgramRun): SynthReport {
  const resources: ResourceEntry[] = run.records.map((r) => ({
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    dependsOn: r.dependsOn,
    protect: r.protect,
    custom: r.custom,
    inputs: r.redactedInputs,
  }));
  const kubernetes: RenderedObject[] = [];
  const schemaErrors: string[] = [];
  const unvalidated = new Set<string>();
  for (const record of run.records.filter(isKubernetesObject)) {
    const object = kubernetesObject(record);
    const file = objectFileName(object);
    kubernetes.push({ file, object, urn: record.urn });
    const error = validateKubernetesObject(object);
    if (error === "skipped") unvalidated.add(`${object.apiVersion}/${object.kind}`);
    else if (error) schemaErrors.push(`${file}: ${error}`);
  }
  const violations = runPolicies(
    run.records.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect, secretPaths: r.secretPaths })),
    { production: run.config.environment === "production" },
  );
  return {
    stack: run.stack,
    resources,
    kubernetes,
    helm: run.records.filter(isHelm).map(helmEntry),
    outputs: run.outputs,
    schemaErrors,
    unvalidatedKinds: [...unvalidated].sort(),
    violations,
    secretLeaks: run.records.flatMap(secretLeaksOf),
    durationMs: run.durationMs,
  };
}

/** Problems that make the synth exit non-zero, one line each. */
export function reportProblems(report: SynthReport): string[] {
  return [
    ...report.schemaErrors.map((error) => `invalid Kubernetes object ${error}`),
    ...report.violations.map((v) => `policy ${v.policy}: ${v.message}`),
    ...report.secretLeaks.map((leak) => `secret leak ${leak}`),
  ];
}
