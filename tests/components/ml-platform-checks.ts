/**
 * What the synth checks on a stack, run over one component's recorded run:
 * removed APIs, policy rules (restricted Pod Security included, with the named
 * chart exemptions), schema, pinned images, plaintext secrets and capacity on
 * the seed's Minikube-sized K3s node (6 CPU / 12 GiB).
 */
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import type { ResourceRecord } from "../../components/testing";
import { parseStackConfig } from "../../src/config";
import { buildReport, reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { CustomResourceSchemas } from "../../src/offline/custom-resources";
import type { KubernetesObject } from "../../src/offline/kubernetes";
import type { Recorded } from "../harness";

/** The synth's report of a run on one K3s node of this size (the seed's Minikube: 6 CPU / 12 GiB). */
export function synthReport(recorded: Recorded, node = { cpu: "6", memory: "12Gi" }): SynthReport {
  const config = parseStackConfig({ project: "forja", stack: "test", values: { "forja:target": "k3s", "forja:k3s": JSON.stringify({ nodes: { count: 1, ...node } }) }, secretKeys: [] });
  return buildReport({ stack: "test", config, records: recorded.allRecords, releaseObjects: recorded.releaseObjects, outputs: {}, durationMs: 1, chartRenderMs: 0 });
}

/** Every problem the synth would refuse the run for. */
export function synthProblems(recorded: Recorded, node?: { cpu: string; memory: string }): string[] {
  return reportProblems(synthReport(recorded, node));
}

/** Minikube as K3sCluster reports it (storage class `standard`, nginx). */
export const MINIKUBE: ClusterCapabilities = {
  kind: "k3s",
  storageClass: "standard",
  ingress: { className: "nginx", controller: "nginx", annotations: {}, sourcePeers: [] },
  workloadIdentity: { kind: "none" },
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: {},
};

/** `Kind/namespace/name` of every object the charts rendered, sorted. */
export function renderedKinds(recorded: Recorded): string[] {
  return recorded.chartObjects.map((r) => (r.inputs as { kind: string }).kind);
}

/** The one rendered object of a kind (and name). */
export function renderedObject(recorded: Recorded, kind: string, name?: string): ResourceRecord {
  const found = recorded.chartObjects.filter((r) => (r.inputs as { kind: string }).kind === kind && (name === undefined || (r.inputs as { metadata: { name: string } }).metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one rendered ${kind}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0];
}

/**
 * Errors of a custom resource against the CRD a chart rendered, as the synth
 * checks it (src/offline/custom-resources.ts): its served version's
 * openAPIV3Schema, unknown fields refused.
 */
export function customResourceErrors(recorded: Recorded, crdName: string, version: string, object: { spec?: unknown }): string[] {
  const crd = renderedObject(recorded, "CustomResourceDefinition", crdName).inputs as unknown as KubernetesObject & { spec: { group: string; names: { kind: string } } };
  const schemas = new CustomResourceSchemas([crd]);
  const target = { apiVersion: `${crd.spec.group}/${version}`, kind: crd.spec.names.kind, metadata: { name: "checked" }, spec: object.spec };
  return schemas.errors(target) ?? [`${crdName} serves no ${version}`];
}
