import * as pulumi from "@pulumi/pulumi";
import { record } from "../harness";
import { datalk } from "../../examples/aci-ollama-cosmos/program";
import { genai } from "../../examples/k3s-genai/program";

/**
 * The K3s and ACI example projects under this repository's own checks: every
 * Kubernetes object valid against the OpenAPI schema, every resource passing
 * the policy pack. What they build is their own tests' business (examples/<name>/test/).
 */
const CASES: [string, () => unknown, Record<string, string>][] = [
  ["k3s-genai", genai, { "k3s-genai:apiImage": "ghcr.io/acme/chat-api:1.4.2" }],
  ["aci-ollama-cosmos", datalk, { "azure-native:location": "eastus", "aci-ollama-cosmos:appTag": "v1" }],
];

describe.each(CASES)("examples/%s", (project, program, config) => {
  it("creates valid objects that pass every policy", async () => {
    const recorded = await record(
      () => {
        pulumi.runtime.setAllConfig(config, []);
        return program();
      },
      {},
      project,
    );
    expect(recorded.records.length).toBeGreaterThan(20);
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});
