import { DEFAULT_RUN_AS_USER } from "../core/security";

export const STATEFUL_SERVICE_DEFAULTS = {
  portName: "http",
  volumeSize: "10Gi",
  runAsUser: DEFAULT_RUN_AS_USER,
  readOnlyRootFilesystem: true,
  protect: true,
  /** Default liveness waits longer than readiness: a slow start must not be killed. */
  livenessInitialDelaySeconds: 15,
} as const;
