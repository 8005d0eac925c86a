/**
 * The Ray dashboard (#24): a ConfigMap Grafana's sidecar loads, its JSON
 * written by Forja from the metrics Ray documents, on the datasource
 * kube-prometheus-stack provisions. Rendered with the real chart, so the
 * sidecar's label and the datasource uid are the chart's, not assumed.
 */
import { rayDashboard, RAY_DASHBOARD_METRICS } from "../../components/kuberay";
import { Monitoring, planMonitoring } from "../../components/monitoring";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { MINIKUBE } from "./ml-platform-checks";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The metrics Ray exports, as its docs name them (Ray 2.52): the system
 * metrics table (doc/source/ray-observability/reference/system-metrics.rst)
 * and Serve's (doc/source/serve/monitoring.md). A panel on any other name
 * would stay empty.
 */
const RAY_EXPORTS = new Set([
  ...["ray_tasks", "ray_actors", "ray_resources", "ray_object_store_memory", "ray_placement_groups", "ray_memory_manager_worker_eviction_total"],
  ...["ray_node_cpu_utilization", "ray_node_cpu_count", "ray_node_gpus_utilization", "ray_node_disk_usage", "ray_node_disk_free", "ray_node_mem_used", "ray_node_mem_total", "ray_node_mem_available"],
  ...["ray_node_network_received", "ray_node_network_sent", "ray_component_uss_mb", "ray_component_cpu_percentage", "ray_cluster_active_nodes", "ray_cluster_pending_nodes", "ray_cluster_failed_nodes"],
  ...["ray_serve_num_http_requests_total", "ray_serve_num_http_error_requests_total", "ray_serve_http_request_latency_ms_bucket", "ray_serve_deployment_replica_healthy", "ray_serve_deployment_request_counter_total", "ray_serve_deployment_processing_latency_ms_bucket"],
]);

describe("the Ray dashboard in Grafana", () => {
  let recorded: Recorded;
  let dashboard: Obj;
  let configMap: Obj;
  beforeAll(async () => {
    recorded = await record(() => new Monitoring("monitoring", { cluster: MINIKUBE, dashboards: [rayDashboard()] }, onCluster()));
    configMap = recorded.one("kubernetes:core/v1:ConfigMap", "monitoring-dashboard-forja-ray").inputs as Obj;
    dashboard = JSON.parse(configMap.data["forja-ray.json"]);
  }, 120000);

  it("is a ConfigMap with the label the chart's Grafana sidecar loads dashboards by, from every namespace", () => {
    expect(configMap.metadata.labels.grafana_dashboard).toBe("1");
    const grafana = recorded.chartObjects.find((r) => (r.inputs as Obj).kind === "Deployment" && (r.inputs as Obj).metadata.name === "kps-grafana")!.inputs as Obj;
    const sidecar = (grafana.spec.template.spec.containers as Obj[]).find((c) => c.name === "grafana-sc-dashboard")!;
    const env = Object.fromEntries((sidecar.env as Obj[]).map((e) => [e.name, e.value]));
    expect([env.LABEL, env.LABEL_VALUE, env.NAMESPACE]).toEqual(["grafana_dashboard", "1", "ALL"]);
  });

  it("is valid dashboard JSON whose panels query the Prometheus datasource the chart provisions", () => {
    expect(dashboard).toMatchObject({ uid: "forja-ray", title: "Ray (Forja)", schemaVersion: 39 });
    const provisioned = recorded.chartObjects.find((r) => (r.inputs as Obj).kind === "ConfigMap" && (r.inputs as Obj).metadata.labels?.grafana_datasource === "1")!.inputs as Obj;
    expect(provisioned.data["datasource.yaml"]).toMatch(/type: prometheus\n\s+uid: prometheus\n/);
    const targets = (dashboard.panels as Obj[]).flatMap((p) => p.targets as Obj[]);
    expect(targets.length).toBeGreaterThanOrEqual(11);
    for (const target of targets) expect(target.datasource).toEqual({ type: "prometheus", uid: "prometheus" });
  });

  it("queries only metric names Ray exports, and every one it declares", () => {
    const exprs = (dashboard.panels as Obj[]).flatMap((p) => (p.targets as Obj[]).map((t) => t.expr as string));
    const used = new Set(exprs.flatMap((expr) => expr.match(/\bray_[a-z_]+/g) ?? []));
    expect([...used].filter((metric) => !RAY_EXPORTS.has(metric))).toEqual([]);
    expect([...used].sort()).toEqual([...RAY_DASHBOARD_METRICS].sort());
    // Ray's task and actor counts are only meaningful summed (several processes emit deltas).
    for (const expr of exprs.filter((e) => /\bray_(tasks|actors)\b/.test(e))) expect(expr).toMatch(/^sum by/);
  });

  it("refuses a dashboard without panels, naming the argument", () => {
    expect(() => planMonitoring({ cluster: MINIKUBE, dashboards: [{ uid: "empty", title: "Empty", panels: [] }] })).toThrow(/dashboards\[0\]\.panels/);
  });
});
