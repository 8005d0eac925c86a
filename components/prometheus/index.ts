export { Prometheus } from "./prometheus";
export type { PrometheusArgs, PrometheusScrapeTarget } from "./args";
