import { N8n } from "../../components/n8n";
import type { N8nArgs } from "../../components/n8n";
import { validateN8n } from "../../components/n8n/values";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cluster = k3sCapabilities({});
const postgres = { "app.kubernetes.io/name": "postgres", "app.kubernetes.io/instance": "pg" };
const prometheus = { namespaceLabels: { "kubernetes.io/metadata.name": "observability" }, podLabels: { "app.kubernetes.io/name": "prometheus" } };
const base: N8nArgs = {
  cluster,
  namespace: "appgear",
  database: { host: "pg.appgear.svc.cluster.local", name: "n8n", user: "n8n", schema: "n8n", passwordSecret: { name: "pg-user-n8n", key: "password" }, peer: { podLabels: postgres } },
  clients: [prometheus],
};

const env = (container: Obj) => Object.fromEntries((container.env as Obj[]).map((e) => [e.name, e.value ?? e.valueFrom]));

describe("N8n", () => {
  let recorded: Recorded;
  let pod: Obj;
  beforeAll(async () => {
    recorded = await record(() => new N8n("n8n", { ...base, route: { host: "n8n.localtest.me" } }, onCluster()));
    pod = (recorded.one("kubernetes:apps/v1:StatefulSet").inputs.spec as Obj).template.spec;
  });

  it("creates the protected encryption key, its Secret, a Service, a StatefulSet, a NetworkPolicy, the route and the route's /metrics guard", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:N8n": 1,
      "random:index/randomPassword:RandomPassword": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:networking.k8s.io/v1:Ingress": 2,
      "kubernetes:traefik.io/v1alpha1:Middleware": 1,
    });
    expect(recorded.one("random:index/randomPassword:RandomPassword").protect).toBe(true);
    expect(recorded.one("kubernetes:apps/v1:StatefulSet").protect).toBe(true);
    expect(recorded.policyViolations()).toEqual([]);
    // Traefik's Middleware is a custom resource: the only object without a built-in schema.
    expect(recorded.schemaErrors()).toEqual(["n8n-deny-metrics: skipped"]);
  });

  it("connects to its own schema with the password and encryption key by Secret reference", () => {
    expect(env(pod.containers[0])).toMatchObject({
      DB_TYPE: "postgresdb",
      DB_POSTGRESDB_HOST: "pg.appgear.svc.cluster.local",
      DB_POSTGRESDB_PORT: "5432",
      DB_POSTGRESDB_DATABASE: "n8n",
      DB_POSTGRESDB_USER: "n8n",
      DB_POSTGRESDB_SCHEMA: "n8n",
      DB_POSTGRESDB_PASSWORD: { secretKeyRef: { name: "pg-user-n8n", key: "password" } },
      N8N_ENCRYPTION_KEY: { secretKeyRef: { name: "n8n-keys", key: "N8N_ENCRYPTION_KEY" } },
    });
  });

  it("sets N8N_PORT itself and turns service links off (a Service named n8n would inject N8N_PORT=tcp://...)", () => {
    expect(pod.enableServiceLinks).toBe(false);
    expect(env(pod.containers[0])).toMatchObject({ N8N_PORT: "5678", N8N_METRICS: "true", N8N_RUNNERS_MODE: "internal" });
  });

  it("serves the route's URLs, with cookies that work over plain HTTP", () => {
    expect(env(pod.containers[0])).toMatchObject({ N8N_HOST: "n8n.localtest.me", N8N_PROTOCOL: "http", WEBHOOK_URL: "http://n8n.localtest.me/", N8N_EDITOR_BASE_URL: "http://n8n.localtest.me/", N8N_SECURE_COOKIE: "false" });
  });

  it("keeps ~/.n8n on the retained volume as the node user, root filesystem writable as n8n's own chart leaves it", () => {
    const [container] = pod.containers;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000 });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(container.volumeMounts).toEqual([{ name: "data", mountPath: "/home/node/.n8n" }, { name: "tmp", mountPath: "/tmp" }]);
    expect(container.image).toBe("docker.io/n8nio/n8n:2.41.6@sha256:87e0bab2c93192e8dd885ff7b0697c22a1bd97489568a8c67cc140fd7dbb342d");
  });

  it("probes /healthz (alive) and /healthz/readiness (database connected and migrated), which need no login", () => {
    const [container] = pod.containers;
    expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(container.readinessProbe.httpGet).toEqual({ path: "/healthz/readiness", port: "http" });
  });

  it("admits Prometheus and Traefik on 5678 only, and reaches only DNS and Postgres", () => {
    const policy = recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Obj;
    expect(policy.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } },
          { namespaceSelector: {}, podSelector: { matchLabels: { "app.kubernetes.io/name": "traefik" } } },
        ],
        ports: [{ protocol: "TCP", port: 5678 }],
      },
    ]);
    expect(policy.egress.slice(1)).toEqual([{ to: [{ podSelector: { matchLabels: postgres } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
  });

  it("closes /metrics on the route (no auth, same port as the editor): an Exact route through a Traefik middleware that admits no client", () => {
    const guard = recorded.one("kubernetes:networking.k8s.io/v1:Ingress", "n8n-metrics-ingress").inputs as Obj;
    expect(guard.metadata.annotations).toMatchObject({ "traefik.ingress.kubernetes.io/router.middlewares": "appgear-n8n-deny-metrics@kubernetescrd" });
    expect(guard.spec.rules).toEqual([{ host: "n8n.localtest.me", http: { paths: [{ path: "/metrics", pathType: "Exact", backend: { service: { name: "n8n", port: { name: "http" } } } }] } }]);
    expect(recorded.one("kubernetes:traefik.io/v1alpha1:Middleware").inputs).toMatchObject({ metadata: { name: "n8n-deny-metrics", namespace: "appgear" }, spec: { ipAllowList: { sourceRange: ["127.0.0.1/32"] } } });
    const nginx = { ...cluster, ingress: { ...cluster.ingress, className: "nginx", controller: "nginx" as const } };
    expect(() => validateN8n("n8n", { ...base, cluster: nginx, route: { host: "n8n.example.com" } })).toThrow(/argument "route" was "n8n.example.com"; expected no route on a nginx ingress while metrics is on/);
    expect(() => validateN8n("n8n", { ...base, cluster: nginx, route: { host: "n8n.example.com" }, metrics: false })).not.toThrow();
  });

  it("refuses a schema that is not an identifier", () => {
    expect(() => validateN8n("n8n", { ...base, database: { ...base.database, schema: "N8n; drop" } })).toThrow(/argument "database.schema" was "N8n; drop"/);
  });
});
