/** Pinned MLflow and the numbers of its tracking server. */
export const MLFLOW_DEFAULTS = {
  /** `-full` carries psycopg2 and boto3; the plain tag has neither (and would pip install at boot). */
  image: "ghcr.io/mlflow/mlflow:v3.18.0-full",
  port: 5000,
  /** The upstream chart's user; the image is python:3.11-slim with a writable /tmp only. */
  uid: 1000,
  /** prometheus_flask_exporter's multiprocess directory (`--expose-prometheus`), on the /tmp emptyDir. */
  metricsDirectory: "/tmp/metrics",
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "2Gi" } },
  migrationBackoffLimit: 6,
  migrationDeadlineSeconds: 900,
  /** The server's gunicorn/uvicorn workers: two fit the default memory. */
  workers: 2,
} as const;

/**
 * Host headers allowed besides the Service names: pod addresses, which
 * Prometheus and the kubelet use. Setting --allowed-hosts replaces MLflow's
 * own default (localhost and private addresses), so they are listed here.
 */
export const MLFLOW_INTERNAL_HOSTS = ["localhost", "localhost:*", "127.0.0.1:*", "10.*", "172.*", "192.168.*"] as const;
