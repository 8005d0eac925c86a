import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ForjaMocks } from "../../components/testing/mocks";
import { buildReport, reportProblems } from "../../src/offline/report";
import type { ProgramRun } from "../../src/offline/run";
import { parseStackConfig } from "../../src/config";
import { record, runStackVariant } from "../harness";
import type { Recorded } from "../harness";

/** A Kubernetes object registered without the SDK's class, which would wrap Secret data for us. */
class RawObject extends pulumi.CustomResource {}

const devConfig = parseStackConfig({ project: "forja", stack: "test", values: { "forja:target": "k3s" }, secretKeys: [] });
const asRun = (recorded: Recorded, environment: "development" | "production" = "development"): ProgramRun => ({
  stack: "test",
  config: { ...devConfig, environment },
  records: recorded.records,
  releaseObjects: [],
  outputs: {},
  durationMs: 1,
  chartRenderMs: 0,
});

describe("mocks", () => {
  it("throw on an invoke they do not know, naming it", () => {
    expect(() => new ForjaMocks().call({ token: "aws:ec2/getVpc:getVpc", inputs: {} })).toThrow("Mock not implemented for invoke aws:ec2/getVpc:getVpc");
  });

  it("answer eks:index:Cluster with a kubeconfig and OIDC fields that fit together", () => {
    const { state } = new ForjaMocks({ awsRegion: "eu-west-1" }).newResource({ type: "eks:index:Cluster", name: "c", inputs: {}, custom: false });
    expect(state.oidcProviderUrl).toBe(`https://${state.oidcIssuer}`);
    expect(state.oidcProviderArn).toBe(`arn:aws:iam::123456789012:oidc-provider/${state.oidcIssuer}`);
    expect(JSON.parse(state.kubeconfigJson as string).clusters[0].cluster.server).toMatch(/\.eu-west-1\.eks\.amazonaws\.com$/);
  });
});

