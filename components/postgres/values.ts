/**
 * Pure parts of Postgres: validation, names, Kubernetes specs and the
 * idempotent setup script. The class only turns these into resources.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import { containerResources, resourcesProblems } from "../core/resources";
import { mirrorImage, unpinnedReason } from "../core/images";
import { selectorLabels, standardLabels } from "../core/labels";
import { kubernetesName, shortHash } from "../core/naming";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext } from "../core/security";
import { validateCapabilities } from "../platform/capabilities";
import { networkPolicyPeer, peerProblem } from "../core/peer";
import type { PostgresArgs, PostgresDatabase } from "./args";
import { POSTGRES_DEFAULTS } from "./defaults";

const COMPONENT = "Postgres";
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const RESERVED = new Set(["postgres", "template0", "template1", "public"]);
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

/** Args with every default filled in. */
export function postgresSettings(args: PostgresArgs) {
  const a = withDefaults(
    { image: POSTGRES_DEFAULTS.image, database: POSTGRES_DEFAULTS.database, superuser: POSTGRES_DEFAULTS.superuser, storageSize: POSTGRES_DEFAULTS.storageSize, protect: POSTGRES_DEFAULTS.protect, resources: POSTGRES_DEFAULTS.resources },
    { image: args.image, database: args.database, superuser: args.superuser, storageSize: args.storageSize, protect: args.protect, resources: args.resources },
  );
  const databases = (args.databases ?? []).map((db) => ({ name: db.name, owner: db.owner ?? db.name, schemas: db.schemas ?? [] }));
  return { ...a, databases, clients: args.clients ?? [], labels: args.labels ?? {} };
}

export type PostgresSettings = ReturnType<typeof postgresSettings>;

function checkIdentifier(argument: string, value: unknown): void {
  if (typeof value !== "string" || !IDENTIFIER.test(value) || RESERVED.has(value) || value.startsWith("pg_")) {
    fail(argument, value, "a lower-case SQL identifier (letters, digits, '_'; at most 63; not postgres, template0/1, public or pg_*)");
  }
}

/** Every rule a Postgres must satisfy, checked before anything is registered. */
export function validatePostgres(name: string, args: PostgresArgs): PostgresSettings {
  if (!args || typeof args !== "object") fail("args", args, "an object with at least cluster and namespace");
  validateCapabilities(COMPONENT, args.cluster);
  if (args.namespace === undefined || args.namespace === "") fail("namespace", args.namespace, "the namespace to run in");
  if (typeof name !== "string" || !/^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name)) fail("name", name, "a DNS-1123 label of at most 40 characters");
  const s = postgresSettings(args);
  const reason = unpinnedReason(String(s.image));
  if (reason) fail("image", s.image, `an image pinned to a tag other than latest, or a digest (${reason})`);
  checkIdentifier("database", s.database);
  checkIdentifier("superuser", s.superuser);
  if (typeof s.storageSize !== "string" || !QUANTITY.test(s.storageSize)) fail("storageSize", s.storageSize, 'a Kubernetes quantity such as "10Gi"');
  const [resources] = resourcesProblems(s.resources);
  if (resources) fail(...resources);
  s.clients.forEach((peer, i) => {
    const problem = peerProblem(peer);
    if (problem) fail(`clients[${i}]`, peer, problem);
  });
  if (!Array.isArray(args.databases ?? [])) fail("databases", args.databases, "a list of { name, owner?, schemas? }");
  const seen = new Set([s.database]);
  s.databases.forEach((db, i) => {
    checkIdentifier(`databases[${i}].name`, db.name);
    checkIdentifier(`databases[${i}].owner`, db.owner);
    if (seen.has(db.name)) fail(`databases[${i}].name`, db.name, "a database name not used twice (nor the main database)");
    seen.add(db.name);
    if (db.owner === s.superuser) fail(`databases[${i}].owner`, db.owner, "a role other than the superuser (each database gets a least-privilege owner)");
    if (!Array.isArray(db.schemas)) fail(`databases[${i}].schemas`, db.schemas, "a list of schema names");
    db.schemas.forEach((schema, j) => checkIdentifier(`databases[${i}].schemas[${j}]`, schema));
  });
  return s;
}

