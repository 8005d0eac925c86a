import * as pulumi from "@pulumi/pulumi";
import { k3sCapabilities } from "../../components/platform/k3s";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { WebService } from "../../components/web-service";
import { renderDeployment, renderIngress, renderNetworkPolicy, validateWebService } from "../../components/web-service/values";
import type { WebServiceArgs } from "../../components/web-service";
import { podSpecViolations } from "../../components/core";
import { onCluster, record } from "../harness";

const k3s = k3sCapabilities({});
const eks: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.0.0.0/16" }] },
  workloadIdentity: { kind: "irsa", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X", issuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/X" },
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: { "ghcr.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr" },
};

const base: WebServiceArgs = {
  cluster: k3s,
  namespace: "prod",
  image: "ghcr.io/financiai-move/task-service:1.4.2",
  port: 8000,
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
};

describe("validateWebService", () => {
  it.each<[string, Partial<WebServiceArgs>, RegExp]>([
    ["no image tag", { image: "ghcr.io/acme/app" }, /argument "image" was "ghcr.io\/acme\/app"; expected an image pinned/],
    ["a latest tag", { image: "ghcr.io/acme/app:latest" }, /"image".*latest/],
    ["no resources", { resources: undefined as never }, /argument "resources" was missing/],
    ["no memory limit", { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: {} as never } }, /"resources.limits.memory" was missing/],
    ["HPA min > max", { autoscaling: { minReplicas: 5, maxReplicas: 2 } }, /"autoscaling.maxReplicas" was 2; expected an integer >= minReplicas \(5\)/],
    ["a port clash", { extraPorts: [{ name: "metrics", port: 8000 }] }, /8000 is used twice/],
    ["a path without a leading slash", { ingress: { path: "service" } }, /"ingress.path" was "service"; expected a path starting with "\/"/],
    ["ingress on a worker", { port: undefined, ingress: { path: "/x" } }, /no ingress on a worker/],
    ["a probe with two checks", { probes: { readiness: { http: { path: "/" }, tcp: {} } } }, /probes.readiness.*exactly one of http, tcp or exec/],
    ["a role on a cluster without workload identity", { roleArn: "arn:aws:iam::123456789012:role/x" }, /argument "cluster.workloadIdentity.kind" was "none"; expected "irsa" or "pod-identity": roleArn is set, but this k3s cluster cannot give pods a cloud role/],
    ["an env name with a dash", { env: { "APP-ENV": "x" } }, /argument "env.APP-ENV" was "APP-ENV"/],
    ["the same name in env and secretEnv", { env: { MODE: "a" }, secretEnv: { MODE: "b" } }, /"secretEnv.MODE" was "MODE"/],
    ["a credential in plain env", { env: { DB_PASSWORD: "hunter2" } }, /argument "env.DB_PASSWORD" was "DB_PASSWORD"; expected no credentials in plain env/],
    ["a URL with a password in plain env", { env: { BROKER: "rediss://:s3cret@redis:6379/0" } }, /argument "env.BROKER" was "BROKER"/],
    ["an internet-facing route without a certificate", { cluster: eks, ingress: { path: "/", internetFacing: true } }, /"ingress.certificateArn" was missing; expected a certificate for an internet-facing route \(or allowPlainHttp: true/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validateWebService("task-service", { ...base, ...change })).toThrow(expected);
  });

  it("accepts settings that merely mention tokens or URIs", () => {
    const env = { MAX_TOKENS: "4096", TOKENIZERS_PARALLELISM: "false", MLFLOW_TRACKING_URI: "http://mlflow:5000" };
    expect(() => validateWebService("api", { ...base, env })).not.toThrow();
  });

  it("accepts a worker with no port", () => {
    expect(() => validateWebService("pnl-worker", { ...base, port: undefined })).not.toThrow();
  });
});

