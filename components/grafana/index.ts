export { Grafana } from "./grafana";
export { dashboardJson } from "./dashboard";
export type { GrafanaArgs, GrafanaDashboard, DashboardPanel, DashboardQuery } from "./args";