/** Owners of the extra databases, each once: one generated password per owner. */
export function databaseOwners(databases: PostgresDatabase[]): string[] {
  return [...new Set(databases.map((db) => db.owner ?? db.name))];
}

/** Kubernetes names of everything Postgres creates. */
export function postgresNames(name: string) {
  const base = kubernetesName(name);
  return {
    server: base,
    superuserSecret: kubernetesName([base, "superuser"]),
    ownerSecret: (owner: string) => kubernetesName([base, "user", owner]),
    setup: kubernetesName([base, "setup"]),
  };
}

export function postgresLabels(name: string, s: PostgresSettings): Record<string, string> {
  const version = s.image.split(":").pop()?.split("@")[0];
  return { ...s.labels, ...standardLabels({ name: "postgres", instance: name, component: "database", version }) };
}

export function postgresSelector(name: string): Record<string, string> {
  return selectorLabels({ name: "postgres", instance: name });
}

/** The setup Job's pods: admitted by the NetworkPolicy next to the named clients. */
export function setupSelector(name: string): Record<string, string> {
  return selectorLabels({ name: "postgres-setup", instance: name });
}

/** `postgresql://user:password@host:port/db` with the password URL-encoded. */
export function postgresUrl(user: string, password: string, host: string, port: number, database: string, query = ""): string {
  return `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${database}${query}`;
}

export function renderService(name: string, s: PostgresSettings, namespace: pulumi.Input<string>): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: postgresNames(name).server, namespace, labels: postgresLabels(name, s) },
    spec: { type: "ClusterIP", selector: postgresSelector(name), ports: [{ name: "postgres", port: POSTGRES_DEFAULTS.port, targetPort: "postgres", protocol: "TCP" }] },
  };
}

/** pg_isready over TCP, as the clients connect. */
function readiness(s: PostgresSettings, initialDelaySeconds: number, periodSeconds: number): k8s.types.input.core.v1.Probe {
  return {
    exec: { command: ["pg_isready", "-h", "127.0.0.1", "-p", String(POSTGRES_DEFAULTS.port), "-U", s.superuser, "-d", s.database] },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 5,
    failureThreshold: 6,
  };
}

export function renderStatefulSet(name: string, s: PostgresSettings, namespace: pulumi.Input<string>, mirrors: Record<string, string>, storageClass: pulumi.Input<string>): k8s.apps.v1.StatefulSetArgs {
  const names = postgresNames(name);
  const labels = postgresLabels(name, s);
  return {
    metadata: { name: names.server, namespace, labels },
    spec: {
      serviceName: names.server,
      replicas: 1,
      selector: { matchLabels: postgresSelector(name) },
      // The data outlives the StatefulSet: deleting or scaling it never deletes the volume.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...labels, ...postgresSelector(name) } },
        spec: {
          ...podDefaults({ user: POSTGRES_DEFAULTS.uid }),
          terminationGracePeriodSeconds: 60,
          containers: [
            {
              name: "postgres",
              image: mirrorImage(s.image, mirrors),
              imagePullPolicy: "IfNotPresent",
              ports: [{ name: "postgres", containerPort: POSTGRES_DEFAULTS.port, protocol: "TCP" }],
              env: [
                { name: "POSTGRES_USER", value: s.superuser },
                { name: "POSTGRES_DB", value: s.database },
                { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: names.superuserSecret, key: "password" } } },
                { name: "PGDATA", value: POSTGRES_DEFAULTS.pgdata },
              ],
              resources: containerResources(s.resources),
              securityContext: restrictedContainerSecurityContext(),
              readinessProbe: readiness(s, 5, 10),
              livenessProbe: readiness(s, 30, 20),
              volumeMounts: [
                { name: "data", mountPath: POSTGRES_DEFAULTS.dataMount },
                { name: "run", mountPath: POSTGRES_DEFAULTS.socketDir },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "run", emptyDir: { sizeLimit: "16Mi" } },
            { name: "tmp", emptyDir: { sizeLimit: "256Mi" } },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "data", labels },
          spec: { accessModes: ["ReadWriteOnce"], storageClassName: storageClass, resources: { requests: { storage: s.storageSize } } },
        },
      ],
    },
  };
}

