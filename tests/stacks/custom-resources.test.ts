/**
 * The synth's check of custom resources against the CRDs a stack ships
 * (src/offline/custom-resources.ts), on hand-made CRDs: what the API server
 * would accept passes, what it would prune or refuse does not.
 */
import { CustomResourceSchemas } from "../../src/offline/custom-resources";
import type { KubernetesObject } from "../../src/offline/kubernetes";

const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.example.com" },
  spec: {
    group: "example.com",
    names: { kind: "Widget" },
    versions: [
      { name: "v1alpha1", served: false, schema: { openAPIV3Schema: { type: "object" } } },
      {
        name: "v1",
        served: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: {
                type: "object",
                required: ["mode"],
                properties: {
                  // Go's case-insensitive flag, which JavaScript's RegExp has no inline form of.
                  mode: { type: "string", pattern: "^(?i)(strict|permissive)$" },
                  port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
                  extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                },
              },
            },
          },
        },
      },
    ],
  },
} as unknown as KubernetesObject;

const widget = (spec: Record<string, unknown>, apiVersion = "example.com/v1"): KubernetesObject => ({ apiVersion, kind: "Widget", metadata: { name: "w", namespace: "ns" }, spec });
const schemas = new CustomResourceSchemas([crd]);

describe("custom resources against the stack's CRDs", () => {
  it("accepts a valid object: Go patterns, int-or-string, preserved unknown fields", () => {
    expect(schemas.errors(widget({ mode: "STRICT", port: "http", extra: { anything: 1 } }))).toEqual([]);
    expect(schemas.errors(widget({ mode: "permissive", port: 8080 }))).toEqual([]);
  });

  it("refuses unknown fields, wrong values and missing required ones", () => {
    expect(schemas.errors(widget({ mode: "strict", prot: 80 }))).toEqual(["/spec must NOT have additional properties: prot"]);
    expect(schemas.errors(widget({ mode: "lenient" }))).toEqual([expect.stringContaining("/spec/mode must match pattern")]);
    expect(schemas.errors(widget({}))).toEqual(["/spec must have required property 'mode'"]);
  });

  it("does not judge a version the CRD does not serve, or a kind the stack ships no CRD for", () => {
    expect(schemas.errors(widget({ anything: true }, "example.com/v1alpha1"))).toBeUndefined();
    expect(schemas.errors({ apiVersion: "traefik.io/v1alpha1", kind: "Middleware", metadata: { name: "m" } })).toBeUndefined();
  });
});
