import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { restrictedNamespaceLabels } from "../core/security";
import { chartValues, deployChart, HelmInstall } from "../helm";
import { requireKubernetesProvider } from "../platform/kubernetes";
import type { MonitoringArgs } from "./args";
import { GRAFANA_ADMIN_KEYS, KPS_CHART, KPS_RELEASE, MONITORING_DEFAULTS, PROMETHEUS_POD_LABELS } from "./defaults";
import { planMonitoring, renderDashboardConfigMap, renderMonitoringValues } from "./values";

/**
 * kube-prometheus-stack (chart 88.5.3) as a `helm.v4.Chart` in a restricted
 * namespace: the Prometheus operator and its CRDs, one Prometheus that
 * selects every monitor in the cluster, kube-state-metrics and Grafana with a
 * generated admin password, and dashboards as code in ConfigMaps its sidecar
 * loads. No Alertmanager, no node-exporter (see `renderMonitoringValues`). ServiceMonitors and PodMonitors must depend on `ready`.
 */
export class Monitoring extends pulumi.ComponentResource {
  readonly namespace: pulumi.Output<string>;
  /** Secret (in the namespace) with Grafana's admin: keys `admin-user` and `admin-password`. */
  readonly grafanaAdminSecretName: pulumi.Output<string>;
  /** Grafana's admin password (secret). */
  readonly grafanaAdminPassword: pulumi.Output<string>;
  /** What ServiceMonitors, PodMonitors and PrometheusRules must depend on: the chart (CRDs and operator). */
  readonly ready: pulumi.Resource[];
  /** Prometheus's pods, for a scrape target's `metricsSources` (the target's metrics port is its own). */
  readonly prometheusPeer: Peer;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planMonitoring(args);
    requireKubernetesProvider("Monitoring", opts);
    super("forja:index:Monitoring", name, {}, opts);
    const parent = { parent: this };
    const ns = new k8s.core.v1.Namespace(childName(name, "namespace"), { metadata: { name: plan.namespace, labels: restrictedNamespaceLabels() } }, { parent: this, protect: args.protect === true, retainOnDelete: args.protect === true });
    const password = new random.RandomPassword(childName(name, "grafana-admin"), { length: 32, special: false }, parent);
    const adminSecret = new k8s.core.v1.Secret(
      childName(name, "grafana-admin"),
      {
        metadata: { name: "grafana-admin", namespace: ns.metadata.name },
        stringData: { [GRAFANA_ADMIN_KEYS.user]: MONITORING_DEFAULTS.grafanaAdminUser, [GRAFANA_ADMIN_KEYS.password]: password.result },
      },
      { ...parent, additionalSecretOutputs: ["stringData"] },
    );
    const chart = deployChart(this, childName(name, "chart"), {
      chart: KPS_CHART,
      repositoryOverride: plan.chartRepository,
      namespace: ns.metadata.name,
      releaseName: KPS_RELEASE,
      values: chartValues({ computed: renderMonitoringValues(plan, "grafana-admin"), user: plan.values, mirrors: plan.cluster.imageMirrors }),
      install: HelmInstall.Chart,
      dependsOn: [adminSecret],
    });
    for (const dashboard of plan.dashboards) new k8s.core.v1.ConfigMap(childName(name, `dashboard-${dashboard.uid}`), renderDashboardConfigMap(name, ns.metadata.name, dashboard), parent);
    this.namespace = ns.metadata.name;
    this.grafanaAdminSecretName = adminSecret.metadata.name;
    this.grafanaAdminPassword = pulumi.secret(password.result);
    this.ready = [chart];
    this.prometheusPeer = { namespace: plan.namespace, podLabels: { ...PROMETHEUS_POD_LABELS } };
    this.registerOutputs({ namespace: this.namespace, grafanaAdminSecretName: this.grafanaAdminSecretName, prometheusPeer: this.prometheusPeer });
  }
}
