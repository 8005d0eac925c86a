export const PROMETHEUS_DEFAULTS = {
  image: "docker.io/prom/prometheus:v3.14.0@sha256:5ce7540c3c00ef4ab0c9d2c995c6a5b9c421f44b4a115d97a2c7af3b1c21cbb0",
  port: 9090,
  /** nobody, as the upstream chart runs it. */
  uid: 65534,
  dataPath: "/prometheus",
  configPath: "/etc/prometheus",
  configFile: "prometheus.yml",
  storageSize: "10Gi",
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
  retentionTime: "15d",
  /** Share of the volume the TSDB may fill before the oldest blocks go (WAL and compaction need the rest). */
  retentionShare: 0.8,
  scrapeInterval: "30s",
  /** Nodes of a laptop or on-premises K3s have private addresses. */
  nodeCidrs: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
  kubeletPort: 10250,
  /** K3s serves the API on the node at 6443; 443 is the `kubernetes` Service port, which some CNIs match before DNAT. */
  apiServerPorts: [6443, 443],
  protect: true,
  metricsPath: "/metrics",
} as const;

/** What service discovery and the kubelet's cAdvisor need: read-only, nothing else. */
export const PROMETHEUS_RULES = [
  { apiGroups: [""], resources: ["nodes", "nodes/metrics", "services", "endpoints", "pods"], verbs: ["get", "list", "watch"] },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
  { nonResourceURLs: ["/metrics", "/metrics/cadvisor"], verbs: ["get"] },
];
