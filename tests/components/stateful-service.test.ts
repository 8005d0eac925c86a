import { readFileSync } from "node:fs";
import { join } from "node:path";
import { recordStack } from "forja/testing";
import { connect } from "../../components/core/connect";
import { ForjaArgumentError } from "../../components/core/errors";
import { k3sCapabilities } from "../../components/platform/k3s";
import { StatefulService } from "../../components/stateful-service";
import type { StatefulServiceArgs } from "../../components/stateful-service";
import { EKS_CAPABILITIES, REPO_ROOT, onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = k3sCapabilities({});
const base: StatefulServiceArgs = {
  cluster,
  namespace: "apps",
  image: "docker.io/chrislusf/seaweedfs:3.97",
  port: 8333,
  portName: "s3",
  args: ["server", "-dir=/data", "-s3"],
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
  volume: { mountPath: "/data" },
};

const env = (container: Obj) => Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value ?? e.valueFrom]));

describe("StatefulService", () => {
  let recorded: Recorded;
  let set: Obj;
  let pod: Obj;
  beforeAll(async () => {
    recorded = await record(
      () =>
        new StatefulService(
          "store",
          {
            ...base,
            env: { S3_REGION: "local" },
            secretEnv: { AWS_SECRET_ACCESS_KEY: "generated-elsewhere" },
            secretRefs: { DB_PASSWORD: { name: "pg-user-store", key: "password" } },
            clients: [{ namespace: "ml-dev", podLabels: { app: "mlflow" } }],
            egressTo: [{ cidr: "10.0.0.0/8", ports: [443] }, { namespace: "db" }],
            route: { host: "store.example.com" },
          },
          onCluster(),
        ),
    );
    set = recorded.one("kubernetes:apps/v1:StatefulSet").inputs as Obj;
    pod = set.spec.template.spec;
  });

  it("creates its Secret, a Service, a protected StatefulSet, a NetworkPolicy and the route, and passes every policy", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:StatefulService": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:networking.k8s.io/v1:Ingress": 1,
    });
    expect(recorded.one("kubernetes:apps/v1:StatefulSet").protect).toBe(true);
    expect(recorded.policyViolations()).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("keeps one pod's data on a retained 10Gi claim of the cluster's storage class", () => {
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(set.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: "local-path", resources: { requests: { storage: "10Gi" } } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: "data", mountPath: "/data" });
  });

  it("runs a restricted pod without service links or an API token, probed on its named port", () => {
    expect(pod).toMatchObject({ enableServiceLinks: false, automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 65532, fsGroup: 65532 } });
    const container = pod.containers[0];
    expect(container.ports).toEqual([{ name: "s3", containerPort: 8333, protocol: "TCP" }]);
    expect(container.readinessProbe.tcpSocket).toEqual({ port: "s3" });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: "s3" }, initialDelaySeconds: 15 });
    expect(container.args).toEqual(["server", "-dir=/data", "-s3"]);
  });

  it("reads env as literals, from its own Secret and from existing Secrets, never a credential in the spec", () => {
    const secret = recorded.one("kubernetes:core/v1:Secret");
    expect(secret.secretPaths).toContain("stringData");
    expect(env(pod.containers[0])).toEqual({
      S3_REGION: "local",
      AWS_SECRET_ACCESS_KEY: { secretKeyRef: { name: (secret.outputs.metadata as Obj).name, key: "AWS_SECRET_ACCESS_KEY" } },
      DB_PASSWORD: { secretKeyRef: { name: "pg-user-store", key: "password" } },
    });
  });

  it("admits the declared clients on its port and the route, and lets out DNS and the declared egress only", () => {
    const policy = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ml-dev" } }, podSelector: { matchLabels: { app: "mlflow" } } },
          ...cluster.ingress.sourcePeers.map(() => expect.anything()),
        ],
        ports: [{ protocol: "TCP", port: 8333 }],
      },
    ]);
    expect(policy.egress.slice(1)).toEqual([
      { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 443 }] },
      { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "db" } }, podSelector: {} }], ports: [] },
    ]);
  });

  it("admits nobody when no clients are named, and hands clients the peer connect() admits", async () => {
    let service: StatefulService | undefined;
    const plain = await record(() => (service = new StatefulService("store", base, onCluster())));
    const policy = plain.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.ingress).toEqual([]);
    expect(policy.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(service?.clientPeer).toEqual(connect({ name: "api", namespace: "other" }, { name: "store", namespace: "apps" }, [8333]).egress);
  });
});

