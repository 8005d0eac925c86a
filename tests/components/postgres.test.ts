import * as pulumi from "@pulumi/pulumi";
import { k3sCapabilities } from "../../components/platform/k3s";
import { Postgres } from "../../components/postgres";
import type { PostgresArgs } from "../../components/postgres";
import { setupScript, validatePostgres } from "../../components/postgres/values";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";

const cluster = k3sCapabilities({ imageMirrors: { "docker.io": "mirror.example.com/hub" } });
const base: PostgresArgs = { cluster, namespace: "data" };
const withN8n: PostgresArgs = {
  ...base,
  databases: [{ name: "n8n", schemas: ["n8n"] }, { name: "litellm", owner: "gateway" }],
  clients: [{ podLabels: { "app.kubernetes.io/name": "n8n" } }],
};

type Pod = { securityContext: Record<string, unknown>; containers: Record<string, unknown>[]; automountServiceAccountToken: boolean };
const podOf = (record: { inputs: Record<string, unknown> }) => (record.inputs.spec as { template: { spec: Pod } }).template.spec;

describe("validatePostgres", () => {
  it.each<[string, Partial<PostgresArgs>, RegExp]>([
    ["an unpinned image", { image: "postgres:latest" }, /argument "image" was "postgres:latest"; expected an image pinned/],
    ["a database named like a template", { databases: [{ name: "template1" }] }, /"databases\[0\].name" was "template1"/],
    ["an identifier with a dash", { databases: [{ name: "n8n-db" }] }, /"databases\[0\].name" was "n8n-db"; expected a lower-case SQL identifier/],
    ["a database twice", { databases: [{ name: "a" }, { name: "a", owner: "b" }] }, /"databases\[1\].name" was "a"; expected a database name not used twice/],
    ["the superuser as an owner", { databases: [{ name: "a", owner: "forja" }] }, /"databases\[0\].owner" was "forja"; expected a role other than the superuser/],
    ["a bad schema", { databases: [{ name: "n8n", schemas: ["pg_x"] }] }, /"databases\[0\].schemas\[0\]" was "pg_x"/],
    ["a bad size", { storageSize: "ten" }, /"storageSize" was "ten"/],
    ["no namespace", { namespace: undefined as never }, /"namespace" was missing/],
    // The one peer check in core: a client that is no CIDR never reaches the NetworkPolicy.
    ["a client block that is not a CIDR", { clients: [{ cidr: "10.0.0/8" }] }, /"clients\[0\]" was \{"cidr":"10.0.0\/8"\}; expected an IPv4 or IPv6 CIDR in cidr/],
    ["a client that is not a peer", { clients: ["api" as never] }, /"clients\[0\]" was "api"; expected a peer/],
  ])("rejects %s", (_label, change, expected) => {
    expect(() => validatePostgres("db", { ...base, ...change })).toThrow(expected);
  });

  it("refuses to register without a Kubernetes provider, and a JS caller's missing cluster is an argument error", () => {
    expect(() => new Postgres("db", base)).toThrow(/argument "opts.providers.kubernetes" was missing/);
    expect(() => new Postgres("db", { namespace: "x" } as never)).toThrow(/argument "cluster" was missing/);
  });
});

describe("setupScript", () => {
  it("is idempotent SQL: roles and databases only when missing, schemas IF NOT EXISTS, passwords from env", () => {
    const script = setupScript(validatePostgres("db", withN8n));
    expect(script).toContain(`psql -v ON_ERROR_STOP=1 -v owner=n8n -v db=n8n -v password="$PASSWORD_N8N" <<'SQL'`);
    expect(script).toContain("WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner')\\gexec");
    expect(script).toContain("WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\\gexec");
    expect(script).toContain(`CREATE SCHEMA IF NOT EXISTS n8n AUTHORIZATION :"owner";`);
    expect(script).toContain(`-v owner=gateway -v db=litellm -v password="$PASSWORD_GATEWAY"`);
    expect(script).not.toMatch(/CREATE (ROLE|DATABASE) (?!%I)/);
  });
});

const resolved = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

