/**
 * Component args and options as the package provider's `construct` receives
 * them from a Python, Go, C#, Java or YAML program: serialized by Pulumi for a
 * remote component (Outputs as output values, secrets marked, each arg's
 * dependencies listed), carried as a protobuf Struct, and deserialized by the
 * provider server's own `deserializeInputs` (a top-level arg with dependencies
 * or a secret arrives as an Output; nested Outputs stay Outputs).
 */
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/* eslint-disable @typescript-eslint/no-require-imports -- SDK internals the provider server itself uses */
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeResourceProperties(label: string, props: pulumi.Inputs, opts: { keepOutputValues: boolean }): Promise<[Record<string, unknown>, Map<string, Set<pulumi.Resource>>]>;
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { supportsOutputValues: boolean } };
const server = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs(inputs: Struct, dependencies: Map<string, { getUrnsList(): string[] }>): Promise<pulumi.Inputs>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** `args` after the round trip through the engine to the provider. */
export async function overTheWire(args: pulumi.Inputs): Promise<pulumi.Inputs> {
  // The engine accepts output values for remote components; the mock monitor says it does not.
  const store = state.getStore();
  const supported = store.supportsOutputValues;
  store.supportsOutputValues = true;
  let serialized: Record<string, unknown>;
  let dependencies: Map<string, Set<pulumi.Resource>>;
  try {
    [serialized, dependencies] = await rpc.serializeResourceProperties("construct", args, { keepOutputValues: true });
  } finally {
    store.supportsOutputValues = supported;
  }
  const urns = new Map<string, { getUrnsList(): string[] }>();
  for (const [key, resources] of dependencies) {
    const list = await Promise.all([...resources].map((resource) => new Promise<string>((resolve) => resource.urn.apply(resolve))));
    urns.set(key, { getUrnsList: () => list });
  }
  return server.deserializeInputs(Struct.fromJavaScript(serialized as never), urns);
}

/**
 * Options as the provider server rebuilds them: providers by package as
 * references (URN and ID), no parent object, no dependsOn objects.
 */
export async function constructOptions(providers: Record<string, pulumi.ProviderResource>): Promise<pulumi.ComponentResourceOptions> {
  const references: Record<string, pulumi.ProviderResource> = {};
  for (const [pkg, provider] of Object.entries(providers)) {
    const [urn, id] = await Promise.all([provider.urn, provider.id].map((output) => new Promise<string>((resolve) => output.apply(resolve))));
    references[pkg] = new pulumi.DependencyProviderResource(`${urn}::${id}`);
  }
  return { aliases: [], dependsOn: [], protect: false, providers: references, ignoreChanges: [], replaceOnChanges: [], retainOnDelete: false };
}
