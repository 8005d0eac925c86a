import { DEFAULT_RUN_AS_USER } from "../core/security";

export const WEB_SERVICE_DEFAULTS = {
  replicas: 2,
  runAsUser: DEFAULT_RUN_AS_USER,
  readOnlyRootFilesystem: true,
  cpuUtilization: 70,
  pathType: "Prefix",
  internetFacing: false,
  /**
   * ALB groups when none is given: one load balancer per scheme and per TLS
   * choice. `ssl-redirect` applies to a whole IngressGroup, so a plain-HTTP
   * route in the same group as a TLS one would be redirected to a port it
   * has no listener rule on. Names keep the groups the common routes had
   * (internal plain, internet-facing TLS) before the split.
   */
  defaultGroups: {
    internal: { plain: "forja-internal", tls: "forja-internal-tls" },
    public: { plain: "forja-public-http", tls: "forja-public" },
  },
  /** Where writable scratch space is mounted when the root filesystem is read-only. */
  scratchPath: "/tmp",
  scratchSizeLimit: "256Mi",
  terminationGracePeriodSeconds: 30,
  revisionHistoryLimit: 5,
  /** Roll out by adding pods first, never dropping below the current count. */
  maxSurge: "25%",
  maxUnavailable: 0,
  /** Default liveness waits longer than readiness: a slow start must not be killed. */
  livenessInitialDelaySeconds: 15,
} as const;

/** Probe timings: patient enough for JVM/Python start-up, quick to notice a hang. */
export const PROBE_DEFAULTS = {
  initialDelaySeconds: 5,
  periodSeconds: 10,
  timeoutSeconds: 3,
  failureThreshold: 3,
} as const;
