/**
 * Turns a recorded program run into what a reviewer reads: resources, raw
 * Kubernetes objects, Helm releases, a graph, plus every check the synth
 * enforces (Kubernetes schema, policy rules, secret handling).
 */
import { runPolicies } from "../../policies/rules";
import type { PolicyViolation } from "../../policies/rules";
import { isKubernetesObject, kubernetesObject, objectFileName, validateKubernetesObject } from "./kubernetes";
import type { KubernetesObject } from "./kubernetes";
import type { ChartOrigin, ResourceRecord } from "../../components/testing/record";
import { typeToken } from "../../components/testing/helm/children";
import { unadmittedEgress } from "../../components/testing/network";
import type { RenderedKubernetesObject } from "../../components/testing/network";
import { capacityProblem, fitPods, podDemands } from "./capacity";
import type { CapacityResult } from "./capacity";
import { stackNodePools } from "./nodes";
import { targetKubernetesVersion } from "./run";
import type { ProgramRun } from "./run";
import { removedApiReason } from "./served-apis";
import { CustomResourceSchemas } from "./custom-resources";

/** One row of resources.json: the record's identity and options, inputs redacted. */
export type ResourceEntry = Pick<ResourceRecord, "urn" | "type" | "name" | "parent" | "dependsOn" | "protect" | "custom" | "provider" | "replaceOnChanges" | "deleteBeforeReplace" | "inputs">;

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
  /** The resource's URN; for a Release's objects, the Release's. */
  urn: string;
  /** Set for objects rendered from a chart. */
  origin?: ChartOrigin;
}

/** A chart the stack installs and how many objects it rendered. */
export interface ChartEntry {
  urn: string;
  type: string;
  chart: string;
  release: string;
  objects: number;
}

export interface SynthReport {
  stack: string;
  resources: ResourceEntry[];
  kubernetes: RenderedObject[];
  helm: HelmEntry[];
  /** Every rendered chart, with its object count. */
  charts: ChartEntry[];
  outputs: Record<string, unknown>;
  /** Objects whose API the target Kubernetes version no longer serves. */
  removedApis: string[];
  /** Chart objects other than Secrets that carry a value the program gave the chart as a secret. */
  plaintextSecrets: string[];
  /** Whether the pods fit the nodes; undefined where the target has no nodes to check (ACI). */
  capacity?: CapacityResult & { problem?: string };
  /** Kubernetes objects that fail the OpenAPI schema. */
  schemaErrors: string[];
  /** Custom resource kinds whose CRD the stack does not ship (the cluster's own, e.g. K3s's Traefik), not validated. */
  unvalidatedKinds: string[];
  violations: (PolicyViolation & { origin?: ChartOrigin })[];
  /** Secret data that was not a Pulumi secret (and so would sit in state in plain text). */
  secretLeaks: string[];
  /** Declared egress whose target admits no such client (see `unadmittedEgress`). */
  unadmittedEgress: string[];
  durationMs: number;
}

export function isHelm(record: ResourceRecord): boolean {
  return /^kubernetes:helm\.sh\/v\d:(Release|Chart)$/.test(record.type);
}

