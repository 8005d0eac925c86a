/**
 * This project's unit test, as its team would write it: `forja/testing` runs
 * index.ts under mocks (no AWS account, no Pulumi CLI) and records every
 * resource it would create.
 */
import { recordStack } from "forja/testing";
import type { RecordedStack } from "forja/testing";
import { EXAMPLE_CONFIG as config, EXAMPLE_SECRET_KEYS } from "../test-config.js";


interface PodSpec {
  containers: { image: string }[];
}

let stack: RecordedStack;
beforeAll(async () => {
  stack = await recordStack(() => import("../index.js"), {
    project: "eks-web-services",
    config,
    secretKeys: EXAMPLE_SECRET_KEYS,
    mocks: { awsRegion: "sa-east-1", awsAccountId: "111122223333" },
  });
});

describe("eks-web-services", () => {
  it("runs two routed services and four workers", () => {
    expect(stack.ofType("forja:index:WebService")).toHaveLength(6);
    expect(stack.ofType("kubernetes:core/v1:Service")).toHaveLength(2);
    expect(stack.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).toHaveLength(2);
  });

  it("routes /service and / on one internet-facing HTTPS ALB group", () => {
    const ingresses = stack.ofType("kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.inputs as { metadata: { annotations: Record<string, string> }; spec: { rules: { http: { paths: { path: string }[] } }[] } });
    expect(ingresses.map((i) => i.spec.rules[0].http.paths[0].path).sort()).toEqual(["/", "/service"]);
    expect(new Set(ingresses.map((i) => i.metadata.annotations["alb.ingress.kubernetes.io/group.name"]))).toEqual(new Set(["forja-public"]));
    expect(ingresses.every((i) => i.metadata.annotations["alb.ingress.kubernetes.io/ssl-redirect"] === "443")).toBe(true);
  });

  it("lets every service and worker reach the database, and nothing else but DNS", () => {
    const policies = stack.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => (r.inputs.spec as { egress: { to: object[]; ports: object[] }[] }).egress);
    expect(policies).toHaveLength(6);
    for (const egress of policies) {
      expect(egress).toHaveLength(2);
      expect(egress[1]).toEqual({ to: [{ ipBlock: { cidr: "10.20.0.0/24" } }], ports: [{ protocol: "TCP", port: 5432 }] });
    }
  });

  it("pulls the GHCR images through the ECR cache", () => {
    const images = stack.ofType("kubernetes:apps/v1:Deployment").map((d) => (d.inputs.spec as { template: { spec: PodSpec } }).template.spec.containers[0].image);
    expect(images).toContain("111122223333.dkr.ecr.sa-east-1.amazonaws.com/ghcr/financiai-move/task-service:2025.10.29");
    expect(images.every((image) => image.startsWith("111122223333.dkr.ecr.sa-east-1.amazonaws.com/ghcr/"))).toBe(true);
  });

  it("keeps the database URL a secret in every workload", () => {
    const secrets = stack.ofType("kubernetes:core/v1:Secret");
    expect(secrets).toHaveLength(6);
    expect(secrets.every((secret) => secret.secretPaths.length > 0 && !JSON.stringify(secret.redactedInputs).includes("postgresql://"))).toBe(true);
  });

  it("exports the cluster's static egress IPs, one per AZ, and a secret kubeconfig", () => {
    expect(stack.outputs).toMatchObject({ egressIps: [expect.stringMatching(/^203\.0\.113\.\d+$/), expect.stringMatching(/^203\.0\.113\.\d+$/), expect.stringMatching(/^203\.0\.113\.\d+$/)], kubeconfig: "[secret]" });
  });
});