describe("StatefulService refusals", () => {
  const refuse = (args: StatefulServiceArgs, name = "store") => {
    try {
      new StatefulService(name, args, onCluster());
    } catch (error) {
      expect(error).toBeInstanceOf(ForjaArgumentError);
      return (error as Error).message;
    }
    throw new Error("expected a ForjaArgumentError");
  };

  it("refuses a new volume size, saying why and how to grow the claim in place", () => {
    const message = refuse({ ...base, volume: { mountPath: "/data", size: "20Gi" } });
    expect(message).toContain("volume.size");
    expect(message).toContain('"10Gi", the size the volume was created with (createdWith.volumeSize');
    expect(message).toContain("kubectl -n <namespace> patch pvc data-store-0");
    expect(message).toContain("If this is a new install, record the size in createdWith.volumeSize too");
  });

  it("takes a size recorded in createdWith, and refuses a new storage class", async () => {
    const recorded = await record(() => new StatefulService("store", { ...base, volume: { mountPath: "/data", size: "20Gi" }, createdWith: { volumeSize: "20Gi" } }, onCluster()));
    expect((recorded.one("kubernetes:apps/v1:StatefulSet").inputs as Obj).spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
    expect(refuse({ ...base, volume: { mountPath: "/data", storageClass: "longhorn" } })).toMatch(/volume\.storageClass.*"local-path", the class the volume was created with/);
  });

  it.each<[string, Partial<StatefulServiceArgs>, RegExp]>([
    ["a route on an ALB cluster", { cluster: EKS_CAPABILITIES, route: { host: "store.example.com" } }, /route.*no route on an ALB cluster/],
    ["a client on another port", { clients: [{ podLabels: { app: "x" }, ports: [22] }] }, /clients\[0\]\.ports.*unset or \[8333\]/],
    ["a namespace by name and labels", { egressTo: [{ namespace: "db", namespaceLabels: { team: "db" } }] }, /egressTo\[0\].*at most one of namespace and namespaceLabels/],
    ["the volume on the scratch space", { volume: { mountPath: "/tmp/data" } }, /volume\.mountPath.*outside \/tmp/],
    ["a credential in plain env", { env: { API_KEY: "x" } }, /env\.API_KEY.*put it in secretEnv/],
    ["one name from two sources", { secretEnv: { TOKEN: "x" }, secretRefs: { TOKEN: { name: "s", key: "k" } } }, /secretRefs\.TOKEN.*not also set/],
    ["an unpinned image", { image: "docker.io/chrislusf/seaweedfs:latest" }, /image/],
  ])("refuses %s", (_what, change, pattern) => {
    expect(refuse({ ...base, ...change })).toMatch(pattern);
  });
});

describe("StatefulService documentation", () => {
  const example = readFileSync(join(REPO_ROOT, "docs", "examples-typescript", "stateful-service.ts"), "utf8");

  it("shows on its page the example this test runs", () => {
    expect(readFileSync(join(REPO_ROOT, "docs", "components", "stateful-service.md"), "utf8")).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("runs its example under forja/testing, creating one StatefulService", async () => {
    const stack = await recordStack(() => import(join(REPO_ROOT, "docs", "examples-typescript", "stateful-service.ts")), { project: "docs" });
    expect(stack.ofType("forja:index:StatefulService")).toHaveLength(1);
    const set = stack.ofType("kubernetes:apps/v1:StatefulSet")[0].inputs as Obj;
    expect(set.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("20Gi");
  });
});
