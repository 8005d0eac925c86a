import * as pulumi from "@pulumi/pulumi";
import { record } from "../harness";
import type { Recorded } from "../harness";

/** The seed 002 example, run as its own project would run it, importing `forja/*`. */
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
  it("runs two routed services and four workers", () => {
    expect(recorded.ofType("forja:index:WebService")).toHaveLength(6);
    expect(recorded.ofType("kubernetes:core/v1:Service")).toHaveLength(2);
    expect(recorded.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler")).toHaveLength(2);
  });

  it("routes /service and / on one internet-facing HTTPS ALB group", () => {
    const ingresses = recorded.ofType("kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.inputs as { metadata: { annotations: Record<string, string> }; spec: { rules: { http: { paths: { path: string }[] } }[] } });
    expect(ingresses.map((i) => i.spec.rules[0].http.paths[0].path).sort()).toEqual(["/", "/service"]);
    expect(new Set(ingresses.map((i) => i.metadata.annotations["alb.ingress.kubernetes.io/group.name"]))).toEqual(new Set(["forja-public"]));
    expect(ingresses.every((i) => i.metadata.annotations["alb.ingress.kubernetes.io/ssl-redirect"] === "443")).toBe(true);
  });

  it("lets every service and worker reach the database, and nothing else but DNS", () => {
    const policies = recorded.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => (r.inputs.spec as { egress: { to: object[]; ports: object[] }[] }).egress);
    expect(policies).toHaveLength(6);
    for (const egress of policies) {
      expect(egress).toHaveLength(2);
      expect(egress[1]).toEqual({ to: [{ ipBlock: { cidr: "10.20.0.0/24" } }], ports: [{ protocol: "TCP", port: 5432 }] });
    }
  });

  it("pulls the GHCR images through the ECR cache", () => {
    const images = recorded.ofType("kubernetes:apps/v1:Deployment").map((d) => (d.inputs.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image);
    expect(images).toContain("111122223333.dkr.ecr.sa-east-1.amazonaws.com/ghcr/financiai-move/task-service:2025.10.29");
    expect(images.every((image) => image.startsWith("111122223333.dkr.ecr.sa-east-1.amazonaws.com/ghcr/"))).toBe(true);
  });

  it("renders valid Kubernetes objects that pass every policy", () => {
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });
});
