/**
 * "AppGear Monitor" (seed 003): CPU and memory per pod of the AppGear
 * namespaces, and LiteLLM's requests, failures and latency. On K3s the
 * kubelet's cAdvisor often leaves the `container` label empty (k3s#14553,
 * seen on v1.33.6+k3s1), so the usual `container!=""` filter finds nothing:
 * the panels read the pod-level cgroup series (`container=""`, `pod!=""`).
 */
import type { GrafanaDashboard } from "../../components/grafana";

export const APPGEAR_MONITOR_UID = "appgear-monitor";

export function appGearMonitor(appsNamespace: string, observabilityNamespace: string): GrafanaDashboard {
  const namespaces = `namespace=~"${appsNamespace}|${observabilityNamespace}"`;
  const pods = `${namespaces},pod!="",container=""`;
  const gateway = 'job="litellm"';
  return {
    uid: APPGEAR_MONITOR_UID,
    title: "AppGear Monitor",
    tags: ["appgear", "forja"],
    panels: [
      {
        title: "CPU per pod",
        unit: "cores",
        description: "Pod-level cAdvisor series: K3s leaves the container label empty.",
        queries: [{ expr: `sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${pods}}[5m]))`, legend: "{{namespace}}/{{pod}}" }],
      },
      {
        title: "Memory per pod (working set)",
        unit: "bytes",
        queries: [{ expr: `sum by (namespace, pod) (container_memory_working_set_bytes{${pods}})`, legend: "{{namespace}}/{{pod}}" }],
      },
      {
        title: "LiteLLM requests",
        unit: "reqps",
        width: 8,
        queries: [{ expr: `sum(rate(litellm_proxy_total_requests_metric_total{${gateway}}[5m]))`, legend: "requests" }],
      },
      {
        title: "LiteLLM failed requests",
        unit: "reqps",
        width: 8,
        queries: [{ expr: `sum(rate(litellm_proxy_failed_requests_metric_total{${gateway}}[5m]))`, legend: "failures" }],
      },
      {
        title: "LiteLLM latency",
        unit: "s",
        width: 8,
        queries: [
          { expr: `histogram_quantile(0.5, sum by (le) (rate(litellm_request_total_latency_metric_bucket{${gateway}}[5m])))`, legend: "p50" },
          { expr: `histogram_quantile(0.95, sum by (le) (rate(litellm_request_total_latency_metric_bucket{${gateway}}[5m])))`, legend: "p95" },
        ],
      },
    ],
  };
}
