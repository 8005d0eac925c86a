import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { runStack } from "../harness";
import type { Recorded } from "../harness";

const STACKS = ["dev", "prod", "aci"] as const;
const results = new Map<string, { report: SynthReport; recorded: Recorded; outputs: Record<string, unknown> }>();

beforeAll(async () => {
  // One program run per stack, shared by every assertion below.
  for (const stack of STACKS) {
    const { run, report, recorded } = await runStack(stack);
    results.set(stack, { report, recorded, outputs: run.outputs });
  }
});

describe.each(STACKS)("stack %s", (stack) => {
  const get = () => results.get(stack)!;

  it("synthesises with no policy violation, schema error or secret leak", () => {
    expect(reportProblems(get().report)).toEqual([]);
  });

  it("parents every resource inside the stack", () => {
    const urns = new Set(get().recorded.records.map((r) => r.urn));
    const orphans = get().recorded.records.filter((r) => r.type !== "pulumi:pulumi:Stack" && (!r.parent || !urns.has(r.parent)));
    expect(orphans.map((r) => r.urn)).toEqual([]);
  });

  it("creates every custom resource through an explicit provider, never the ambient default", () => {
    // Under the mock monitor a resource on the ambient default provider has no provider reference.
    const ambient = get().recorded.records.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && (r.provider === null || r.provider.includes("::default")));
    expect(ambient.map((r) => r.urn)).toEqual([]);
  });

  it("exports the target it was configured with", () => {
    expect(get().outputs.target).toBe({ dev: "k3s", prod: "eks", aci: "aci" }[stack]);
  });
});

describe("stack dev", () => {
  it("puts workloads in a namespace that enforces the restricted Pod Security Standard", () => {
    const namespace = results.get("dev")!.recorded.one("kubernetes:core/v1:Namespace");
    expect(namespace.inputs.metadata).toMatchObject({ name: "forja", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
  });
});

/** Every image reference in a rendered object or Helm values: `image: "..."` strings and `{repository, tag}` maps. */
function imagesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(imagesIn);
  if (!value || typeof value !== "object") return [];
  const object = value as Record<string, unknown>;
  const found: string[] = [];
  if (typeof object.image === "string") found.push(object.image);
  if (typeof object.repository === "string" && typeof object.tag === "string") found.push(`${object.repository}:${object.tag}`);
  return [...found, ...Object.values(object).flatMap(imagesIn)];
}

describe("stack prod", () => {
  const prod = () => results.get("prod")!;

  it("lists the EKS platform and the ECR mirror", () => {
    const counts = prod().recorded.counts();
    expect(counts).toMatchObject({
      "forja:index:EksCluster": 1,
      "forja:index:ImageMirror": 1,
      "eks:index:Cluster": 1,
      "eks:index:ManagedNodeGroup": 1,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": 5,
      "aws:ecr/repository:Repository": 1,
    });
  });

  it("pulls every image of every Kubernetes object and Helm release through the stack's ECR", () => {
    const images = [...prod().report.kubernetes.map((k) => k.object), ...prod().report.helm.map((h) => h.values)].flatMap(imagesIn);
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images.filter((image) => !image.startsWith("111122223333.dkr.ecr.us-east-1.amazonaws.com/"))).toEqual([]);
  });

  it("exports the platform: cluster name, OIDC, egress IPs, kubeconfig as a secret", () => {
    const outputs = prod().outputs;
    expect(outputs).toMatchObject({ kubeconfig: "[secret]", registry: "111122223333.dkr.ecr.us-east-1.amazonaws.com" });
    expect(outputs.egressIps).toHaveLength(3);
    expect(String(outputs.oidcProviderArn)).toMatch(/^arn:aws:iam::111122223333:oidc-provider\//);
    expect(outputs.capabilities).toMatchObject({ kind: "eks", storageClass: "gp3", workloadIdentity: { kind: "irsa", oidcProviderArn: outputs.oidcProviderArn } });
  });

  it("protects the workload namespace, whose deletion would take every volume claim with it", () => {
    const namespace = prod().recorded.one("kubernetes:core/v1:Namespace");
    expect([namespace.protect, namespace.retainOnDelete]).toEqual([true, true]);
    expect(results.get("dev")!.recorded.one("kubernetes:core/v1:Namespace").protect).toBe(false);
  });

  it("restricts the AWS provider to the configured account", () => {
    expect(prod().recorded.one("pulumi:providers:aws").inputs).toMatchObject({ region: "us-east-1", allowedAccountIds: '["111122223333"]' });
  });

  it("routes the echo service through the internal ALB group", () => {
    const ingress = prod().recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs as { metadata: { annotations: Record<string, string> }; spec: { ingressClassName: string } };
    expect(ingress.spec.ingressClassName).toBe("alb");
    expect(ingress.metadata.annotations).toMatchObject({ "alb.ingress.kubernetes.io/scheme": "internal", "alb.ingress.kubernetes.io/group.name": "forja-internal" });
  });
});

describe("stack dev services", () => {
  it("runs the echo service behind Traefik in the forja namespace", () => {
    const dev = results.get("dev")!;
    const ingress = dev.recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs as { metadata: { namespace: string }; spec: { ingressClassName: string } };
    expect(ingress).toMatchObject({ metadata: { namespace: "forja" }, spec: { ingressClassName: "traefik" } });
    expect(dev.outputs.services).toEqual({ echo: "http://echo.forja.svc.cluster.local:8080" });
  });
});
