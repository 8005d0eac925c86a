import { Flowise } from "../../components/flowise";
import type { FlowiseArgs } from "../../components/flowise";
import { validateFlowise } from "../../components/flowise/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = k3sCapabilities({});
const postgres = { "app.kubernetes.io/name": "postgres", "app.kubernetes.io/instance": "pg" };
const gateway = { "app.kubernetes.io/name": "llm-gateway", "app.kubernetes.io/instance": "llm-gateway" };
const base: FlowiseArgs = {
  cluster,
  namespace: "appgear",
  database: { host: "pg.appgear.svc.cluster.local", name: "flowise", user: "flowise", passwordSecret: { name: "pg-user-flowise", key: "password" }, peer: { podLabels: postgres } },
  egressTo: [{ podLabels: gateway, ports: [4000] }],
};

const env = (container: Obj) => Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value ?? e.valueFrom]));

describe("Flowise", () => {
  let recorded: Recorded;
  let pod: Obj;
  beforeAll(async () => {
    recorded = await record(() => new Flowise("flowise", { ...base, route: { host: "flowise.example.com", tlsSecretName: "wildcard-tls" } }, onCluster()));
    pod = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec;
  });

  it("creates five generated keys, their Secret, a Service, a StatefulSet, a NetworkPolicy and the route", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Flowise": 1,
      "random:index/randomPassword:RandomPassword": 5,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:networking.k8s.io/v1:Ingress": 1,
    });
    expect(recorded.policyViolations()).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("reads the database password and every generated key by Secret reference, never as a value", () => {
    const vars = env(pod.containers[0]);
    expect(vars).toMatchObject({
      DATABASE_TYPE: "postgres",
      DATABASE_HOST: "pg.appgear.svc.cluster.local",
      DATABASE_PORT: "5432",
      DATABASE_NAME: "flowise",
      DATABASE_USER: "flowise",
      DATABASE_PASSWORD: { secretKeyRef: { name: "pg-user-flowise", key: "password" } },
      FLOWISE_SECRETKEY_OVERWRITE: { secretKeyRef: { name: "flowise-keys", key: "FLOWISE_SECRETKEY_OVERWRITE" } },
      JWT_AUTH_TOKEN_SECRET: { secretKeyRef: { name: "flowise-keys", key: "JWT_AUTH_TOKEN_SECRET" } },
      EXPRESS_SESSION_SECRET: { secretKeyRef: { name: "flowise-keys", key: "EXPRESS_SESSION_SECRET" } },
      APP_URL: "https://flowise.example.com",
    });
    const secret = recorded.one("kubernetes:core/v1:Secret");
    expect(Object.keys(secret.inputs.stringData as Obj).sort()).toEqual(["EXPRESS_SESSION_SECRET", "FLOWISE_SECRETKEY_OVERWRITE", "JWT_AUTH_TOKEN_SECRET", "JWT_REFRESH_TOKEN_SECRET", "TOKEN_HASH_SECRET"]);
    expect(secret.secretPaths).toContain("stringData");
  });

  it("protects the encryption key only: losing it makes stored credentials unreadable", () => {
    const keys = recorded.ofType("random:index/randomPassword:RandomPassword");
    expect(keys.filter((k) => k.protect).map((k) => k.name)).toEqual(["flowise-encryption-key"]);
  });

  it("runs as uid 1000 without service links, with HOME, logs and blobs on the retained volume", () => {
    const [container] = pod.containers;
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
    expect(env(container)).toMatchObject({ HOME: "/home/node", LOG_PATH: "/home/node/.flowise/logs", BLOB_STORAGE_PATH: "/home/node/.flowise/storage" });
    expect(container.volumeMounts).toEqual([{ name: "data", mountPath: "/home/node/.flowise" }, { name: "tmp", mountPath: "/tmp" }]);
    const spec = recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj;
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "local-path", resources: { requests: { storage: "5Gi" } } });
    expect(container.image).toBe("docker.io/flowiseai/flowise:3.1.4@sha256:3922767afb52a5777759fd8b28a3c9eee864daea96018a791f2429eae2a76571");
    expect(container.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } });
  });

  it("probes /api/v1/ping, the whitelisted route (the metrics endpoint wants an API key)", () => {
    const [container] = pod.containers;
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) expect(probe.httpGet).toEqual({ path: "/api/v1/ping", port: "http" });
  });

  it("admits only Traefik on 3000, and reaches only DNS, Postgres on 5432 and the gateway on 4000", () => {
    const policy = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.ingress).toEqual([{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } } }], ports: [{ protocol: "TCP", port: 3000 }] }]);
    expect(policy.egress.slice(1)).toEqual([
      { to: [{ podSelector: { matchLabels: postgres } }], ports: [{ protocol: "TCP", port: 5432 }] },
      { to: [{ podSelector: { matchLabels: gateway } }], ports: [{ protocol: "TCP", port: 4000 }] },
    ]);
    expect(policy.egress[0].ports).toEqual([{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }]);
  });

  it("pulls through the cluster's registry mirror, keeping tag and digest", async () => {
    const mirrored = await record(() => new Flowise("flowise", { ...base, cluster: { ...cluster, imageMirrors: { "docker.io": "registry.local:5000/hub" } } }, onCluster()));
    const container = ((mirrored.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec.containers as Obj[])[0];
    expect(container.image).toBe("registry.local:5000/hub/flowiseai/flowise:3.1.4@sha256:3922767afb52a5777759fd8b28a3c9eee864daea96018a791f2429eae2a76571");
  });

  it("admits nobody without a route or clients", async () => {
    const bare = await record(() => new Flowise("flowise", base, onCluster()));
    expect((bare.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj).ingress).toEqual([]);
    expect(bare.ofType("kubernetes:networking.k8s.io/v1:Ingress")).toEqual([]);
  });

  it("refuses a password in place of its Secret, an unpinned image and a bad route", () => {
    expect(() => validateFlowise("flowise", { ...base, database: { ...base.database, passwordSecret: undefined as never } })).toThrow(/argument "database.passwordSecret" was missing; expected the Secret name and key/);
    expect(() => validateFlowise("flowise", { ...base, image: "flowiseai/flowise:latest" })).toThrow(/argument "image" was "flowiseai\/flowise:latest"/);
    expect(() => validateFlowise("flowise", { ...base, route: { host: "https://flowise.example.com" } })).toThrow(/argument "route.host"/);
  });
});
