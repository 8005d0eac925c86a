import * as k8s from "@pulumi/kubernetes";
import { serverPeer } from "../core/connect";
import type { Peer } from "../core/peer";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects, generatedKey, keySecret } from "../stateful-app/resources";
import { appLabels, appSelector, keysSecretName, routeUrl } from "../stateful-app/values";
import type { GrafanaArgs } from "./args";
import { GRAFANA_DEFAULTS } from "./defaults";
import { GRAFANA_KEYS, dashboardFiles, dashboardProviderYaml, datasourcesYaml, grafanaNetwork, grafanaSettings, grafanaSpec, validateGrafana } from "./values";

/**
 * Grafana without a chart (seed 003): a provisioned Prometheus datasource with
 * a fixed uid, dashboards as JSON in a ConfigMap (read-only in the UI), a
 * generated admin password and secret key in a Secret (protected: the key
 * encrypts stored datasource secrets), anonymous access off, probes on
 * /api/health, one pod with a read-only root on a retained volume, and a
 * NetworkPolicy whose only egress is Prometheus.
 */
export class Grafana extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:3000. */
  readonly url: pulumi.Output<string>;
  /** The route's URL, when it has one. */
  readonly publicUrl?: string;
  /** The admin user's name; the password is `adminPassword`. */
  readonly adminUser: string;
  /** The generated admin password (a secret): it seeds the first start only. */
  readonly adminPassword: pulumi.Output<string>;
  /** The datasource uid every provisioned panel uses. */
  readonly datasourceUid: string;
  readonly podSelector: Record<string, string>;
  /** What a client's egress must allow: these pods on the app's port (admit the client with `clients`, e.g. `connect(client, app, [port]).ingress`). */
  readonly clientPeer: Peer;

  constructor(name: string, args: GrafanaArgs, opts?: pulumi.ComponentResourceOptions) {
    validateGrafana(name, args);
    requireKubernetesProvider("Grafana", opts);
    super("forja:index:Grafana", name, {}, opts);
    const s = grafanaSettings(args);
    const parent = { parent: this };
    const labels = appLabels({ name, app: "grafana", image: s.image, labels: args.labels ?? {} });
    const adminPassword = generatedKey(this, childName(name, "admin-password"), GRAFANA_DEFAULTS.passwordLength, s.protect);
    const secretKey = generatedKey(this, childName(name, "secret-key"), GRAFANA_DEFAULTS.passwordLength, s.protect);
    const secret = keySecret(this, name, args.namespace, labels, { [GRAFANA_KEYS.adminPassword]: adminPassword, [GRAFANA_KEYS.secretKey]: secretKey });
    // Auto-named: a changed datasource or dashboard is a new ConfigMap, and the pod rolls onto it.
    const configMap = (role: string, data: pulumi.Input<Record<string, pulumi.Input<string>>>) => new k8s.core.v1.ConfigMap(childName(name, role), { metadata: { namespace: args.namespace, labels }, data }, parent);
    const datasources = configMap("datasources", { "datasources.yaml": pulumi.output(args.prometheus.url).apply((url) => datasourcesYaml(url, s.datasourceUid)) });
    const provider = configMap("dashboard-provider", { "dashboards.yaml": dashboardProviderYaml(s.folder) });
    const dashboards = configMap("dashboards", dashboardFiles(args));
    const spec = grafanaSpec(name, args, { datasources: datasources.metadata.name, provider: provider.metadata.name, dashboards: dashboards.metadata.name }, keysSecretName(name));
    const { service } = createAppObjects(this, spec, grafanaNetwork(args), s.protect, [secret]);
    this.url = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${GRAFANA_DEFAULTS.port}`;
    this.publicUrl = routeUrl(args.route);
    this.adminUser = GRAFANA_DEFAULTS.adminUser;
    this.adminPassword = adminPassword;
    this.datasourceUid = s.datasourceUid;
    this.podSelector = appSelector(spec);
    this.clientPeer = serverPeer(name, args.namespace, [spec.port.containerPort]);
    this.registerOutputs({ url: this.url, clientPeer: this.clientPeer, adminUser: this.adminUser, adminPassword: this.adminPassword, datasourceUid: this.datasourceUid });
  }
}
