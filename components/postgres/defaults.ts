import type { Resources } from "../core/resources";
/** Pinned image and defaults for the in-cluster Postgres. */
export const POSTGRES_DEFAULTS = {
  /** Debian variant: the postgres user is uid/gid 999 (the Alpine variant uses 70). */
  image: "docker.io/library/postgres:17.6-bookworm",
  database: "app",
  superuser: "forja",
  storageSize: "10Gi",
  resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } } as Resources,
  protect: true,
  port: 5432,
  uid: 999,
  /** The volume root holds lost+found on ext4: initdb needs an empty directory below it. */
  dataMount: "/var/lib/postgresql/data",
  pgdata: "/var/lib/postgresql/data/pgdata",
  /** Unix socket directory: on an emptyDir, so the root filesystem stays read-only. */
  socketDir: "/var/run/postgresql",
  passwordLength: 32,
  /** The setup Job gives the server this long to accept connections. */
  setupWaitSeconds: 300,
  setupBackoffLimit: 6,
} as const;
