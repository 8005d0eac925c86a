/**
 * The pod-level defaults every pod Forja renders shares, so "secure and
 * predictable by default" is one definition: no Service env links, an API
 * token only for pods that call the API, the restricted security context.
 */

import type { PodSecurityPreset } from "./security";
import { DEFAULT_RUN_AS_USER, restrictedPodSecurityContext } from "./security";

export interface PodDefaultsOptions {
  /** UID and GID the pod runs as and owns its volumes as. @default 65532 */
  user?: number;
  /** GID the pod runs as and owns its volumes as, when the image's group differs from its user. @default user */
  group?: number;
  /**
   * The pod calls the Kubernetes API with its ServiceAccount token (Prometheus
   * discovering targets). A cloud role does not need it: IRSA and EKS Pod
   * Identity mount their own projected token whatever this says.
   * @default false
   */
  apiAccess?: boolean;
}

export interface PodDefaults {
  automountServiceAccountToken: boolean;
  enableServiceLinks: false;
  securityContext: PodSecurityPreset;
}

/**
 * Fields to spread into a pod spec. Service links are off because the kubelet
 * would inject `<SERVICE>_PORT=tcp://...` for every Service of the namespace:
 * a Service named like an app's own env prefix (n8n's N8N_PORT) crashes it.
 */
export function podDefaults(options: PodDefaultsOptions = {}): PodDefaults {
  const user = options.user ?? DEFAULT_RUN_AS_USER;
  const group = options.group ?? user;
  return {
    automountServiceAccountToken: options.apiAccess === true,
    enableServiceLinks: false,
    securityContext: { ...restrictedPodSecurityContext(user), runAsGroup: group, fsGroup: group },
  };
}

type Obj = Record<string, unknown>;

const child = (node: unknown, key: string): Obj | undefined => {
  const value = node && typeof node === "object" ? (node as Obj)[key] : undefined;
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
};

/** Where a kind keeps its pod spec, as a path from the object (none for kinds without pods). */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** The pod spec inside a Kubernetes object (a Pod's own, a workload's template, a CronJob's job template), or undefined. */
export function podSpecOf(object: Obj): Obj | undefined {
  const path = POD_SPEC_PATHS[String(object.kind)];
  return path?.reduce<Obj | undefined>((node, key) => child(node, key), object);
}

/**
 * A copy of `object` whose pod spec turns service links off where it leaves
 * them unset; an explicit choice (a chart value) stands. Undefined when there
 * is nothing to change. For objects Forja does not render itself (a chart's):
 * copies only along the path it changes, never mutating the input (whose
 * other fields may hold secret Outputs).
 */
export function withoutServiceLinks(object: Obj): Obj | undefined {
  const pod = podSpecOf(object);
  if (!pod || pod.enableServiceLinks !== undefined) return undefined;
  const path = POD_SPEC_PATHS[String(object.kind)];
  const copyAlong = (node: Obj, depth: number): Obj => {
    if (depth === path.length) return { ...node, enableServiceLinks: false };
    return { ...node, [path[depth]]: copyAlong(child(node, path[depth]) as Obj, depth + 1) };
  };
  return copyAlong(object, 0);
}
