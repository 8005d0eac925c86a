/**
 * The component package's schema, as Pulumi's own analyzer infers it from the
 * TypeScript types (the same calls as the SDK's ComponentProvider.getSchema).
 * What `pulumi package add` generates SDKs from is the reviewed snapshot in
 * components/plugin/schema.json; this fails when it drifts from the code.
 *
 * Regenerate it after changing public args or outputs, then review the diff:
 *   UPDATE_PACKAGE_SCHEMA=1 npx jest tests/package/schema.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as library from "../../components";
import { COMPONENTS } from "../../components/plugin/components";
import type { PackageSchema, SchemaProperty } from "../../components/plugin/provider";
import { SCHEMA_FILE } from "../../components/plugin/provider";
import { REPO_ROOT } from "../harness";
import { analyzePackage } from "./analyze";
import { SDK_NAMES } from "./boundary";
import type { PackageAnalysis } from "./analyze";

/**
 * Properties the analyzer still rejects, each with the change that makes it
 * representable. Shrink it as the public types are reshaped: the test fails
 * when one is fixed but still listed, and when a new one appears.
 */
const EXPECTED_REJECTIONS: Record<string, string> = {};

/** Public TypeScript fields that are not outputs of the package, and why (docs/other-languages.md). */
const TYPESCRIPT_ONLY: Record<string, string> = {
  "K3sCluster.provider": "a provider resource",
  "EksCluster.provider": "a provider resource",
};

const TOKENS = COMPONENTS.map((component) => `forja:index:${component.name}`);

/** Keys listed but no longer reported, and keys reported but not listed. */
function drift(listed: Record<string, string>, reported: { key: string }[]): { fixedButListed: string[]; newlyReported: string[] } {
  const keys = reported.map((r) => r.key);
  return { fixedButListed: Object.keys(listed).filter((key) => !keys.includes(key)), newlyReported: keys.filter((key) => !(key in listed)) };
}