/** Ingress on 5432 from the named clients and the setup Job only; no egress at all (a database calls no one). */
export function renderNetworkPolicy(name: string, s: PostgresSettings, namespace: pulumi.Input<string>): k8s.networking.v1.NetworkPolicyArgs {
  const peers = [...s.clients.map(networkPolicyPeer), { podSelector: { matchLabels: setupSelector(name) } }];
  return {
    metadata: { name: postgresNames(name).server, namespace, labels: postgresLabels(name, s) },
    spec: {
      podSelector: { matchLabels: postgresSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: peers, ports: [{ protocol: "TCP", port: POSTGRES_DEFAULTS.port }] }],
      egress: [],
    },
  };
}

/** The env var a setup Job reads an owner's password from. */
export function ownerPasswordVariable(owner: string): string {
  return `PASSWORD_${owner.toUpperCase()}`;
}

/**
 * Idempotent SQL, safe to run on every update: roles and databases are created
 * only when missing, passwords are (re)set from the Secrets, schemas use IF NOT
 * EXISTS. Passwords arrive as psql variables from the environment, never in
 * the script.
 */
export function setupScript(s: PostgresSettings): string {
  const lines = ["#!/bin/sh", "set -eu", `until pg_isready -t 5; do sleep 2; done`];
  for (const db of s.databases) {
    lines.push(`psql -v ON_ERROR_STOP=1 -v owner=${db.owner} -v db=${db.name} -v password="$${ownerPasswordVariable(db.owner)}" <<'SQL'`);
    lines.push(`SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner')\\gexec`);
    lines.push(`ALTER ROLE :"owner" WITH LOGIN PASSWORD :'password';`);
    lines.push(`SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\\gexec`);
    lines.push(`REVOKE ALL ON DATABASE :"db" FROM PUBLIC;`);
    lines.push(`\\c :"db"`);
    for (const schema of db.schemas) lines.push(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION :"owner";`);
    lines.push("SQL");
  }
  return `${lines.join("\n")}\n`;
}

/** A one-shot Job named after its script: a changed list of databases runs a new Job. */
export function renderSetupJob(name: string, s: PostgresSettings, namespace: pulumi.Input<string>, mirrors: Record<string, string>, configMapName: pulumi.Input<string>): k8s.batch.v1.JobArgs {
  const names = postgresNames(name);
  const labels = { ...postgresLabels(name, s), ...setupSelector(name), "app.kubernetes.io/component": "setup" };
  return {
    metadata: { name: kubernetesName([names.setup, shortHash(setupScript(s))]), namespace, labels },
    spec: {
      backoffLimit: POSTGRES_DEFAULTS.setupBackoffLimit,
      activeDeadlineSeconds: POSTGRES_DEFAULTS.setupWaitSeconds * 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "OnFailure",
          ...podDefaults({ user: POSTGRES_DEFAULTS.uid }),
          containers: [
            {
              name: "setup",
              image: mirrorImage(s.image, mirrors),
              imagePullPolicy: "IfNotPresent",
              command: ["/bin/sh", "/setup/setup.sh"],
              env: [
                { name: "PGHOST", value: names.server },
                { name: "PGPORT", value: String(POSTGRES_DEFAULTS.port) },
                { name: "PGUSER", value: s.superuser },
                { name: "PGDATABASE", value: s.database },
                { name: "PGPASSWORD", valueFrom: { secretKeyRef: { name: names.superuserSecret, key: "password" } } },
                ...databaseOwners(s.databases).map((owner) => ({ name: ownerPasswordVariable(owner), valueFrom: { secretKeyRef: { name: names.ownerSecret(owner), key: "password" } } })),
              ],
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: "setup", mountPath: "/setup", readOnly: true }],
            },
          ],
          volumes: [{ name: "setup", configMap: { name: configMapName } }],
        },
      },
    },
  };
}
