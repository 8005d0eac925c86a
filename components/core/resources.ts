/**
 * One shape for how big a container is, used by every component: the
 * scheduler places pods by requests, a memory limit keeps one pod from
 * starving a node, a CPU limit is optional (it throttles).
 */
import { parseQuantity, quantityReason } from "./validate";

/**
 * A Kubernetes quantity: "250m", "0.5", "1Gi". A string only: the component
 * package's schema has no union type, so `string | number` would drop
 * `resources` from every other language (Kubernetes reads "0.5" as 0.5 cores).
 */
export type Quantity = string;

export interface ResourceRequests {
  /** e.g. "250m" or "0.25" */
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

/** A problem with a `resources` arg: the argument path (under `argument`), the value, and what was expected. */
export type ResourcesProblem = [argument: string, value: unknown, expected: string];

/**
 * Every rule a `resources` arg must satisfy, as problems (each component wraps
 * them in a ForjaArgumentError): requests and a memory limit present, every
 * value a quantity, no request above its limit (Kubernetes refuses that pod
 * at admission, long after `pulumi up` began).
 */
export function resourcesProblems(resources: unknown, argument = "resources"): ResourcesProblem[] {
  const isMap = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  if (!isMap(resources)) return [[argument, resources, "{ requests: { cpu, memory }, limits: { memory, cpu? } }"]];
  const problems: ResourcesProblem[] = [];
  const flat = ["cpuRequest", "memoryRequest", "memoryLimit"].filter((key) => key in resources);
  if (flat.length > 0) {
    problems.push([`${argument}.${flat[0]}`, resources[flat[0]], 'the 0.2.0 shape { requests: { cpu, memory }, limits: { memory } }: cpuRequest is requests.cpu, memoryRequest requests.memory, memoryLimit limits.memory (CHANGELOG "Migrating to 0.2.0")']);
    return problems;
  }
  const requests = isMap(resources.requests) ? resources.requests : undefined;
  const limits = isMap(resources.limits) ? resources.limits : undefined;
  if (!requests) problems.push([`${argument}.requests`, resources.requests, "a map with cpu and memory (the scheduler places pods by requests)"]);
  if (!limits) problems.push([`${argument}.limits`, resources.limits, "a map with at least memory (a memory limit is required)"]);
  for (const [section, values, required] of [["requests", requests, ["cpu", "memory"]], ["limits", limits, ["memory"]]] as const) {
    if (values === undefined) continue;
    for (const key of new Set([...required, ...Object.keys(values)])) {
      const reason = quantityReason(values[key]);
      if (reason) problems.push([`${argument}.${section}.${key}`, values[key], (required as readonly string[]).includes(key) ? `${reason} (requests and a memory limit are required)` : reason]);
    }
  }
  if (parseQuantity(limits?.memory) === 0) problems.push([`${argument}.limits.memory`, limits?.memory, "a memory limit above 0"]);
  for (const key of Object.keys(requests ?? {})) {
    const request = parseQuantity(requests?.[key]);
    const limit = parseQuantity(limits?.[key]);
    if (request !== undefined && limit !== undefined && request > limit) {
      problems.push([`${argument}.requests.${key}`, requests?.[key], `a request no larger than its limit (${String(limits?.[key])}): Kubernetes refuses requests above limits`]);
    }
  }
  return problems;
}

/** Requests and limits as a container spec takes them: unset keys dropped (an explicit `cpu: undefined` never reaches the object). */
export function containerResources(resources: Resources): { requests: Record<string, string>; limits: Record<string, string> } {
  const defined = (values: object) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return { requests: defined(resources.requests), limits: defined(resources.limits) };
}
