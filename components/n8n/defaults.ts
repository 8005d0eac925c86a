export const N8N_DEFAULTS = {
  /** 2.41.x (stable line); the chart's floating `stable` tag is never used. */
  image: "docker.io/n8nio/n8n:2.41.6@sha256:87e0bab2c93192e8dd885ff7b0697c22a1bd97489568a8c67cc140fd7dbb342d",
  port: 5678,
  /** The image's `node` user. */
  uid: 1000,
  home: "/home/node",
  dataPath: "/home/node/.n8n",
  storageSize: "5Gi",
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  metrics: true,
  protect: true,
  schema: "public",
  /** Process up, no auth. */
  livenessPath: "/healthz",
  /** Database connected and migrated, no auth. */
  readinessPath: "/healthz/readiness",
  /** Migrations run at start: ten minutes before liveness counts. */
  startupFailureThreshold: 60,
  keyLength: 48,
} as const;
