/**
 * The Ray dashboard Grafana shows, written here from the metrics Ray
 * documents (ray-observability/reference/system-metrics and Serve's
 * monitoring page) rather than downloaded: grafana.com's 17096 cannot be
 * fetched offline or pinned, and the JSON KubeRay ships is generated for
 * Ray's own Grafana setup (its datasource and variables). Every panel filters
 * by the namespace the PodMonitor's targets are in.
 */
import type { DashboardPanel, GrafanaDashboard } from "../grafana/args";

/** Ray's Prometheus metrics the dashboard reads, as Ray names them (counters with `_total`, histograms by `_bucket`). */
export const RAY_DASHBOARD_METRICS = [
  "ray_node_cpu_utilization",
  "ray_node_cpu_count",
  "ray_node_mem_used",
  "ray_node_mem_total",
  "ray_resources",
  "ray_tasks",
  "ray_actors",
  "ray_object_store_memory",
  "ray_serve_num_http_requests_total",
  "ray_serve_num_http_error_requests_total",
  "ray_serve_http_request_latency_ms_bucket",
  "ray_serve_deployment_replica_healthy",
] as const;

/**
 * Cluster health (nodes, logical resources, tasks, actors, object store) and
 * the Serve application (requests, errors, latency, healthy replicas). Ray's
 * task and actor counts are emitted by several processes with negative
 * deltas, so they are only meaningful summed (Ray's docs say so).
 */
export function rayDashboard(): GrafanaDashboard {
  const panels: DashboardPanel[] = [
    { title: "CPU per node", unit: "percent", queries: [{ expr: "ray_node_cpu_utilization", legend: "{{namespace}}/{{pod}}" }] },
    {
      title: "Memory per node",
      unit: "bytes",
      queries: [
        { expr: "ray_node_mem_used", legend: "{{namespace}}/{{pod}} used" },
        { expr: "ray_node_mem_total", legend: "{{namespace}}/{{pod}} total" },
      ],
    },
    { title: "Logical resources in use", unit: "short", description: "What tasks and actors have reserved (CPU, GPU, memory), not what they burn.", queries: [{ expr: 'sum by (namespace, Name) (ray_resources{State="USED"})', legend: "{{namespace}} {{Name}}" }] },
    { title: "CPUs per cluster", unit: "short", queries: [{ expr: "sum by (namespace) (ray_node_cpu_count)", legend: "{{namespace}}" }] },
    { title: "Tasks by state", unit: "short", queries: [{ expr: "sum by (namespace, State) (ray_tasks)", legend: "{{namespace}} {{State}}" }] },
    { title: "Actors by state", unit: "short", queries: [{ expr: "sum by (namespace, State) (ray_actors)", legend: "{{namespace}} {{State}}" }] },
    { title: "Object store memory", unit: "bytes", width: 24, queries: [{ expr: "sum by (namespace, Location) (ray_object_store_memory)", legend: "{{namespace}} {{Location}}" }] },
    { title: "Serve requests", unit: "reqps", queries: [{ expr: "sum by (namespace, route) (rate(ray_serve_num_http_requests_total[5m]))", legend: "{{namespace}} {{route}}" }] },
    { title: "Serve errors", unit: "reqps", queries: [{ expr: "sum by (namespace, route, error_code) (rate(ray_serve_num_http_error_requests_total[5m]))", legend: "{{namespace}} {{route}} {{error_code}}" }] },
    { title: "Serve latency p95", unit: "ms", queries: [{ expr: "histogram_quantile(0.95, sum by (namespace, le, route) (rate(ray_serve_http_request_latency_ms_bucket[5m])))", legend: "{{namespace}} {{route}}" }] },
    { title: "Healthy Serve replicas", unit: "short", queries: [{ expr: "sum by (namespace, deployment) (ray_serve_deployment_replica_healthy)", legend: "{{namespace}} {{deployment}}" }] },
  ];
  return { uid: "forja-ray", title: "Ray (Forja)", tags: ["ray", "forja"], refresh: "30s", panels };
}
