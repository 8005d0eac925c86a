import * as pulumi from "@pulumi/pulumi";
import { serverPeer } from "../core/connect";
import type { Peer } from "../core/peer";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects, generatedKey, keySecret } from "../stateful-app/resources";
import { appLabels, appSelector, keysSecretName, routeUrl } from "../stateful-app/values";
import type { FlowiseArgs } from "./args";
import { FLOWISE_DEFAULTS, FLOWISE_KEYS } from "./defaults";
import { flowiseNetwork, flowiseSettings, flowiseSpec, validateFlowise } from "./values";

/**
 * Flowise (seed 003): one pod as uid 1000 on a retained volume, Postgres by
 * Secret reference, its encryption key and JWT/session/token secrets
 * generated once into a Secret, probes on /api/v1/ping, a default-deny
 * NetworkPolicy (declared clients and the route in; Postgres and declared
 * egress out), optional route with APP_URL.
 */
export class Flowise extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:3000. */
  readonly url: pulumi.Output<string>;
  /** The route's URL, when it has one. */
  readonly publicUrl?: string;
  /** The pod's labels: a peer for other NetworkPolicies. */
  readonly podSelector: Record<string, string>;
  /** What a client's egress must allow: these pods on the app's port (admit the client with `clients`, e.g. `connect(client, app, [port]).ingress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: FlowiseArgs, opts?: pulumi.ComponentResourceOptions) {
    validateFlowise(name, args);
    requireKubernetesProvider("Flowise", opts);
    super("forja:index:Flowise", name, {}, opts);
    const s = flowiseSettings(args);
    const keys: Record<string, pulumi.Output<string>> = {};
    for (const [variable, role] of Object.entries(FLOWISE_KEYS)) {
      // Only the encryption key guards stored data; the others just sign sessions.
      keys[variable] = generatedKey(this, childName(name, role), FLOWISE_DEFAULTS.keyLength, s.protect && variable === "FLOWISE_SECRETKEY_OVERWRITE");
    }
    const spec = flowiseSpec(name, args, keysSecretName(name));
    const secret = keySecret(this, name, args.namespace, appLabels(spec), keys);
    const { service } = createAppObjects(this, spec, flowiseNetwork(args), s.protect, [secret]);
    this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${FLOWISE_DEFAULTS.port}`;
    this.publicUrl = routeUrl(args.route);
    this.podSelector = appSelector(spec);
    this.clientPeer = serverPeer(name, args.namespace, [spec.port.containerPort]);
    this.registerOutputs({ url: this.url, clientPeer: this.clientPeer, podSelector: this.podSelector });
  }
}
