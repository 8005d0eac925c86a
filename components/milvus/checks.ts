/** What every MilvusCluster check shares: the component keys and the errors they raise. */
import { ForjaArgumentError } from "../core/errors";
import type { MilvusTolerationArgs } from "./args";
import type { Resources } from "../core/resources";

export const COMPONENT = "MilvusCluster";

/** Milvus's own Deployments, in the chart's key names. */
export const MILVUS_COMPONENTS = ["proxy", "mixCoordinator", "dataNode", "indexNode", "queryNode"] as const;
export type MilvusComponentKey = (typeof MILVUS_COMPONENTS)[number];
/** The StatefulSets Milvus depends on. */
export const STATEFUL_COMPONENTS = ["etcd", "kafka", "zookeeper", "minio"] as const;
export type StatefulComponentKey = (typeof STATEFUL_COMPONENTS)[number];
export type ComponentKey = MilvusComponentKey | StatefulComponentKey;

/** One component after validation: the preset with the caller's overrides merged in. */
export interface ResolvedComponent {
  replicas: number;
  resources: Resources;
  nodeSelector: Record<string, string>;
  tolerations: MilvusTolerationArgs[];
  storageSize?: string;
}

const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;

export function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

export function oneOf<T extends string>(argument: string, value: unknown, allowed: Record<string, T>): T {
  const values = Object.values(allowed);
  if (typeof value !== "string" || !values.includes(value as T)) fail(argument, value, `one of ${values.map((v) => `"${v}"`).join(", ")}`);
  return value as T;
}

export function checkQuantity(argument: string, value: unknown, required: boolean): void {
  if (value === undefined && !required) return;
  if (typeof value !== "string" || !QUANTITY.test(value)) fail(argument, value, 'a Kubernetes quantity such as "500m" or "2Gi"');
}
