/**
 * The provider behind Forja's Pulumi package (PulumiPlugin.yaml): what
 * `pulumi package add` asks for the schema, and what builds a component when
 * a Python, Go, C#, Java or YAML program declares one.
 *
 * It serves the reviewed schema in schema.json instead of running Pulumi's
 * schema analyzer in every plugin process (a TypeScript program of the whole
 * repository: seconds and a gigabyte before the first component). The tests
 * regenerate schema.json with that analyzer and fail when it drifts; it adds
 * what the analyzer drops (the `@default` of every field) and leaves out the
 * TypeScript-only outputs (providers) that cannot cross languages.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENTS } from "./components";
import { requirePlainArgs, resolvePassedOutputs } from "./plain";
import type { PackageSchema } from "./schema";

export type { PackageSchema, SchemaProperty, SchemaResource } from "./schema";

/** The package name: type tokens are `forja:index:<Class>`. */
export const PACKAGE_NAME = "forja";

/** The reviewed schema, relative to the repository root (the plugin always runs from a checkout). */
export const SCHEMA_FILE = "components/plugin/schema.json";

type ComponentClass = new (name: string, args: never, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

/** The repository root: the nearest package.json above this file, from the sources or from dist/. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "PulumiPlugin.yaml"))) return dir;
    if (dirname(dir) === dir) throw new Error(`Forja's package root (package.json next to PulumiPlugin.yaml) is not above ${from}`);
  }
}

export class ForjaProvider implements pulumi.provider.Provider {
  private readonly components: Map<string, ComponentClass>;

  constructor(
    private readonly packageSchema: PackageSchema,
    readonly version: string,
  ) {
    this.components = new Map((COMPONENTS as unknown as ComponentClass[]).map((component) => [`${PACKAGE_NAME}:index:${component.name}`, component]));
  }

  async getSchema(): Promise<string> {
    return JSON.stringify({ ...this.packageSchema, version: this.version });
  }

  /**
   * Builds the component as a TypeScript program would, then returns the
   * outputs the schema declares. Providers arrive in `options.providers` as
   * the program passed them (`providers` on the component's resource
   * options), by package, and the component's children inherit them. A
   * cluster's `capabilities` output passed as `cluster` is waited for and
   * handed over as data (plain.ts). Bad args fail with a ForjaArgumentError
   * (an Output where the schema wants plain data, or the component's own
   * checks), which the engine shows as the error of the resource.
   */
  async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<pulumi.provider.ConstructResult> {
    const Component = this.components.get(type);
    const resource = this.packageSchema.resources[type];
    if (Component === undefined || resource === undefined) {
      throw new Error(`The forja package has no component ${type}; it has ${[...this.components.keys()].join(", ")}.`);
    }
    const args = await resolvePassedOutputs(this.packageSchema, Component.name, inputs);
    if (args === undefined) return pending(name, type, Object.keys(resource.properties), options);
    requirePlainArgs(this.packageSchema, Component.name, args);
    const instance = new Component(name, args as never, options) as unknown as Record<string, unknown> & pulumi.ComponentResource;
    const state = Object.fromEntries(Object.keys(resource.properties).map((output) => [output, instance[output]]));
    return { urn: instance.urn, state };
  }
}

/**
 * A preview of a stack that is creating the cluster a component runs on: the
 * cluster's capabilities are not known yet, so the component shows with its
 * outputs unknown and no children, and says why. `pulumi up` waits for the
 * cluster and builds it in full.
 */
function pending(name: string, type: string, outputs: string[], options: pulumi.ComponentResourceOptions): pulumi.provider.ConstructResult {
  const component = new pulumi.ComponentResource(type, name, {}, options);
  pulumi.log.warn("its cluster is not created yet: this preview shows the component without its resources; `pulumi up` creates the cluster first, then them", component);
  return { urn: component.urn, state: Object.fromEntries(outputs.map((output) => [output, pulumi.unknown])) };
}

/** The provider as the plugin serves it: the reviewed schema at the package's version. */
export function packageProvider(root: string = packageRoot()): ForjaProvider {
  const schema = JSON.parse(readFileSync(join(root, SCHEMA_FILE), "utf8")) as PackageSchema;
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
  return new ForjaProvider(schema, version);
}

/** Starts the gRPC server the engine talks to; prints its port as Pulumi expects. */
export function serve(): Promise<void> {
  return pulumi.provider.main(packageProvider(), process.argv.slice(2));
}
