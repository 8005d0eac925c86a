export { Monitoring } from "./monitoring";
export type { MonitoringArgs } from "./args";
export { GRAFANA_ADMIN_KEYS, GRAFANA_DASHBOARD_LABEL, GRAFANA_DATASOURCE_UID, KPS_CHART, KPS_RELEASE, MONITORING_DEFAULTS, MONITORING_IMAGES, PROMETHEUS_POD_LABELS } from "./defaults";
export type { ChartImage, MonitoringPod, MonitoringResources } from "./defaults";
export { planMonitoring, renderDashboardConfigMap, renderMonitoringValues } from "./values";