describe("Postgres", () => {
  let plain: Recorded;
  let full: Recorded;
  let server: Postgres;
  beforeAll(async () => {
    plain = await record(() => new Postgres("db", base, onCluster()));
    full = await record(() => (server = new Postgres("db", withN8n, onCluster())));
  });

  it("hands a client what it needs: the endpoint, a secret URL per database owner, and the peer its egress targets", async () => {
    expect(await resolved(server.endpoint)).toEqual({ host: "db.data.svc.cluster.local", port: 5432 });
    expect(await pulumi.isSecret(server.connectionUrls)).toBe(true);
    const urls = await resolved(server.connectionUrls);
    const passwords = await resolved(server.ownerPasswords);
    expect(urls).toEqual({
      n8n: `postgresql://n8n:${passwords.n8n}@db.data.svc.cluster.local:5432/n8n`,
      gateway: `postgresql://gateway:${passwords.gateway}@db.data.svc.cluster.local:5432/litellm`,
    });
    expect(server.clientPeer).toEqual({ namespace: "data", podLabels: { "app.kubernetes.io/instance": "db" }, ports: [5432] });
  });

  it("is a password, its Secret, a Service, a NetworkPolicy and a StatefulSet", () => {
    expect(plain.counts()).toEqual({
      "forja:index:Postgres": 1,
      "random:index/randomPassword:RandomPassword": 1,
      "kubernetes:core/v1:Secret": 1,
      "kubernetes:core/v1:Service": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 1,
      "kubernetes:apps/v1:StatefulSet": 1,
    });
  });

  it("adds an owner password and Secret per owner, the setup script and its Job", () => {
    expect(full.counts()).toMatchObject({ "random:index/randomPassword:RandomPassword": 3, "kubernetes:core/v1:Secret": 3, "kubernetes:core/v1:ConfigMap": 1, "kubernetes:batch/v1:Job": 1 });
    const job = full.one("kubernetes:batch/v1:Job");
    expect((job.inputs.metadata as { name: string }).name).toMatch(/^db-setup-[0-9a-f]{8}$/);
    const env = (podOf(job).containers[0].env as { name: string; valueFrom?: unknown }[]).map((e) => [e.name, e.valueFrom]);
    expect(env).toContainEqual(["PGPASSWORD", { secretKeyRef: { name: "db-superuser", key: "password" } }]);
    expect(env).toContainEqual(["PASSWORD_GATEWAY", { secretKeyRef: { name: "db-user-gateway", key: "password" } }]);
    expect(job.dependsOn).toEqual(expect.arrayContaining([full.one("kubernetes:apps/v1:StatefulSet").urn]));
  });

  it("runs the official image as uid 999 with PGDATA below the mount, on the cluster's storage class, retaining the volume", () => {
    const set = full.one("kubernetes:apps/v1:StatefulSet");
    const spec = set.inputs.spec as { persistentVolumeClaimRetentionPolicy: unknown; volumeClaimTemplates: { spec: Record<string, unknown> }[] };
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    expect(spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ["ReadWriteOnce"], storageClassName: "local-path", resources: { requests: { storage: "10Gi" } } });
    const pod = podOf(set);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999, fsGroup: 999 });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0]).toMatchObject({
      image: "mirror.example.com/hub/library/postgres:17.6-bookworm",
      readinessProbe: { exec: { command: ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "forja", "-d", "app"] } },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    });
    expect(pod.containers[0].env).toContainEqual({ name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" });
    expect([set.protect, set.retainOnDelete]).toEqual([true, true]);
  });

  it("admits only the named clients and the setup Job, and lets the database call no one", () => {
    const spec = full.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec as Record<string, unknown>;
    expect(spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "postgres", "app.kubernetes.io/instance": "db" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "n8n" } } }, { podSelector: { matchLabels: { "app.kubernetes.io/name": "postgres-setup", "app.kubernetes.io/instance": "db" } } }],
          ports: [{ protocol: "TCP", port: 5432 }],
        },
      ],
      egress: [],
    });
  });

  it("keeps every password a Pulumi secret and passes every policy and the Kubernetes schema", () => {
    for (const secret of full.ofType("kubernetes:core/v1:Secret")) expect(secret.secretPaths).toContain("stringData");
    expect(JSON.stringify(full.records.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.redactedInputs))).not.toMatch(/postgresql:\/\/[^"]*:[^"[]+@/);
    expect(full.schemaErrors()).toEqual([]);
    expect(full.policyViolations()).toEqual([]);
  });
});
