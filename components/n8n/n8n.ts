import * as k8s from "@pulumi/kubernetes";
import { serverPeer } from "../core/connect";
import type { Peer } from "../core/peer";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects, generatedKey, keySecret } from "../stateful-app/resources";
import { appLabels, appSelector, keysSecretName, routeUrl } from "../stateful-app/values";
import type { N8nArgs } from "./args";
import { N8N_DEFAULTS } from "./defaults";
import { ENCRYPTION_KEY, metricsGuard, n8nNetwork, n8nSettings, n8nSpec, validateN8n } from "./values";

/**
 * n8n (seed 003): one pod as the image's `node` user with ~/.n8n on a
 * retained volume, Postgres in its own schema by Secret reference,
 * N8N_ENCRYPTION_KEY generated once (protected: n8n refuses to start with
 * another, and stored credentials need it), probes on /healthz and
 * /healthz/readiness, metrics for a declared scraper, a default-deny
 * NetworkPolicy and an optional route.
 */
export class N8n extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:5678. */
  readonly url: pulumi.Output<string>;
  /** The route's URL, when it has one. */
  readonly publicUrl?: string;
  /** The pod's labels: a peer for other NetworkPolicies. */
  readonly podSelector: Record<string, string>;
  /** What a client's egress must allow: these pods on the app's port (admit the client with `clients`, e.g. `connect(client, app, [port]).ingress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: N8nArgs, opts?: pulumi.ComponentResourceOptions) {
    validateN8n(name, args);
    requireKubernetesProvider("N8n", opts);
    super("forja:index:N8n", name, {}, opts);
    const s = n8nSettings(args);
    const key = generatedKey(this, childName(name, "encryption-key"), N8N_DEFAULTS.keyLength, s.protect);
    const spec = n8nSpec(name, args, keysSecretName(name));
    const secret = keySecret(this, name, args.namespace, appLabels(spec), { [ENCRYPTION_KEY]: key });
    const { service } = createAppObjects(this, spec, n8nNetwork(args), s.protect, [secret]);
    const guard = metricsGuard(name, args, spec);
    if (guard) {
      const middleware = new k8s.apiextensions.CustomResource(childName(name, "deny-metrics"), guard.middleware as k8s.apiextensions.CustomResourceArgs, { parent: this });
      new k8s.networking.v1.Ingress(childName(name, "metrics-ingress"), guard.ingress, { parent: this, dependsOn: [middleware] });
    }
    this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${N8N_DEFAULTS.port}`;
    this.publicUrl = routeUrl(args.route);
    this.podSelector = appSelector(spec);
    this.clientPeer = serverPeer(name, args.namespace, [spec.port.containerPort]);
    this.registerOutputs({ url: this.url, clientPeer: this.clientPeer, podSelector: this.podSelector });
  }
}
