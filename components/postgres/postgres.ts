import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import { storageClassName } from "../platform/capabilities";
import { serverPeer } from "../core/connect";
import type { Endpoint } from "../core/connect";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { PostgresArgs } from "./args";
import { POSTGRES_DEFAULTS } from "./defaults";
import {
  databaseOwners,
  postgresLabels,
  postgresNames,
  postgresSelector,
  postgresUrl,
  renderNetworkPolicy,
  renderService,
  renderSetupJob,
  renderStatefulSet,
  setupScript,
  validatePostgres,
} from "./values";

/**
 * PostgreSQL for clusters without a managed database (K3s, Minikube): the
 * official image as a one-replica StatefulSet whose volume outlives it, a
 * generated superuser password, a ClusterIP Service, a NetworkPolicy that
 * admits only the named clients, and optional databases with owners of their
 * own, created idempotently by a setup Job.
 */
export class Postgres extends pulumi.ComponentResource {
  /** In-cluster DNS name of the Service. */
  readonly host: pulumi.Output<string>;
  /** The port clients connect to. */
  readonly port: number;
  /** The main database (owned by the superuser). */
  readonly database: string;
  /** The superuser's name (its password stays in the component's Secret). */
  readonly superuser: string;
  /** Secret with `password` and `url` of the superuser. */
  readonly superuserSecretName: pulumi.Output<string>;
  /** The superuser's password (a Pulumi secret). */
  readonly superuserPassword: pulumi.Output<string>;
  /** Per owner of an extra database: its Secret (`password`, `url`). */
  readonly ownerSecretNames: pulumi.Output<Record<string, string>>;
  /** Per owner of an extra database: its password (a Pulumi secret). */
  readonly ownerPasswords: pulumi.Output<Record<string, string>>;
  /** The server pods' labels, for other NetworkPolicies' egress. */
  readonly podSelector: Record<string, string>;
  /** Where clients connect: the Service's in-cluster name and 5432. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** Per owner of an extra database: `postgresql://owner:password@host:5432/database` (a secret), e.g. LlmGateway's `databaseUrl`. */
  readonly connectionUrls: pulumi.Output<Record<string, string>>;
  /** What a client's egress must allow: these pods on 5432 (the same peer `connect(client, postgres, [5432]).egress` gives). */
  readonly clientPeer: Peer;

  constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validatePostgres(name, args);
    requireKubernetesProvider("Postgres", opts);
    super("forja:index:Postgres", name, {}, opts);
    const parent = { parent: this };
    const keep = { parent: this, protect: s.protect, retainOnDelete: s.protect };
    const names = postgresNames(name);
    const labels = postgresLabels(name, s);
    const namespace = args.namespace;
    const mirrors = args.cluster.imageMirrors;
    const host = pulumi.interpolate`${names.server}.${namespace}.svc.cluster.local`;

    const password = (role: string) =>
      pulumi.secret(new random.RandomPassword(childName(name, `${role}-password`), { length: POSTGRES_DEFAULTS.passwordLength, special: false }, keep).result);
    const superuserPassword = password("superuser");
    const superuserSecret = new k8s.core.v1.Secret(
      childName(name, "superuser"),
      {
        metadata: { name: names.superuserSecret, namespace, labels },
        type: "Opaque",
        stringData: pulumi.secret({ password: superuserPassword, url: pulumi.all([superuserPassword, host]).apply(([p, h]) => postgresUrl(s.superuser, p, h, POSTGRES_DEFAULTS.port, s.database)) }),
      },
      parent,
    );
    const owners = databaseOwners(s.databases);
    const ownerPasswords: Record<string, pulumi.Output<string>> = {};
    const ownerSecrets = owners.map((owner) => {
      const ownerPassword = password(`user-${owner}`);
      ownerPasswords[owner] = ownerPassword;
      const database = s.databases.find((db) => db.owner === owner)?.name as string;
      return new k8s.core.v1.Secret(
        childName(name, `user-${owner}`),
        {
          metadata: { name: names.ownerSecret(owner), namespace, labels },
          type: "Opaque",
          stringData: pulumi.secret({ password: ownerPassword, url: pulumi.all([ownerPassword, host]).apply(([p, h]) => postgresUrl(owner, p, h, POSTGRES_DEFAULTS.port, database)) }),
        },
        parent,
      );
    });

    const service = new k8s.core.v1.Service(childName(name, "service"), renderService(name, s, namespace), parent);
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), renderNetworkPolicy(name, s, namespace), parent);
    const server = new k8s.apps.v1.StatefulSet(
      childName(name, "server"),
      renderStatefulSet(name, s, namespace, mirrors, storageClassName(args.cluster)),
      { ...keep, dependsOn: [superuserSecret, service] },
    );

    if (s.databases.length > 0) {
      const script = new k8s.core.v1.ConfigMap(childName(name, "setup"), { metadata: { namespace, labels }, data: { "setup.sh": setupScript(s) } }, parent);
      new k8s.batch.v1.Job(childName(name, "setup"), renderSetupJob(name, s, namespace, mirrors, script.metadata.name), { parent: this, dependsOn: [server, ...ownerSecrets] });
    }

    this.host = host;
    this.port = POSTGRES_DEFAULTS.port;
    this.database = s.database;
    this.superuser = s.superuser;
    this.superuserSecretName = superuserSecret.metadata.name;
    this.superuserPassword = superuserPassword;
    this.ownerSecretNames = pulumi.output(Object.fromEntries(owners.map((owner) => [owner, names.ownerSecret(owner)])));
    this.ownerPasswords = pulumi.secret(pulumi.all(ownerPasswords));
    this.podSelector = postgresSelector(name);
    this.endpoint = host.apply((h) => ({ host: h, port: POSTGRES_DEFAULTS.port }));
    this.connectionUrls = pulumi.secret(
      pulumi.all([this.ownerPasswords, host]).apply(([passwords, h]) =>
        Object.fromEntries(owners.map((owner) => [owner, postgresUrl(owner, passwords[owner], h, POSTGRES_DEFAULTS.port, s.databases.find((db) => db.owner === owner)?.name as string)])),
      ),
    );
    this.clientPeer = serverPeer(name, namespace, [POSTGRES_DEFAULTS.port]);
    this.registerOutputs({ host: this.host, port: this.port, database: this.database, superuserSecretName: this.superuserSecretName, ownerSecretNames: this.ownerSecretNames, endpoint: this.endpoint, connectionUrls: this.connectionUrls, clientPeer: this.clientPeer });
  }
}
