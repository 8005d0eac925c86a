export const GRAFANA_DEFAULTS = {
  image: "docker.io/grafana/grafana:13.2.1@sha256:f772d434e8fab0049deb2b1b30abd43342bcfca1537614aa8d36080232cf4283",
  port: 3000,
  /** The image's grafana user and group. */
  uid: 472,
  dataPath: "/var/lib/grafana",
  provisioningPath: "/etc/grafana/provisioning",
  dashboardsPath: "/etc/grafana/dashboards",
  storageSize: "5Gi",
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  datasourceUid: "prometheus",
  folder: "Forja",
  adminUser: "admin",
  protect: true,
  /** Unauthenticated: database and version only. */
  probePath: "/api/health",
  passwordLength: 32,
  refresh: "30s",
  panelWidth: 12,
  panelHeight: 8,
  /** A client-side apply stores the object in an annotation limited to 262,144 bytes. */
  dashboardBytesLimit: 262144,
} as const;
