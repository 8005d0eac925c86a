import * as pulumi from "@pulumi/pulumi";
import { record } from "../harness";
import type { Recorded } from "../harness";

/**
 * The seed 002 example under this repository's own checks (OpenAPI schema,
 * policies). What it builds is its own test: examples/eks-web-services/index.test.ts.
 */
let recorded: Recorded;
beforeAll(async () => {
  recorded = await record(
    async () => {
      pulumi.runtime.setAllConfig(
        {
          "aws:region": "sa-east-1",
          "eks-web-services:accountId": "111122223333",
          "eks-web-services:publicAccessCidrs": '["198.51.100.0/24"]',
          "eks-web-services:ghcrCredentialArn": "arn:aws:secretsmanager:sa-east-1:111122223333:secret:ecr-pullthroughcache/ghcr",
          "eks-web-services:certificateArn": "arn:aws:acm:sa-east-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a",
          "eks-web-services:imageTag": "2025.10.29",
          "eks-web-services:databaseCidr": "10.20.0.0/24",
          "eks-web-services:databaseUrl": "postgresql://app:generated@db:5432/app?sslmode=require",
        },
        ["eks-web-services:databaseUrl"],
      );
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
