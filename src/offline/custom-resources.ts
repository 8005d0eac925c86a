/**
 * Custom resources checked against the CRDs the stack itself installs (the
 * charts' `crds/` and templates): each object's served version's
 * openAPIV3Schema, with unknown fields refused. The API server would prune
 * an unknown field silently, which hides a typo (`serveConfigv2`) until the
 * operator ignores it at run time.
 */
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import type { KubernetesObject } from "./kubernetes";

interface CrdVersion {
  name: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
}

interface Crd {
  spec: { group: string; names: { kind: string }; versions: CrdVersion[] };
}

const TYPE_AND_OBJECT_META = ["apiVersion", "kind", "metadata"];

/** The validators of every CRD among the stack's objects, by `group/version/Kind`. */
export class CustomResourceSchemas {
  private readonly schemas = new Map<string, Record<string, unknown> | undefined>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });

  constructor(objects: KubernetesObject[]) {
    for (const object of objects) {
      if (object.kind !== "CustomResourceDefinition" || !object.apiVersion.startsWith("apiextensions.k8s.io/")) continue;
      const crd = object as unknown as Crd;
      for (const version of crd.spec?.versions ?? []) {
        if (version.served === false) continue;
        this.schemas.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, version.schema?.openAPIV3Schema);
      }
    }
  }

  /** Whether the stack ships the CRD serving this object's apiVersion and kind. */
  has(object: Pick<KubernetesObject, "apiVersion" | "kind">): boolean {
    return this.schemas.has(`${object.apiVersion}/${object.kind}`);
  }

  /**
   * The object's errors against its CRD (`[]` when valid), or undefined when
   * the stack ships no such CRD (a kind the cluster provides, e.g. K3s's Traefik).
   */
  errors(object: KubernetesObject): string[] | undefined {
    const key = `${object.apiVersion}/${object.kind}`;
    if (!this.schemas.has(key)) return undefined;
    const schema = this.schemas.get(key);
    if (!schema) return [];
    let validate = this.compiled.get(key);
    if (!validate) {
      // apiVersion, kind and metadata are the API server's (TypeMeta, ObjectMeta): a CRD may not describe them.
      const properties = { ...((schema.properties as Record<string, unknown> | undefined) ?? {}) };
      for (const field of TYPE_AND_OBJECT_META) delete properties[field];
      const required = ((schema.required as string[] | undefined) ?? []).filter((field) => !TYPE_AND_OBJECT_META.includes(field));
      validate = this.ajv.compile(closed({ ...schema, properties, required }) as object);
      this.compiled.set(key, validate);
    }
    const body = Object.fromEntries(Object.entries(object).filter(([field]) => !TYPE_AND_OBJECT_META.includes(field)));
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.keyword === "additionalProperties" ? `: ${(e.params as { additionalProperty: string }).additionalProperty}` : ""}`);
  }
}

/**
 * CRD patterns are Go (RE2) expressions: `(?i)` (JavaScript has no inline
 * form) becomes the `i` flag; what JavaScript still cannot compile matches
 * anything, so a pattern the synth cannot read never blocks a valid object.
 */
function goRegExpFn(pattern: string, flags: string): RegExp {
  const insensitive = pattern.includes("(?i)");
  const source = pattern.replaceAll("(?i)", "");
  for (const f of [flags, flags.replace("u", "")]) {
    try {
      return new RegExp(source, insensitive ? `${f}i` : f);
    } catch {
      // next: without the unicode flag (stricter about escapes)
    }
  }
  return /(?:)/;
}
const goRegExp = Object.assign(goRegExpFn, { code: "new RegExp" });

/**
 * A structural schema with every object closed: a property it does not list
 * is an error, unless the CRD says to preserve unknown fields there.
 */
export function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (node === null || typeof node !== "object") return node;
  const copy = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v)]),
  ) as Record<string, unknown>;
  if (copy.properties && copy.additionalProperties === undefined && !copy["x-kubernetes-preserve-unknown-fields"]) copy.additionalProperties = false;
  // The apiserver accepts an int-or-string as either; ajv would need both types listed.
  if (copy["x-kubernetes-int-or-string"]) delete copy.type;
  return copy;
}
