import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { serverPeer } from "../core/connect";
import type { Endpoint } from "../core/connect";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { OllamaArgs } from "./args";
import { OLLAMA_PORT } from "./defaults";
import { ollamaLabels, ollamaSelector, ollamaSettings, renderNetworkPolicy, renderService, renderStatefulSet, validateOllama } from "./values";

/**
 * Ollama on Kubernetes: a single-pod StatefulSet whose volume (on the
 * cluster's storage class) holds the models, pulled once by an init
 * container; non-root, probed, resource-bounded, optionally on a GPU; a
 * ClusterIP Service; a NetworkPolicy that admits only the named clients.
 */
export class Ollama extends pulumi.ComponentResource {
  /** In-cluster URL, e.g. http://ollama.forja.svc.cluster.local:11434 (OLLAMA_BASE_URL for clients). */
  readonly url: pulumi.Output<string>;
  /** The Service clients call (port 11434), in the component's namespace. */
  readonly serviceName: pulumi.Output<string>;
  /** The server pod's immutable labels: an egress peer for a client's own NetworkPolicy. */
  readonly podSelector: Record<string, string>;
  /** Where clients connect: the Service's in-cluster name and 11434. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** What a client's egress must allow: these pods on 11434 (the same peer `connect(client, ollama, [11434]).egress` gives). */
  readonly clientPeer: Peer;

  constructor(name: string, args: OllamaArgs, opts?: pulumi.ComponentResourceOptions) {
    validateOllama(name, args);
    requireKubernetesProvider("Ollama", opts);
    super("forja:index:Ollama", name, {}, opts);
    const a = ollamaSettings(args);
    const parent = { parent: this };
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      childName(name, "sa"),
      { metadata: { name, namespace: args.namespace, labels: ollamaLabels(name, args) }, automountServiceAccountToken: false },
      parent,
    );
    const service = new k8s.core.v1.Service(childName(name, "service"), renderService(name, args), parent);
    new k8s.apps.v1.StatefulSet(childName(name, "statefulset"), renderStatefulSet(name, args, name, name), {
      parent: this,
      dependsOn: [serviceAccount, service],
      protect: a.protect,
    });
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), renderNetworkPolicy(name, args), parent);

    this.serviceName = service.metadata.name;
    this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${OLLAMA_PORT}`;
    this.podSelector = ollamaSelector(name);
    this.endpoint = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`.apply((host) => ({ host, port: OLLAMA_PORT }));
    this.clientPeer = serverPeer(name, args.namespace, [OLLAMA_PORT]);
    this.registerOutputs({ url: this.url, serviceName: this.serviceName, podSelector: this.podSelector, endpoint: this.endpoint, clientPeer: this.clientPeer });
  }
}
