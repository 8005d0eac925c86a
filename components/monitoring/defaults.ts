import type { Resources } from "../core/resources";
/** Pinned kube-prometheus-stack and the sizes its pods request on a small cluster. */
import type { ChartReference } from "../helm/chart";

export const KPS_CHART: ChartReference = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repository: "https://prometheus-community.github.io/helm-charts",
};

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type MonitoringResources = Resources;

export type MonitoringPod = "prometheus" | "operator" | "grafana" | "grafanaSidecar" | "kubeStateMetrics";

/** The Helm release name: the chart names its Prometheus `<release>-kube-prometheus-stack-prometheus`. */
export const KPS_RELEASE = "kps";

/**
 * Labels the Prometheus operator puts on the pods of the stack's Prometheus
 * (the chart's own Service selects them by these), so a scrape target's
 * NetworkPolicy can admit exactly them.
 */
export const PROMETHEUS_POD_LABELS: Readonly<Record<string, string>> = { "app.kubernetes.io/name": "prometheus", "operator.prometheus.io/name": `${KPS_RELEASE}-kube-prometheus-stack-prometheus` };

export const MONITORING_DEFAULTS = {
  namespace: "monitoring",
  retention: "7d",
  /** Grafana's administrator (not "admin": no well-known pair); its password is generated. */
  grafanaAdminUser: "platform-admin",
  resources: {
    prometheus: { requests: { cpu: "200m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
    operator: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
    grafana: { requests: { cpu: "50m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    /** Each of Grafana's two sidecars (dashboards, datasources). */
    grafanaSidecar: { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
    kubeStateMetrics: { requests: { cpu: "20m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
  } as Record<MonitoringPod, Resources>,
};

/** A chart image in kube-prometheus-stack's `{registry, repository, tag}` shape. */
export interface ChartImage {
  registry: string;
  repository: string;
  tag: string;
}

/**
 * Every image the stack runs, pinned here as chart 88.5.3 renders them (its
 * defaults leave several tags to appVersions) and written into the values so
 * the cluster's registry mirrors rewrite each one.
 */
export const MONITORING_IMAGES: Record<"operator" | "configReloader" | "prometheus" | "grafana" | "grafanaSidecar" | "kubeStateMetrics", ChartImage> = {
  operator: { registry: "quay.io", repository: "prometheus-operator/prometheus-operator", tag: "v0.93.1" },
  configReloader: { registry: "quay.io", repository: "prometheus-operator/prometheus-config-reloader", tag: "v0.93.1" },
  prometheus: { registry: "quay.io", repository: "prometheus/prometheus", tag: "v3.14.0-distroless" },
  grafana: { registry: "docker.io", repository: "grafana/grafana", tag: "13.2.0" },
  grafanaSidecar: { registry: "quay.io", repository: "kiwigrid/k8s-sidecar", tag: "2.10.1" },
  kubeStateMetrics: { registry: "registry.k8s.io", repository: "kube-state-metrics/kube-state-metrics", tag: "v2.20.0" },
};

/** The label Grafana's dashboard sidecar loads ConfigMaps by (in every namespace). */
export const GRAFANA_DASHBOARD_LABEL = { key: "grafana_dashboard", value: "1" } as const;

/** The uid of the Prometheus datasource kube-prometheus-stack provisions in Grafana: dashboards' panels name it. */
export const GRAFANA_DATASOURCE_UID = "prometheus";

/** Keys of the Grafana admin Secret Forja creates (the chart's `admin.userKey` / `admin.passwordKey`). */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;
