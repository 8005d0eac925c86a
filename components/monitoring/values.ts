/** Pure parts of Monitoring: the plan, the kube-prometheus-stack values and the dashboards' ConfigMaps. */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import type { PlainObject } from "../core/merge";
import { kubernetesName } from "../core/naming";
import { ArgumentProblems } from "../core/validate";
import type { GrafanaDashboard } from "../grafana/args";
import { dashboardJson, dashboardProblems } from "../grafana/dashboard";
import { chartRepositoryReason } from "../helm/chart";
import type { MonitoringArgs } from "./args";
import { GRAFANA_ADMIN_KEYS, GRAFANA_DASHBOARD_LABEL, GRAFANA_DATASOURCE_UID, KPS_CHART, MONITORING_DEFAULTS, MONITORING_IMAGES as IMAGES } from "./defaults";

export function planMonitoring(args: MonitoringArgs) {
  const plan = withDefaults({ namespace: MONITORING_DEFAULTS.namespace, retention: MONITORING_DEFAULTS.retention, chartRepository: KPS_CHART.repository, values: {}, dashboards: [] as GrafanaDashboard[] }, args);
  const reason = chartRepositoryReason(plan.chartRepository);
  if (reason) throw new ForjaArgumentError("Monitoring", "chartRepository", plan.chartRepository, reason);
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(plan.namespace)) throw new ForjaArgumentError("Monitoring", "namespace", plan.namespace, "a Kubernetes namespace name");
  if (!/^\d+(ms|s|m|h|d|w|y)$/.test(plan.retention)) throw new ForjaArgumentError("Monitoring", "retention", plan.retention, 'a Prometheus duration such as "7d"');
  const problems = new ArgumentProblems("Monitoring");
  dashboardProblems(problems, plan.dashboards);
  problems.throwFirst();
  return { ...plan, resources: { ...MONITORING_DEFAULTS.resources, ...(args.resources ?? {}) } };
}
export type MonitoringPlan = ReturnType<typeof planMonitoring>;

/**
 * Values for a `helm.v4.Chart`, which drops hooks and renders as a fresh install:
 * - the operator's admission webhook is off (its certificates come from
 *   `job-patch` hook Jobs that would never run), and so is its TLS;
 * - node-exporter is off: it needs hostNetwork, hostPID and hostPath, which
 *   restricted Pod Security refuses;
 * - etcd, the scheduler, the controller manager and kube-proxy are not
 *   scrape targets on K3s and Minikube (nor on EKS's managed control plane),
 *   so their monitors, which would only ever show targets down, are off;
 * - every image is pinned in `MONITORING_IMAGES` and goes through the mirrors;
 * - Prometheus selects every ServiceMonitor, PodMonitor, rule and probe in
 *   every namespace, as the seed does (no `release` label needed);
 * - Grafana's admin comes from a Secret Forja generates (the chart's own
 *   `lookup` of a previous password never sees a cluster under the v4 Chart),
 *   its root `initChownData` container is off (no persistence to chown), and
 *   its sidecar loads dashboards labelled `grafana_dashboard: "1"` from every namespace.
 */
export function renderMonitoringValues(plan: MonitoringPlan, grafanaAdminSecret: string): PlainObject {
  return {
    crds: { enabled: true, upgradeJob: { enabled: false } },
    alertmanager: { enabled: false },
    nodeExporter: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeControllerManager: { enabled: false },
    kubeProxy: { enabled: false },
    prometheusOperator: {
      admissionWebhooks: { enabled: false, patch: { enabled: false } },
      tls: { enabled: false },
      image: IMAGES.operator,
      prometheusConfigReloader: { image: IMAGES.configReloader },
      resources: plan.resources.operator,
    },
    prometheus: {
      prometheusSpec: {
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        image: IMAGES.prometheus,
        retention: plan.retention,
        resources: plan.resources.prometheus,
        // The operator's Prometheus pod: no transform reaches it (it is made at run time).
        enableServiceLinks: false,
      },
    },
    grafana: {
      admin: { existingSecret: grafanaAdminSecret, userKey: GRAFANA_ADMIN_KEYS.user, passwordKey: GRAFANA_ADMIN_KEYS.password },
      image: IMAGES.grafana,
      initChownData: { enabled: false },
      // The subchart sets true itself, so Forja's chart transform (which fills only unset values) would keep it.
      enableServiceLinks: false,
      persistence: { enabled: false },
      testFramework: { enabled: false },
      resources: plan.resources.grafana,
      sidecar: { image: IMAGES.grafanaSidecar, resources: plan.resources.grafanaSidecar, dashboards: { enabled: true, label: GRAFANA_DASHBOARD_LABEL.key, labelValue: GRAFANA_DASHBOARD_LABEL.value, searchNamespace: "ALL" } },
    },
    "kube-state-metrics": { image: IMAGES.kubeStateMetrics, resources: plan.resources.kubeStateMetrics },
  };
}

/**
 * One dashboard as the ConfigMap Grafana's sidecar loads (by its label, from
 * any namespace), its panels on the datasource kube-prometheus-stack
 * provisions. Read-only in the UI: the code is its source.
 */
export function renderDashboardConfigMap(name: string, namespace: pulumi.Input<string>, dashboard: GrafanaDashboard): k8s.core.v1.ConfigMapArgs {
  return {
    metadata: { name: kubernetesName([name, "dashboard", dashboard.uid]), namespace, labels: { [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value, "app.kubernetes.io/managed-by": "forja" } },
    data: { [`${dashboard.uid}.json`]: JSON.stringify(dashboardJson(dashboard, GRAFANA_DATASOURCE_UID)) },
  };
}
