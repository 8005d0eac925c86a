import type { Resources } from "../core/resources";
/** Pinned image and defaults for the in-cluster Redis. */
export const REDIS_DEFAULTS = {
  /** 7.2 is the last BSD-licensed line (the Airflow chart pins it for the same reason); Debian variant runs as uid 999. */
  image: "docker.io/library/redis:7.2.11-bookworm",
  storageSize: "2Gi",
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } } as Resources,
  protect: true,
  port: 6379,
  uid: 999,
  dataMount: "/data",
  /** The password reaches redis-server through a file on a memory-backed volume, never its command line. */
  configMount: "/etc/redis-auth",
  passwordLength: 32,
} as const;
