/**
 * The schema boundary: a pure transform from what Pulumi's analyzer infers
 * from the TypeScript types to the schema the plugin serves. TypeScript keeps
 * its names; other languages get names their code generators do not mangle.
 *
 * - A type named `FooArgs` is served as `Foo`: every generator appends its own
 *   suffix to input types (`FooArgs` in Python, Go and C#), and `FooArgsArgs`
 *   is noise. Two TypeScript types that would meet on one name are an error
 *   that names both, never a silent merge.
 * - A type without TSDoc of its own is described by the first documented
 *   property of that type, and a property without TSDoc by its type: the
 *   schema has a description on every type, enum and property (the test fails
 *   on the rest, so a new field must be documented).
 * - A component input whose type another component outputs (`cluster`, the
 *   `capabilities` of EksCluster and K3sCluster) is an input, not plain data:
 *   a program passes the output straight in, and the provider waits for it
 *   (components/plugin/plain.ts). Its fields keep their plain/input split.
 * - The names of the generated SDKs are pinned (`namespace` and the language
 *   settings below) instead of derived from the URL the package is added
 *   from: since Pulumi CLI 3.159 a package added from a git URL takes its
 *   namespace from the repository owner, so a fork or a mirror would rename
 *   every import.
 *
 * The provider needs no map back: the engine hands `construct` plain objects,
 * not type names.
 */
import type { PackageSchema, SchemaProperty } from "../../components/plugin/provider";
import { PACKAGE_NAME } from "../../components/plugin/provider";

const LOCAL = `#/types/${PACKAGE_NAME}:index:`;

/**
 * What the CLI honours when it generates an SDK (pulumi/pulumi pkg/cmd/pulumi/packages:
 * `setSpecNamespace` keeps a schema's own namespace; codegen/python `PyPack`
 * yields to `packageName`; codegen/go `ModuleAndImportPath` derives the module
 * from `importBasePath`; the .NET generator roots namespaces at `rootNamespace`).
 */
export const SDK_NAMES = {
  namespace: "forja-platform",
  python: { packageName: "pulumi_forja" },
  go: { importBasePath: "github.com/forja-platform/forja/sdk/go/forja" },
  csharp: { rootNamespace: "Pulumi" },
} as const;

/**
 * Pulumi's Go generator emits a type's input form (`FooArgs`) only where it
 * sees the type used as an input, and it loses track after the first plain
 * object property of a component (codegen/go `populateDetailsForPropertyTypes`
 * carries `input` over to the properties after it): a plain list or map of
 * objects before any such property got no `FooArgs`, and the Go SDK did not
 * build. Emitting every type's input form builds all of them.
 */
const GO_CODEGEN = { generateExtraInputTypes: true } as const;

/** The served name of a type the analyzer named after its TypeScript declaration. */
export function servedTypeName(name: string): string {
  return name.endsWith("Args") && name !== "Args" ? name.slice(0, -"Args".length) : name;
}

/** The analyzer's schema as the plugin serves it (see the file comment). Does not change its input. */
export function servedSchema(analyzed: PackageSchema): PackageSchema {
  const renames = new Map<string, string>();
  const claimed = new Map<string, string>();
  for (const token of Object.keys(analyzed.types)) {
    const name = token.slice(`${PACKAGE_NAME}:index:`.length);
    const served = servedTypeName(name);
    const other = claimed.get(served);
    if (other !== undefined) {
      throw new Error(`The TypeScript types ${other} and ${name} would both be served as ${served}: rename one of them.`);
    }
    claimed.set(served, name);
    renames.set(name, served);
  }
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, key === "$ref" && typeof inner === "string" && inner.startsWith(LOCAL) ? `${LOCAL}${renames.get(inner.slice(LOCAL.length)) ?? inner.slice(LOCAL.length)}` : rename(inner)]),
    );
  };
  const types = Object.fromEntries(Object.entries(analyzed.types).map(([token, type]) => [`${PACKAGE_NAME}:index:${renames.get(token.slice(`${PACKAGE_NAME}:index:`.length))}`, rename(type)])) as PackageSchema["types"];
  const resources = rename(analyzed.resources) as PackageSchema["resources"];
  const owners = [...Object.values(resources).flatMap((resource) => [resource.inputProperties, resource.properties]), ...Object.values(types).map((type) => type.properties)];
  const localRef = (property: SchemaProperty): string | undefined =>
    [property, property.items, property.additionalProperties]
      .map((p) => (p as SchemaProperty | undefined)?.$ref)
      .find((ref): ref is string => typeof ref === "string" && ref.startsWith(LOCAL))
      ?.slice("#/types/".length);
  // An input of a type some component outputs takes that output as it is: `cluster: eks.capabilities`.
  const outputTypes = new Set(Object.values(resources).flatMap((resource) => Object.values(resource.properties).flatMap((property) => (typeof property.$ref === "string" ? [property.$ref] : []))));
  for (const resource of Object.values(resources)) {
    for (const property of Object.values(resource.inputProperties)) if (typeof property.$ref === "string" && outputTypes.has(property.$ref)) delete property.plain;
  }
  // An undocumented type takes the meaning of the first documented property of that type.
  for (const properties of owners) {
    for (const property of Object.values(properties ?? {})) {
      const token = localRef(property);
      const type = token === undefined ? undefined : types[token];
      if (type && !type.description && property.description) type.description = property.description.replace(/\n\nDefault: [\s\S]*$/, "");
    }
  }
  // An undocumented property takes its type's description.
  for (const properties of owners) {
    for (const property of Object.values(properties ?? {})) {
      const token = localRef(property);
      const description = token === undefined ? undefined : types[token]?.description;
      if (!property.description && typeof description === "string") property.description = description;
    }
  }
  const language = analyzed.language as Record<string, Record<string, unknown>>;
  return {
    ...analyzed,
    namespace: SDK_NAMES.namespace,
    language: {
      ...language,
      python: { ...language.python, ...SDK_NAMES.python },
      go: { ...language.go, ...SDK_NAMES.go, ...GO_CODEGEN },
      csharp: { ...language.csharp, ...SDK_NAMES.csharp },
    },
    resources,
    types,
  };
}
