/**
 * Args a component branches on are plain data: the schema marks them `plain`
 * and the generated SDKs type them so. A program in another language can
 * still hand an Output there (Python checks no types; a secret, or a value
 * from another resource, travels as an Output), and a component would use
 * the wrapper as if it were the value: a different resource set, or a
 * TypeError. Checked here, at the package boundary, for every component.
 */
import * as pulumi from "@pulumi/pulumi";
import { ForjaArgumentError } from "../core/errors";
import { settle } from "../core/outputs";
import type { PackageSchema, SchemaProperty } from "./schema";

const LOCAL_TYPE = "#/types/";

/** The path of the first Output where the schema wants plain data, if any. */
export function outputWherePlain(schema: PackageSchema, property: SchemaProperty, value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (pulumi.Output.isInstance(value)) return property.plain === true ? path : undefined;
  if (typeof value !== "object") return undefined;
  const entries: [string, SchemaProperty | undefined, unknown][] = [];
  const items = property.items as SchemaProperty | undefined;
  const values = property.additionalProperties as SchemaProperty | undefined;
  const ref = typeof property.$ref === "string" && property.$ref.startsWith(LOCAL_TYPE) ? schema.types[property.$ref.slice(LOCAL_TYPE.length)] : undefined;
  if (Array.isArray(value)) {
    value.forEach((item, index) => entries.push([`${path}[${index}]`, items, item]));
  } else if (values) {
    for (const [key, inner] of Object.entries(value)) entries.push([`${path}.${key}`, values, inner]);
  } else if (ref?.properties) {
    for (const [key, inner] of Object.entries(ref.properties)) entries.push([`${path}.${key}`, inner, (value as Record<string, unknown>)[key]]);
  }
  for (const [innerPath, innerProperty, inner] of entries) {
    const found = innerProperty && outputWherePlain(schema, innerProperty, inner, innerPath);
    if (found) return found;
  }
  return undefined;
}

/** Refuses args with an Output where the component needs plain data, naming the first such arg. */
export function requirePlainArgs(schema: PackageSchema, component: string, args: Record<string, unknown>): void {
  const resource = schema.resources[`${schema.name}:index:${component}`];
  for (const [name, property] of Object.entries(resource?.inputProperties ?? {})) {
    const path = outputWherePlain(schema, property, args[name], name);
    if (path !== undefined) {
      throw new ForjaArgumentError(
        component,
        path,
        "an Output",
        "plain data known while the program runs: the component decides with it which resources to create and how, so pass the value itself (docs/other-languages.md)",
      );
    }
  }
}

/**
 * Top-level inputs whose type some component outputs (`ClusterCapabilities`,
 * from EksCluster and K3sCluster): the schema takes them as inputs, so a
 * program in another language passes `eks.capabilities` straight in.
 */
export function passableInputs(schema: PackageSchema, component: string): string[] {
  const outputTypes = new Set(Object.values(schema.resources).flatMap((resource) => Object.values(resource.properties).map((property) => property.$ref)));
  const inputs = schema.resources[`${schema.name}:index:${component}`]?.inputProperties ?? {};
  return Object.entries(inputs)
    .filter(([, property]) => property.plain !== true && typeof property.$ref === "string" && property.$ref.startsWith(LOCAL_TYPE) && outputTypes.has(property.$ref))
    .map(([name]) => name);
}

/**
 * `value` with every field the schema takes as an input (not plain) made an
 * Output derived from `whole`: each keeps the dependencies of the output it
 * came from (`ingress.controllerReady` still waits for the ALB controller),
 * whether the caller's language kept the field's own Output or flattened it.
 */
function withDependencies(schema: PackageSchema, property: SchemaProperty, value: unknown, whole: pulumi.Output<unknown>, pick: (root: unknown) => unknown): unknown {
  if (value === undefined || value === null) return value;
  const ref = typeof property.$ref === "string" && property.$ref.startsWith(LOCAL_TYPE) ? schema.types[property.$ref.slice(LOCAL_TYPE.length)] : undefined;
  if (ref?.properties && typeof value === "object" && !pulumi.Output.isInstance(value)) {
    const fields = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(fields).map(([key, inner]) => {
        const field = ref.properties?.[key];
        const at = (root: unknown): unknown => (pick(root) as Record<string, unknown> | undefined)?.[key];
        return [key, field ? withDependencies(schema, field, inner, whole, at) : inner];
      }),
    );
  }
  return property.plain === true ? value : whole.apply(pick);
}

/**
 * Waits for the top-level args a program passed as another component's output
 * (see `passableInputs`) and hands the component their values, with the
 * input fields still Outputs (`withDependencies`). Undefined when one is not
 * known yet: a preview of a stack that is creating that cluster.
 */
export async function resolvePassedOutputs(schema: PackageSchema, component: string, args: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const resolved = { ...args };
  const inputs = schema.resources[`${schema.name}:index:${component}`].inputProperties;
  for (const name of passableInputs(schema, component)) {
    const passed = args[name];
    if (!pulumi.Output.isInstance(passed)) continue;
    const { known, secret, value } = await settle(passed);
    if (!known) return undefined;
    // Its plain fields would leave the secret behind: the component decides with them and renders them.
    if (secret) throw new ForjaArgumentError(component, name, "a secret Output", "data that is not secret: the capabilities output of EksCluster or K3sCluster, or a literal");
    const top = inputs[name];
    // The value is plain at the top; only its input fields become Outputs again.
    resolved[name] = withDependencies(schema, { ...top, plain: true }, value, passed, (root) => root);
  }
  return resolved;
}