export function helmEntry(record: ResourceRecord): HelmEntry {
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

/** "(chart milvus 4.2.57, template milvus/charts/etcd/templates/pdb.yaml)" for chart objects. */
export function originText(origin: ChartOrigin | undefined): string {
  return origin ? ` (chart ${origin.chart}, release ${origin.release}, template ${origin.template})` : "";
}

/** `Kind/namespace/name` with the chart and template it came from, for capacity findings. */
function describeWorkload(objects: RenderedObject[]): (workload: string) => string {
  const origins = new Map(objects.map(({ object, origin }) => [`${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`, origin]));
  return (workload) => `${workload}${originText(origins.get(workload))}`;
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
    provider: r.provider,
    replaceOnChanges: r.replaceOnChanges,
    deleteBeforeReplace: r.deleteBeforeReplace,
    inputs: r.redactedInputs,
  }));
  const kubernetes: RenderedObject[] = [
    ...run.records.filter(isKubernetesObject).map((record) => {
      const object = kubernetesObject(record);
      return { file: objectFileName(object), object, urn: record.urn, origin: record.origin };
    }),
    ...run.releaseObjects.map(({ release, object, origin }) => {
      const redacted = kubernetesObject({ inputs: object, redactedInputs: object, outputs: {}, name: object.metadata.name } as unknown as ResourceRecord);
      return { file: objectFileName(redacted), object: redacted, urn: release, origin };
    }),
  ];
  const kubernetesVersion = targetKubernetesVersion(run.config);
  const schemaErrors: string[] = [];
  const removedApis: string[] = [];
  const unvalidated = new Set<string>();
  const customResources = new CustomResourceSchemas(kubernetes.map((k) => k.object));
  for (const { file, object, origin } of kubernetes) {
    const removed = kubernetesVersion ? removedApiReason(object.apiVersion, object.kind, kubernetesVersion) : undefined;
    if (removed) {
      removedApis.push(`${file}${originText(origin)}: ${removed}`);
      continue;
    }
    const error = validateKubernetesObject(object);
    if (error !== "skipped") {
      if (error) schemaErrors.push(`${file}${originText(origin)}: ${error}`);
      continue;
    }
    // A custom resource: against the CRD the stack installs, when it does.
    const crdErrors = customResources.errors(object);
    if (crdErrors === undefined) unvalidated.add(`${object.apiVersion}/${object.kind}`);
    else if (crdErrors.length) schemaErrors.push(`${file}${originText(origin)}: against its CustomResourceDefinition: ${crdErrors.join("; ")}`);
  }
  const releaseResources = run.releaseObjects.map(({ release, object, origin }) => ({
    type: typeToken(object.apiVersion, object.kind),
    name: `${origin.release}:${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`,
    urn: release,
    props: object as unknown as Record<string, unknown>,
    protect: false,
    origin,
  }));
  const policyResources = [...run.records.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect, secretPaths: r.secretPaths, origin: r.origin })), ...releaseResources];
  const origins = new Map(policyResources.map((r) => [`${r.urn} ${r.name}`, r.origin]));
  const violations = runPolicies(policyResources, { production: run.config.environment === "production" }).map((violation) => ({
    ...violation,
    origin: origins.get(`${violation.urn} ${violation.name}`),
  }));
  const charts: ChartEntry[] = run.records.filter(isHelm).map((record) => {
    const objects = record.type.endsWith(":Chart") ? run.records.filter((r) => r.parent === record.urn && r.origin).length : run.releaseObjects.filter((o) => o.release === record.urn).length;
    const inputs = record.inputs;
    return { urn: record.urn, type: record.type, chart: `${String(inputs.chart)} ${String(inputs.version)}`, release: String(inputs.name ?? record.name), objects };
  });
  const plaintextSecrets = kubernetes.flatMap(({ file, origin }) => (origin?.plaintextSecretPaths ?? []).map((path) => `${file}${originText(origin)}: ${path} holds a value given to the chart as a secret; pass it through a Secret`));
  const demands = podDemands(kubernetes.map((k) => k.object));
  const pools = stackNodePools(
    run.config,
    demands.map((d) => d.workload),
  );
  const capacityResult = pools ? fitPods([...demands, ...pools.systemPods], pools.pools) : undefined;
  return {
    stack: run.stack,
    resources,
    kubernetes,
    helm: run.records.filter(isHelm).map(helmEntry),
    charts,
    outputs: run.outputs,
    schemaErrors,
    removedApis,
    unvalidatedKinds: [...unvalidated].sort(),
    violations,
    secretLeaks: run.records.flatMap(secretLeaksOf),
    unadmittedEgress: unadmittedEgress(kubernetes.map((k) => k.object as unknown as RenderedKubernetesObject)),
    plaintextSecrets,
    capacity: capacityResult && pools ? { ...capacityResult, problem: capacityProblem(capacityResult, pools.pools, pools.fix, describeWorkload(kubernetes)) } : undefined,
    durationMs: run.durationMs,
  };
}

/** Problems that make the synth exit non-zero, one line each. */
export function reportProblems(report: SynthReport): string[] {
  return [
    ...report.removedApis.map((removed) => `removed API ${removed}`),
    ...report.schemaErrors.map((error) => `invalid Kubernetes object ${error}`),
    ...report.violations.map((v) => `policy ${v.policy}: ${v.origin && !v.message.includes(v.name) ? `${v.name}: ` : ""}${v.message}${originText(v.origin)}`),
    ...report.secretLeaks.map((leak) => `secret leak ${leak}`),
    ...report.unadmittedEgress.map((problem) => `network: ${problem}`),
    ...report.plaintextSecrets.map((leak) => `plaintext secret ${leak}`),
    ...(report.capacity?.problem ? [`capacity: ${report.capacity.problem}`] : []),
  ];
}
