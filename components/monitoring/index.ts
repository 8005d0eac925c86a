export { Monitoring } from "./monitoring";
export type { MonitoringArgs } from "./args";
export { GRAFANA_ADMIN_KEYS, KPS_CHART, KPS_RELEASE, MONITORING_DEFAULTS, MONITORING_IMAGES, PROMETHEUS_POD_LABELS } from "./defaults";
export type { ChartImage, MonitoringPod, MonitoringResources } from "./defaults";
export { planMonitoring, renderMonitoringValues } from "./values";