describe("renderers", () => {
  it("documents its defaults: 2 replicas, UID 65532, read-only root with a /tmp scratch volume, TCP probes", () => {
    const spec = renderDeployment("api", base, {}, "api").spec;
    const pod = (spec.template as { spec: unknown }).spec as { containers: Record<string, unknown>[]; securityContext: Record<string, unknown>; volumes: unknown[] };
    expect(spec.replicas).toBe(2);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.containers[0]).toMatchObject({
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
      readinessProbe: { tcpSocket: { port: "http" }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3, initialDelaySeconds: 5 },
      livenessProbe: { tcpSocket: { port: "http" }, initialDelaySeconds: 15 },
      volumeMounts: [{ name: "scratch", mountPath: "/tmp" }],
    });
    expect(pod.volumes).toEqual([{ name: "scratch", emptyDir: { sizeLimit: "256Mi" } }]);
    expect(podSpecViolations(pod as never)).toEqual([]);
  });

  it("leaves replicas to the HPA when autoscaling, so an update never resets the scale", () => {
    expect(renderDeployment("api", { ...base, autoscaling: { minReplicas: 2, maxReplicas: 10 } }, {}, "api").spec.replicas).toBeUndefined();
  });

  it("rewrites the image through the cluster's mirrors", () => {
    const container = ((renderDeployment("api", { ...base, cluster: eks }, {}, "api").spec.template as { spec: unknown }).spec as { containers: { image: string }[] }).containers[0];
    expect(container.image).toBe("123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/financiai-move/task-service:1.4.2");
  });

  it("routes an ALB ingress as seed 002 does: shared group, target-type ip, health-check path", () => {
    const ingress = renderIngress("task-service", {
      ...base,
      cluster: eks,
      ingress: { path: "/service", internetFacing: true, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a" },
      probes: { readiness: { http: { path: "/health" } } },
    });
    expect(ingress?.metadata).toMatchObject({
      annotations: {
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/target-type": "ip",
        "alb.ingress.kubernetes.io/healthcheck-path": "/health",
        "alb.ingress.kubernetes.io/group.name": "forja-public",
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
      },
    });
    expect(ingress?.spec).toMatchObject({ ingressClassName: "alb", rules: [{ http: { paths: [{ path: "/service", pathType: "Prefix" }] } }] });
  });

  it("keeps ALB ingresses internal unless internet-facing is asked for", () => {
    const ingress = renderIngress("api", { ...base, cluster: eks, ingress: { path: "/" } });
    expect((ingress?.metadata as { annotations: Record<string, string> }).annotations["alb.ingress.kubernetes.io/scheme"]).toBe("internal");
  });

  it("denies all traffic but DNS and the ingress controller to the routed port: no client named, nobody else (not even its namespace)", () => {
    const policy = renderNetworkPolicy("api", { ...base, ingress: { path: "/api" } }).spec as { policyTypes: string[]; ingress: unknown[]; egress: { ports: unknown[] }[] };
    expect(policy.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(policy.ingress).toEqual([
      { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } } }], ports: [{ protocol: "TCP", port: 8000 }] },
    ]);
    expect(policy.egress).toHaveLength(1);
    expect(policy.egress[0].ports).toEqual([{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
  });
});

describe("WebService", () => {
  it("a minimal server is a ServiceAccount, Deployment, Service, PDB and NetworkPolicy — no HPA, no Ingress", async () => {
    const recorded = await record(() => new WebService("api", base, onCluster()));
    expect(recorded.counts()).toEqual({
      "forja:index:WebService": 1,
      "kubernetes:core/v1:ServiceAccount": 1,
      "kubernetes:apps/v1:Deployment": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:policy/v1:PodDisruptionBudget": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
    });
  });

  it("a single-replica worker gets no Service and no PodDisruptionBudget (it would block drains)", async () => {
    const recorded = await record(() => new WebService("pnl-worker", { ...base, port: undefined, replicas: 1 }, onCluster()));
    expect(recorded.ofType("kubernetes:core/v1:Service")).toHaveLength(0);
    expect(recorded.ofType("kubernetes:policy/v1:PodDisruptionBudget")).toHaveLength(0);
  });

  it("adds ConfigMap, Secret, HPA and Ingress when asked, keeping secret env a Pulumi secret", async () => {
    const recorded = await record(
      () =>
        new WebService("task-service", {
          ...base,
          env: { APP_ENV: "production" },
          secretEnv: { DB_PASSWORD: "s3cr3t-from-config" },
          autoscaling: { minReplicas: 2, maxReplicas: 10 },
          ingress: { path: "/service" },
        }, onCluster()),
    );
    const secret = recorded.one("kubernetes:core/v1:Secret");
    expect(secret.secretPaths).toContain("stringData");
    expect(recorded.one("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").inputs.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ resource: { name: "cpu", target: { averageUtilization: 70 } } }],
    });
    const deployment = recorded.one("kubernetes:apps/v1:Deployment");
    const container = (deployment.inputs.spec as { template: { spec: { containers: { envFrom: unknown[] }[] } } }).template.spec.containers[0];
    expect(container.envFrom).toEqual([
      { configMapRef: { name: (recorded.one("kubernetes:core/v1:ConfigMap").outputs.metadata as { name: string }).name } },
      { secretRef: { name: (secret.outputs.metadata as { name: string }).name } },
    ]);
    recorded.one("kubernetes:networking.k8s.io/v1:Ingress");
  });

  it("renders objects that validate against the Kubernetes schema and pass every policy", async () => {
    const recorded = await record(
      () => new WebService("task-service", { ...base, cluster: eks, secretEnv: { TOKEN: "x" }, autoscaling: { minReplicas: 2, maxReplicas: 4 }, ingress: { path: "/service" }, roleArn: "arn:aws:iam::123456789012:role/task" }, onCluster()),
    );
    expect(recorded.records.filter((r) => r.custom && r.type.startsWith("kubernetes:"))).toHaveLength(8);
    expect(recorded.schemaErrors()).toEqual([]);
    expect(recorded.policyViolations()).toEqual([]);
  });

  it("annotates the service account for IRSA, lets the pod reach STS, and never mounts an API token", async () => {
    const recorded = await record(() => new WebService("api", { ...base, cluster: eks, roleArn: "arn:aws:iam::123456789012:role/api" }, onCluster()));
    expect(recorded.one("kubernetes:core/v1:ServiceAccount").inputs.metadata).toMatchObject({ annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/api" } });
    const pod = (recorded.one("kubernetes:apps/v1:Deployment").inputs.spec as { template: { spec: { automountServiceAccountToken: boolean } } }).template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    const egress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { egress: unknown[] }).egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
  });

  it("creates an EKS Pod Identity association on Pod Identity clusters", async () => {
    const cluster: ClusterCapabilities = { ...eks, workloadIdentity: { kind: "pod-identity", clusterName: "forja" } };
    const recorded = await record(() => new WebService("api", { ...base, cluster, roleArn: "arn:aws:iam::123456789012:role/api" }, onCluster()));
    const egress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as { egress: unknown[] }).egress;
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: "169.254.170.23/32" } }], ports: [{ protocol: "TCP", port: 80 }] });
    expect(egress).toContainEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
    expect(recorded.one("aws:eks/podIdentityAssociation:PodIdentityAssociation").inputs).toMatchObject({ clusterName: "forja", namespace: "prod", serviceAccount: "api", roleArn: "arn:aws:iam::123456789012:role/api" });
  });
});

