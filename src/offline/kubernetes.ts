/**
 * Raw Kubernetes objects among recorded resources, and their validation
 * against the Kubernetes OpenAPI schema (kubernetes-models 4.x, CommonJS).
 */
import type { ResourceRecord } from "../../components/testing/record";
import { REDACTED } from "../../components/testing/record";

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Pulumi types that are not a single raw object. */
const NOT_AN_OBJECT = /^kubernetes:(helm\.sh|yaml|kustomize)\/|^pulumi:providers:/;

export function isKubernetesObject(record: ResourceRecord): boolean {
  return record.custom && record.type.startsWith("kubernetes:") && !NOT_AN_OBJECT.test(record.type);
}

/**
 * The object as it would be applied, secrets redacted, name resolved the way
 * the provider auto-names it. Secret `data`/`stringData` are always redacted,
 * whether or not the caller marked them secret.
 */
export function kubernetesObject(record: ResourceRecord): KubernetesObject {
  const object = structuredClone(record.redactedInputs) as KubernetesObject;
  const outputName = (record.outputs.metadata as { name?: string } | undefined)?.name;
  object.metadata = { ...(object.metadata ?? {}), name: object.metadata?.name ?? outputName ?? record.name };
  if (object.kind === "Secret") {
    for (const field of ["data", "stringData"]) {
      // Keys come from the clear inputs: a wholly secret map is redacted as one string.
      const values = record.inputs[field] as Record<string, unknown> | undefined;
      if (values && typeof values === "object") object[field] = Object.fromEntries(Object.keys(values).map((k) => [k, REDACTED]));
    }
  }
  return object;
}

export function objectFileName(object: KubernetesObject): string {
  return `${object.kind}-${object.metadata.namespace ?? "cluster"}-${object.metadata.name}.yaml`.toLowerCase();
}

type ModelClass = new (data: unknown) => { validate(): void };
const modelCache = new Map<string, ModelClass | null>();

/** The kubernetes-models class for a built-in kind, or null for CRDs and unknown kinds. */
function modelFor(apiVersion: string, kind: string): ModelClass | null {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const modulePath = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
    let model: ModelClass | null = null;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(modulePath) as Record<string, ModelClass>;
      model = loaded[kind] ?? null;
    } catch {
      model = null;
    }
    modelCache.set(key, model);
  }
  return modelCache.get(key) ?? null;
}

/**
 * Validates one object. Returns the schema error, `undefined` when valid, or
 * "skipped" for kinds without a built-in schema (custom resources).
 */
export function validateKubernetesObject(object: KubernetesObject): string | undefined | "skipped" {
  const model = modelFor(object.apiVersion, object.kind);
  if (!model) return "skipped";
  try {
    new model(withoutRedactions(object)).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** `"[secret]"` stands where base64 data was: give the validator a valid stand-in. */
function withoutRedactions(object: KubernetesObject): KubernetesObject {
  if (object.kind !== "Secret" || !object.data) return object;
  const data = Object.fromEntries(Object.keys(object.data as object).map((k) => [k, Buffer.from(REDACTED).toString("base64")]));
  return { ...object, data };
}
