/**
 * The example projects name this version: the TypeScript ones the tarball
 * `npm pack` makes of it, the YAML one its release tag.
 *
 * examples/yaml-k3s is a Pulumi YAML program using the component package: it
 * must agree with the schema the plugin serves, or `pulumi up` fails on a
 * user's machine. Every `forja:` resource's type, property, required arg and
 * enum value is checked, and no plain arg may take a resource's output
 * (the component would refuse it: it decides with that data while the program runs).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { SCHEMA_FILE } from "../../components/plugin/provider";
import { REPO_ROOT } from "../harness";

interface Spec {
  type?: string;
  $ref?: string;
  plain?: boolean;
  optional?: boolean;
  items?: Spec;
  additionalProperties?: Spec;
  properties?: Record<string, Spec>;
  required?: string[];
  enum?: { value: unknown }[];
}
interface Schema {
  resources: Record<string, { inputProperties: Record<string, Spec>; requiredInputs?: string[] }>;
  types: Record<string, Spec>;
}
interface Program {
  packages?: Record<string, string>;
  config?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
}

const schema = JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_FILE), "utf8")) as Schema;

/** The problems of a YAML program against the schema, each with its path. */
function checkProgram(program: Program): string[] {
  const problems: string[] = [];
  const resources = new Set(Object.keys(program.resources));
  const variables = program.variables ?? {};

  /** A `${...}` expression: a variable's literal value, a config value (plain), or a resource output. */
  const reference = (value: string): { output: boolean; literal?: unknown } | undefined => {
    const match = /^\$\{([A-Za-z0-9_-]+)(.*)\}$/.exec(value);
    if (!match) return undefined;
    if (match[1] in variables && match[2] === "") return { output: false, literal: variables[match[1]] };
    return { output: resources.has(match[1]) };
  };

  const check = (value: unknown, spec: Spec, path: string): void => {
    if (typeof value === "string") {
      const ref = reference(value);
      if (ref?.output) {
        if (spec.plain) problems.push(`${path}: ${value} is a resource output, but the component needs plain data here`);
        return;
      }
      if (ref && ref.literal === undefined) return; // config: plain, typed by its declaration
      if (ref) return check(ref.literal, spec, path);
    }
    if (spec.$ref) {
      const name = spec.$ref.replace("#/types/", "");
      const type = schema.types[name];
      if (!type) return void problems.push(`${path}: the schema has no type ${name}`);
      if (type.enum) {
        if (!type.enum.some((entry) => entry.value === value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${type.enum.map((entry) => JSON.stringify(entry.value)).join(", ")}`);
        return;
      }
      return check(value, type, path);
    }
    switch (spec.type) {
      case "string":
        if (typeof value !== "string") problems.push(`${path}: expected a string, got ${JSON.stringify(value)}`);
        return;
      case "number":
      case "integer":
        if (typeof value !== "number") problems.push(`${path}: expected a number, got ${JSON.stringify(value)}`);
        return;
      case "boolean":
        if (typeof value !== "boolean") problems.push(`${path}: expected a boolean, got ${JSON.stringify(value)}`);
        return;
      case "array":
        if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
        return value.forEach((item, index) => check(item, spec.items ?? {}, `${path}[${index}]`));
      case "object":
        if (typeof value !== "object" || value === null || Array.isArray(value)) return void problems.push(`${path}: expected a map`);
        if (spec.properties) return checkObject(value as Record<string, unknown>, spec.properties, spec.required ?? [], path);
        for (const [key, item] of Object.entries(value)) check(item, spec.additionalProperties ?? {}, `${path}.${key}`);
    }
  };

  const checkObject = (value: Record<string, unknown>, properties: Record<string, Spec>, required: string[], path: string) => {
    for (const key of required) if (!(key in value)) problems.push(`${path}: ${key} is required`);
    for (const [key, item] of Object.entries(value)) {
      if (!properties[key]) problems.push(`${path}.${key}: no such property (the schema has ${Object.keys(properties).join(", ")})`);
      else check(item, properties[key], `${path}.${key}`);
    }
  };

  for (const [name, resource] of Object.entries(program.resources)) {
    if (!resource.type.startsWith("forja:")) continue;
    const token = resource.type.split(":").length === 2 ? resource.type.replace(/^forja:/, "forja:index:") : resource.type;
    const component = schema.resources[token];
    if (!component) {
      problems.push(`resources.${name}: the package has no ${resource.type}`);
      continue;
    }
    checkObject(resource.properties ?? {}, component.inputProperties, component.requiredInputs ?? [], `resources.${name}.properties`);
  }
  return problems;
}

describe("examples/yaml-k3s", () => {
  const program = parse(readFileSync(join(REPO_ROOT, "examples", "yaml-k3s", "Pulumi.yaml"), "utf8")) as Program;

  it("uses the package at the tag of this version", () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    expect(program.packages).toEqual({ forja: `https://github.com/forja-platform/forja@v${version}` });
  });

  it("builds Forja components the schema serves, with the args it declares", () => {
    expect(Object.values(program.resources).filter((resource) => resource.type.startsWith("forja:")).map((resource) => resource.type)).toEqual(["forja:Postgres", "forja:WebService"]);
    expect(checkProgram(program)).toEqual([]);
  });

  it("would catch a misspelt arg, a missing required one, a wrong enum value and an output where data is needed", () => {
    const broken = structuredClone(program);
    const api = broken.resources.api.properties as Record<string, unknown>;
    api.prot = 8000;
    delete api.resources;
    (broken.variables?.cluster as { kind: string }).kind = "gke";
    (api.ingress as Record<string, unknown>).path = "${postgres.host}";
    expect(checkProgram(broken)).toEqual([
      expect.stringMatching(/^resources\.postgres\.properties\.cluster\.kind: "gke" is not one of/),
      "resources.api.properties: resources is required",
      expect.stringMatching(/^resources\.api\.properties\.cluster\.kind: "gke" is not one of/),
      "resources.api.properties.ingress.path: ${postgres.host} is a resource output, but the component needs plain data here",
      expect.stringMatching(/^resources\.api\.properties\.prot: no such property/),
    ]);
  });
});

describe("the TypeScript examples", () => {
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const examples = join(REPO_ROOT, "examples");
  const projects = readdirSync(examples).filter((name) => existsSync(join(examples, name, "package.json")));

  it.each(projects)("%s installs the tarball of this version (`npm pack --pack-destination examples`)", (name) => {
    const manifest = JSON.parse(readFileSync(join(examples, name, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.forja).toBe(`file:../forja-${version}.tgz`);
  });

  it.each(projects)("%s runs its tests with the jest config docs/testing.md shows", (name) => {
    const testing = readFileSync(join(REPO_ROOT, "docs", "testing.md"), "utf8");
    expect(testing).toContain(`\`\`\`js\n${readFileSync(join(examples, name, "jest.config.js"), "utf8")}\`\`\``);
  });
});