describe("WebService cluster wiring", () => {
  it("refuses to deploy without the cluster's Kubernetes provider, never falling back to the ambient kubeconfig", async () => {
    const recorded = await record(() => {
      expect(() => new WebService("api", base)).toThrow(/WebService: argument "opts.providers.kubernetes" was missing; expected the cluster's provider/);
    });
    expect(recorded.records.filter((r) => r.type !== "pulumi:pulumi:Stack")).toEqual([]);
  });

  it("uses a provider passed down from a parent component", async () => {
    const recorded = await record(() => {
      const parent = new pulumi.ComponentResource("test:index:Platform", "platform", {}, onCluster());
      new WebService("api", base, { parent });
    });
    const deployment = recorded.one("kubernetes:apps/v1:Deployment");
    expect(deployment.provider).toMatch(/pulumi:providers:kubernetes::test-cluster::/);
  });

  it("refuses capabilities given as an Output: a program in another language must pass plain data", async () => {
    expect(() => validateWebService("api", { ...base, cluster: pulumi.output(base.cluster) as unknown as ClusterCapabilities })).toThrow(/argument "cluster" was "an Output"; expected plain data.*\(docs\/other-languages\.md\)/);
  });

  it("leaves no trace of a first component with bad args in a second one's registrations", async () => {
    const recorded = await record(() => {
      const opts = onCluster();
      expect(() => new WebService("broken", { ...base, image: "nginx" }, opts)).toThrow(/image/);
      new WebService("api", base, opts);
    });
    expect(recorded.records.filter((r) => r.name.includes("broken"))).toEqual([]);
    expect(recorded.ofType("kubernetes:apps/v1:Deployment")).toHaveLength(1);
  });

  it("gives JavaScript callers an argument error for missing args, never a TypeError", () => {
    expect(() => validateWebService("api", undefined as unknown as WebServiceArgs)).toThrow(/WebService: argument "args" was missing/);
    expect(() => validateWebService("api", { ...base, cluster: undefined } as unknown as WebServiceArgs)).toThrow(/argument "cluster" was missing/);
  });

  it("creates a WorkloadRole trusted by its own service account from rolePolicies", async () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
    const recorded = await record(() => new WebService("reader", { ...base, cluster: eks, rolePolicies: { read: policy } }, onCluster()));
    const role = recorded.one("aws:iam/role:Role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    expect(Object.values(trust.Statement[0].Condition.StringEquals)).toContain("system:serviceaccount:prod:reader");
    expect(recorded.one("kubernetes:core/v1:ServiceAccount").inputs.metadata).toMatchObject({ annotations: { "eks.amazonaws.com/role-arn": role.outputs.arn } });
  });
});

describe("ALB ingress groups", () => {
  const routed = (ingress: WebServiceArgs["ingress"]) => renderIngress("api", { ...base, cluster: eks, ingress })?.metadata as { annotations: Record<string, string> };
  it("never puts a plain-HTTP route in the same default group as a TLS route (ssl-redirect is group-wide)", () => {
    const cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    const groups = [
      routed({ path: "/a" }),
      routed({ path: "/b", certificateArn: cert }),
      routed({ path: "/c", internetFacing: true, certificateArn: cert }),
      routed({ path: "/d", internetFacing: true, allowPlainHttp: true }),
    ].map((metadata) => metadata.annotations["alb.ingress.kubernetes.io/group.name"]);
    expect(groups).toEqual(["forja-internal", "forja-internal-tls", "forja-public", "forja-public-http"]);
  });

  it("admits a named client on the service ports unless it names its own", () => {
    const policy = renderNetworkPolicy("api", { ...base, extraPorts: [{ name: "metrics", port: 9100 }], networkPolicy: { ingressFrom: [{ podLabels: { app: "web" } }, { namespace: "monitoring", ports: [9100] }] } }).spec as { ingress: unknown[] };
    expect(policy.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ protocol: "TCP", port: 8000 }, { protocol: "TCP", port: 9100 }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: {} }], ports: [{ protocol: "TCP", port: 9100 }] },
    ]);
  });
});
