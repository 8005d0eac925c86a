export { Grafana } from "./grafana";
export { dashboardJson } from "./dashboard";
export type { GrafanaArgs, GrafanaDashboard, GrafanaPrometheus, DashboardPanel, DashboardQuery } from "./args";
