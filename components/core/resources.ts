/**
 * One shape for how big a container is, used by every component: the
 * scheduler places pods by requests, a memory limit keeps one pod from
 * starving a node, a CPU limit is optional (it throttles).
 */

/** A Kubernetes quantity: "250m", "1Gi", or a plain number of cores where Kubernetes accepts one. */
export type Quantity = string | number;

export interface ResourceRequests {
  /** e.g. "250m" or 0.25 */
  cpu: Quantity;
  /** e.g. "256Mi" */
  memory: Quantity;
}

export interface ResourceLimits {
  /** Required: the OOM killer stops this pod, not its neighbours. */
  memory: Quantity;
  /** A CPU limit throttles; most services are better without. @default unset */
  cpu?: Quantity;
}

export interface Resources {
  /** Required: the scheduler places pods by requests. */
  requests: ResourceRequests;
  /** A memory limit is required (OOM safety); a CPU limit is optional (throttling). */
  limits: ResourceLimits;
}
