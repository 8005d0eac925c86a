import * as k8s from "@pulumi/kubernetes";
import { serverPeer } from "../core/connect";
import type { Peer } from "../core/peer";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects } from "../stateful-app/resources";
import { appLabels, appSelector } from "../stateful-app/values";
import type { PrometheusArgs } from "./args";
import { PROMETHEUS_DEFAULTS, PROMETHEUS_RULES } from "./defaults";
import { prometheusConfig, prometheusNetwork, prometheusSettings, prometheusSpec, validatePrometheus } from "./values";

/**
 * Prometheus without a chart or an operator (seed 003): read-only RBAC for
 * discovery and the kubelets' cAdvisor, the scrape config as code in a
 * ConfigMap (a change rolls the pod), one pod as nobody with a read-only root
 * on a retained volume with retention by time and size, probes on /-/ready
 * and /-/healthy, and a NetworkPolicy whose egress is the API server, the
 * kubelets and the declared targets only.
 */
export class Prometheus extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:<servicePort> (Grafana's datasource). */
  readonly url: pulumi.Output<string>;
  /** The pod's labels: a peer for the targets' NetworkPolicies. */
  readonly podSelector: Record<string, string>;
  /** What a client's egress must allow: these pods on the app's port (admit the client with `clients`, e.g. `connect(client, app, [port]).ingress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: PrometheusArgs, opts?: pulumi.ComponentResourceOptions) {
    validatePrometheus(name, args);
    requireKubernetesProvider("Prometheus", opts);
    super("forja:index:Prometheus", name, {}, opts);
    const s = prometheusSettings(args);
    const parent = { parent: this };
    const labels = appLabels({ name, app: "prometheus", image: s.image, labels: args.labels ?? {} });
    const account = new k8s.core.v1.ServiceAccount(childName(name, "sa"), { metadata: { name, namespace: args.namespace, labels }, automountServiceAccountToken: false }, parent);
    const role = new k8s.rbac.v1.ClusterRole(childName(name, "reader"), { metadata: { labels }, rules: PROMETHEUS_RULES }, parent);
    const binding = new k8s.rbac.v1.ClusterRoleBinding(
      childName(name, "reader"),
      { metadata: { labels }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name }, subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace: args.namespace }] },
      parent,
    );
    // Auto-named: a new scrape config is a new ConfigMap, and the pod rolls onto it.
    const config = new k8s.core.v1.ConfigMap(childName(name, "config"), { metadata: { namespace: args.namespace, labels }, data: { [PROMETHEUS_DEFAULTS.configFile]: prometheusConfig(args) } }, parent);
    const spec = prometheusSpec(name, args, config.metadata.name, account.metadata.name);
    const { service } = createAppObjects(this, spec, prometheusNetwork(args), s.protect, [binding]);
    this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${s.servicePort}`;
    this.podSelector = appSelector(spec);
    this.clientPeer = serverPeer(name, args.namespace, [spec.port.containerPort]);
    this.registerOutputs({ url: this.url, clientPeer: this.clientPeer, podSelector: this.podSelector });
  }
}
