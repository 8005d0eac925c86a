import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import { storageClassName } from "../platform/capabilities";
import { serverPeer } from "../core/connect";
import type { Endpoint } from "../core/connect";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { RedisArgs } from "./args";
import { REDIS_DEFAULTS } from "./defaults";
import { redisLabels, redisNames, redisSelector, redisUrl, renderNetworkPolicy, renderService, renderStatefulSet, validateRedis } from "./values";

/**
 * Redis for clusters without a managed cache (K3s, Minikube): the official
 * image as a one-replica StatefulSet with append-only persistence on a volume
 * that outlives it, a generated password, a ClusterIP Service and a
 * NetworkPolicy that admits only the named clients.
 */
export class Redis extends pulumi.ComponentResource {
  /** In-cluster DNS name of the Service. */
  readonly host: pulumi.Output<string>;
  /** The port clients connect to. */
  readonly port: number;
  /** Secret with `password` and `url`. */
  readonly secretName: pulumi.Output<string>;
  /** The password (a Pulumi secret). */
  readonly password: pulumi.Output<string>;
  /** `redis://:password@host:6379/0` (a Pulumi secret). */
  readonly url: pulumi.Output<string>;
  /** The server pods' labels, for other NetworkPolicies' egress. */
  readonly podSelector: Record<string, string>;
  /** Where clients connect: the Service's in-cluster name and 6379. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** What a client's egress must allow: these pods on 6379 (the same peer `connect(client, redis, [6379]).egress` gives). */
  readonly clientPeer: Peer;

  constructor(name: string, args: RedisArgs, opts?: pulumi.ComponentResourceOptions) {
    const s = validateRedis(name, args);
    requireKubernetesProvider("Redis", opts);
    super("forja:index:Redis", name, {}, opts);
    const parent = { parent: this };
    const keep = { parent: this, protect: s.protect, retainOnDelete: s.protect };
    const names = redisNames(name);
    const namespace = args.namespace;
    const host = pulumi.interpolate`${names.server}.${namespace}.svc.cluster.local`;
    const password = pulumi.secret(new random.RandomPassword(childName(name, "password"), { length: REDIS_DEFAULTS.passwordLength, special: false }, keep).result);
    const url = pulumi.secret(pulumi.all([password, host]).apply(([p, h]) => redisUrl(p, h, REDIS_DEFAULTS.port)));
    const secret = new k8s.core.v1.Secret(
      childName(name, "auth"),
      { metadata: { name: names.secret, namespace, labels: redisLabels(name, s) }, type: "Opaque", stringData: pulumi.secret({ password, url }) },
      parent,
    );
    const service = new k8s.core.v1.Service(childName(name, "service"), renderService(name, s, namespace), parent);
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), renderNetworkPolicy(name, s, namespace), parent);
    new k8s.apps.v1.StatefulSet(childName(name, "server"), renderStatefulSet(name, s, namespace, args.cluster.imageMirrors, storageClassName(args.cluster)), { ...keep, dependsOn: [secret, service] });

    this.host = host;
    this.port = REDIS_DEFAULTS.port;
    this.secretName = secret.metadata.name;
    this.password = password;
    this.url = url;
    this.podSelector = redisSelector(name);
    this.endpoint = host.apply((h) => ({ host: h, port: REDIS_DEFAULTS.port }));
    this.clientPeer = serverPeer(name, namespace, [REDIS_DEFAULTS.port]);
    this.registerOutputs({ host: this.host, port: this.port, secretName: this.secretName, endpoint: this.endpoint, clientPeer: this.clientPeer });
  }
}
