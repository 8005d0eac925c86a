export { Monitoring } from "./monitoring";
export type { MonitoringArgs } from "./args";
export { GRAFANA_ADMIN_KEYS, KPS_CHART, MONITORING_DEFAULTS, MONITORING_IMAGES } from "./defaults";
export type { ChartImage, MonitoringPod, MonitoringResources } from "./defaults";
export { planMonitoring, renderMonitoringValues } from "./values";
