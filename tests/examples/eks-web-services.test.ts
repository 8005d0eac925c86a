import * as pulumi from "@pulumi/pulumi";
import { record } from "../harness";
import type { Recorded } from "../harness";
import { EXAMPLE_CONFIG, EXAMPLE_SECRET_KEYS } from "../../examples/eks-web-services/test-config";

/**
 * The seed 002 example under this repository's own checks (OpenAPI schema,
 * policies). What it builds is its own test: examples/eks-web-services/test/index.test.ts.
 */
let recorded: Recorded;
beforeAll(async () => {
  recorded = await record(
    async () => {
      pulumi.runtime.setAllConfig(EXAMPLE_CONFIG, EXAMPLE_SECRET_KEYS);
      await import("../../examples/eks-web-services");
    },
    { awsRegion: "sa-east-1", awsAccountId: "111122223333" },
    "eks-web-services",
  );
});

describe("examples/eks-web-services (seed 002)", () => {
  it("renders valid Kubernetes objects that pass every policy", () => {
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});