/** Every property of the component inputs and of the types they reach. */
function inputProperties(schema: PackageSchema): [string, SchemaProperty][] {
  const seen = new Set<string>();
  const found: [string, SchemaProperty][] = [];
  const walk = (owner: string, properties: Record<string, SchemaProperty> | undefined): void => {
    for (const [name, property] of Object.entries(properties ?? {})) {
      found.push([`${owner}.${name}`, property]);
      for (const ref of JSON.stringify(property).match(/#\/types\/[^"]+/g) ?? []) {
        const token = ref.slice("#/types/".length);
        if (seen.has(token)) continue;
        seen.add(token);
        walk(token, schema.types[token]?.properties);
      }
    }
  };
  for (const [token, resource] of Object.entries(schema.resources)) walk(token, resource.inputProperties);
  return found;
}

/** Every property of every resource (inputs and outputs) and type, by `Owner.property`. */
function allProperties(schema: PackageSchema): [string, SchemaProperty][] {
  const owners: [string, Record<string, SchemaProperty> | undefined][] = [
    ...Object.entries(schema.resources).flatMap(([token, resource]): [string, Record<string, SchemaProperty>][] => [
      [`${token} input`, resource.inputProperties],
      [`${token} output`, resource.properties],
    ]),
    ...Object.entries(schema.types).map(([token, type]): [string, Record<string, SchemaProperty> | undefined] => [token, type.properties]),
  ];
  return owners.flatMap(([owner, properties]) => Object.entries(properties ?? {}).map(([name, property]): [string, SchemaProperty] => [`${owner.replace(/^forja:index:/, "")}.${name}`, property]));
}

/** A number's schema type, wherever the property holds it. */
const numberType = (property: SchemaProperty): unknown => (property.items as SchemaProperty | undefined)?.type ?? property.type;

describe("component package schema (Pulumi's analyzer over the TypeScript types)", () => {
  let analysis: PackageAnalysis;
  const snapshotPath = join(REPO_ROOT, SCHEMA_FILE);

  beforeAll(() => {
    analysis = analyzePackage(REPO_ROOT, COMPONENTS.map((component) => component.name));
    if (process.env.UPDATE_PACKAGE_SCHEMA) writeFileSync(snapshotPath, `${JSON.stringify(analysis.schema, null, 2)}\n`);
  }, 300_000);

  it("starts from the plugin entry, index.ts", () => {
    expect(analysis.entry).toBe("index.ts");
  });

  it("rejects exactly the reviewed properties (the list only shrinks)", () => {
    const found = drift(EXPECTED_REJECTIONS, analysis.rejections);
    // On a mismatch the full report (file:line and the analyzer's reason) shows in the diff.
    const report = analysis.rejections.map((r) => `${r.key} (${r.at}): ${r.reason}`);
    expect(found.fixedButListed.length + found.newlyReported.length === 0 ? found : { ...found, report }).toEqual({ fixedButListed: [], newlyReported: [] });
  });

  it("leaves out of the outputs exactly the reviewed TypeScript-only fields", () => {
    expect(drift(TYPESCRIPT_ONLY, analysis.omitted)).toEqual({ fixedButListed: [], newlyReported: [] });
    for (const omission of analysis.omitted) expect(omission.reason).toContain(TYPESCRIPT_ONLY[omission.key]);
  });

  it("serves every library component, each with inputs and outputs", () => {
    const served = Object.entries(library).filter(([, value]) => typeof value === "function" && value.prototype instanceof pulumi.ComponentResource);
    expect(served.map(([name]) => `forja:index:${name}`).sort()).toEqual([...TOKENS].sort());
    expect(Object.keys(analysis.schema.resources).sort()).toEqual([...TOKENS].sort());
    for (const token of TOKENS) {
      expect(Object.keys(analysis.schema.resources[token].inputProperties).length).toBeGreaterThan(0);
      expect(Object.keys(analysis.schema.resources[token].properties).length).toBeGreaterThan(0);
    }
  });

  it("carries each optional input's @default into its description", () => {
    const undocumented = inputProperties(analysis.schema)
      .filter(([, property]) => property.optional === true && !/Default: \S/.test(property.description ?? ""))
      .filter(([, property]) => !property.description?.startsWith("Not in the package schema"))
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
    expect(analysis.schema.resources["forja:index:WebService"].inputProperties.replicas.description).toBe("Replicas when not autoscaled.\n\nDefault: 2");
  });

  it("names no type `…Args`: each language's generator adds its own suffix (`IngressArgs`, not `IngressArgsArgs`)", () => {
    expect(Object.keys(analysis.schema.types).filter((token) => token.endsWith("Args"))).toEqual([]);
    expect(analysis.schema.resources["forja:index:WebService"].inputProperties.ingress.$ref).toBe("#/types/forja:index:Ingress");
  });

  it("types whole numbers as integers (replicas, ports, sizes, counts, seconds, days, @integer) and keeps fractions as numbers", () => {
    const types = Object.fromEntries(allProperties(analysis.schema).map(([name, property]) => [name, numberType(property)]));
    const wholes = ["WebService input.replicas", "WebService input.port", "WebService input.runAsUser", "Postgres output.port", "Autoscaling.maxReplicas", "Probe.periodSeconds", "NodeGroup.desiredSize", "NodeGroup.diskSizeGiB", "MilvusEtcd.replicas", "KeyLimits.rpmLimit", "Ollama input.gpuCount", "ImageMirror input.untaggedDays", "NodeAutoscaling.maxNodes"];
    expect(Object.fromEntries(wholes.map((name) => [name, types[name]]))).toEqual(Object.fromEntries(wholes.map((name) => [name, "integer"])));
    const fractions = ["AciOllama.cpu", "AciOllama.memoryInGB", "CostGuard.monthlyLimitUsd", "KeyLimits.maxBudgetUsd"];
    expect(Object.fromEntries(fractions.map((name) => [name, types[name]]))).toEqual(Object.fromEntries(fractions.map((name) => [name, "number"])));
  });

  it("describes every resource, type, enum and property (document a new field in its TSDoc)", () => {
    const undescribed = [
      ...Object.entries({ ...analysis.schema.resources, ...analysis.schema.types }).filter(([, item]) => !item.description),
      ...allProperties(analysis.schema).filter(([, property]) => !property.description),
    ].map(([name]) => name);
    expect(undescribed).toEqual([]);
    expect(analysis.schema.types["forja:index:ClusterKind"].description).toBe("Which kind of cluster: decides what a component may assume about it.");
  });

  it("pins the SDK names a git install generates, whoever's fork it comes from", () => {
    const language = analysis.schema.language as Record<string, Record<string, unknown>>;
    expect({ namespace: analysis.schema.namespace, python: language.python.packageName, go: language.go.importBasePath, csharp: language.csharp.rootNamespace }).toEqual({
      namespace: SDK_NAMES.namespace,
      python: SDK_NAMES.python.packageName,
      go: SDK_NAMES.go.importBasePath,
      csharp: SDK_NAMES.csharp.rootNamespace,
    });
  });

  it("has Go emit every type's input form (its generator otherwise drops some, and the Go SDK does not build)", () => {
    expect((analysis.schema.language as Record<string, Record<string, unknown>>).go.generateExtraInputTypes).toBe(true);
  });

  it("takes a cluster's `capabilities` output as the `cluster` input of every Kubernetes component", () => {
    const capabilities = "#/types/forja:index:ClusterCapabilities";
    expect(analysis.schema.resources["forja:index:EksCluster"].properties.capabilities.$ref).toBe(capabilities);
    expect(analysis.schema.resources["forja:index:K3sCluster"].properties.capabilities.$ref).toBe(capabilities);
    const clusterInputs = Object.entries(analysis.schema.resources).flatMap(([token, resource]) => Object.entries(resource.inputProperties).filter(([, property]) => property.$ref === capabilities).map(([name, property]) => [`${token}.${name}`, property.plain]));
    expect(clusterInputs.length).toBeGreaterThan(5);
    expect(clusterInputs.filter(([, plain]) => plain !== undefined)).toEqual([]);
  });

  it("is the reviewed snapshot the plugin serves (UPDATE_PACKAGE_SCHEMA=1 regenerates it)", () => {
    const snapshot = JSON.parse(readFileSync(snapshotPath, "utf8")) as PackageSchema;
    expect(snapshot).toEqual(analysis.schema);
  });
});
