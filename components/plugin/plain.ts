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
