/** Pinned kube-prometheus-stack and the sizes its pods request on a small cluster. */
import type { ChartReference } from "../helm/chart";

export const KPS_CHART: ChartReference = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repository: "https://prometheus-community.github.io/helm-charts",
};

export interface MonitoringResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export type MonitoringPod = "prometheus" | "operator" | "grafana" | "grafanaSidecar" | "kubeStateMetrics";

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
  } as Record<MonitoringPod, MonitoringResources>,
};

/** Keys of the Grafana admin Secret Forja creates (the chart's `admin.userKey` / `admin.passwordKey`). */
export const GRAFANA_ADMIN_KEYS = { user: "admin-user", password: "admin-password" } as const;