describe("synth checks", () => {
  it("redacts secret inputs in resources.json but keeps the key names of Secret data", async () => {
    const recorded = await record(() => {
      new k8s.core.v1.Secret("db", { metadata: { name: "db", namespace: "apps" }, stringData: { password: "Zq3!x9generated" } });
      new k8s.core.v1.ConfigMap("cfg", { metadata: { name: "cfg", namespace: "apps" }, data: { greeting: pulumi.secret("hidden-value") } });
    });
    const report = buildReport(asRun(recorded));
    expect(JSON.stringify(report.resources)).not.toContain("Zq3!x9generated");
    expect(JSON.stringify(report.resources)).not.toContain("hidden-value");
    const secret = report.kubernetes.find((k) => k.object.kind === "Secret");
    expect(secret?.object.stringData).toEqual({ password: "[secret]" });
    expect(reportProblems(report)).toEqual([]);
  });

  it("reports a Secret whose data is not a Pulumi secret", async () => {
    const recorded = await record(() => {
      new RawObject("kubernetes:core/v1:Secret", "raw", { apiVersion: "v1", kind: "Secret", metadata: { name: "raw" }, stringData: { password: "plain" } });
    });
    expect(reportProblems(buildReport(asRun(recorded)))).toEqual([expect.stringMatching(/^secret leak .*stringData\.password is not a Pulumi secret$/)]);
  });

  it("reports an object that fails the Kubernetes schema", async () => {
    const recorded = await record(() => {
      new k8s.core.v1.Service("bad", { metadata: { name: "bad" }, spec: { ports: [{ port: "eighty" as unknown as number }] } });
    });
    expect(reportProblems(buildReport(asRun(recorded)))).toEqual([expect.stringMatching(/^invalid Kubernetes object service-cluster-bad\.yaml: .*port must be integer/)]);
  });

  it("reports policy violations, with production rules only in production", async () => {
    const recorded = await record(() => {
      new k8s.core.v1.PersistentVolumeClaim("data", { metadata: { name: "data", namespace: "apps" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
    });
    expect(reportProblems(buildReport(asRun(recorded, "development")))).toEqual([]);
    expect(reportProblems(buildReport(asRun(recorded, "production")))).toEqual([expect.stringContaining("policy stateful-resources-protected")]);
  });
});

describe("the synth refuses what the engine would refuse", () => {
  it("two resources with the same URN, naming it", async () => {
    const run = record(() => {
      new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings-a", namespace: "apps" } });
      new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings-b", namespace: "apps" } });
    });
    await expect(run).rejects.toThrow(
      'duplicate resource URN urn:pulumi:test::forja::pulumi:pulumi:Stack$kubernetes:core/v1:ConfigMap::settings: two kubernetes:core/v1:ConfigMap resources named "settings" under the same parent',
    );
  });

  it("children named alike under two components of one type, since the URN carries only the parent's type", async () => {
    const run = record(() => {
      for (const team of ["a", "b"]) {
        const parent = new pulumi.ComponentResource("forja:index:Team", team);
        new k8s.core.v1.ConfigMap("settings", { metadata: { name: `settings-${team}` } }, { parent });
      }
    });
    await expect(run).rejects.toThrow("duplicate resource URN urn:pulumi:test::forja::forja:index:Team$kubernetes:core/v1:ConfigMap::settings");
  });

  it("accepts one name under parents of different types, whose URNs differ", async () => {
    const recorded = await record(() => {
      for (const kind of ["Team", "Project"]) {
        const parent = new pulumi.ComponentResource(`forja:index:${kind}`, "x");
        new k8s.core.v1.ConfigMap("settings", { metadata: { name: `settings-${kind}` } }, { parent });
      }
    });
    expect(new Set(recorded.ofType("kubernetes:core/v1:ConfigMap").map((r) => r.urn))).toEqual(
      new Set(["urn:pulumi:test::forja::forja:index:Team$kubernetes:core/v1:ConfigMap::settings", "urn:pulumi:test::forja::forja:index:Project$kubernetes:core/v1:ConfigMap::settings"]),
    );
  });

  it("a resource whose parent was never registered in this program", async () => {
    let fromAnotherRun: pulumi.ComponentResource | undefined;
    await record(() => {
      fromAnotherRun = new pulumi.ComponentResource("forja:index:Team", "earlier");
    });
    const run = record(() => {
      new k8s.core.v1.ConfigMap("settings", { metadata: { name: "settings" } }, { parent: fromAnotherRun });
    });
    await expect(run).rejects.toThrow("has the parent urn:pulumi:test::forja::pulumi:pulumi:Stack$forja:index:Team::earlier, which was never registered in this program");
  });
});

describe("the synth's network check", () => {
  // A second service calls echo on 8080; echo either names it (ingressFrom) or admits nobody.
  const withCaller = (echoAdmits: unknown[]) => (config: Record<string, unknown>) => {
    const services = config["forja:services"] as Record<string, Record<string, unknown>>;
    services.echo.networkPolicy = { ingressFrom: echoAdmits };
    services.caller = {
      image: "docker.io/traefik/whoami:v1.10.3",
      replicas: 1,
      resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } },
      networkPolicy: { egressTo: [{ podLabels: { "app.kubernetes.io/instance": "echo" }, ports: [8080] }] },
    };
  };

  it("fails a stack whose client declares egress to a server that does not admit it, naming both", async () => {
    const { report } = await runStackVariant("dev", withCaller([]));
    expect(reportProblems(report).filter((line) => line.startsWith("network:"))).toEqual([
      "network: Deployment forja/caller declares egress to Deployment forja/echo on port 8080 (NetworkPolicy forja/caller), but Deployment forja/echo does not admit it (NetworkPolicy forja/echo): add the client to the server's clients, e.g. with connect(client, server, [8080])",
    ]);
  }, 120_000);

  it("passes it once the server names the client", async () => {
    const { report } = await runStackVariant("dev", withCaller([{ podLabels: { "app.kubernetes.io/instance": "caller" } }]));
    expect(report.unadmittedEgress).toEqual([]);
  }, 120_000);
});
