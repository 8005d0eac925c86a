import { kubernetesName } from "./naming";

/** The label Forja puts on everything it manages, so a selector or policy can find it. */
export const MANAGED_BY = "forja";

/** Recommended Kubernetes labels (app.kubernetes.io/*) for one component instance. */
export interface LabelArgs {
  /** What the software is, e.g. `milvus` or the service's own name. */
  name: string;
  /** This instance, e.g. the Pulumi resource name. */
  instance: string;
  /** Role inside a larger system, e.g. `api`, `worker`. @default omitted */
  component?: string;
  /** The larger system this is part of. @default omitted */
  partOf?: string;
  /** Version of the software (image tag or chart version). @default omitted */
  version?: string;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Label values: at most 63 characters, alphanumeric at both ends. */
export function labelValue(value: string): string {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return value;
  return kubernetesName(value);
}

export function standardLabels(args: LabelArgs): Record<string, string> {
  const labels: Record<string, string> = {
    "app.kubernetes.io/name": labelValue(args.name),
    "app.kubernetes.io/instance": labelValue(args.instance),
    "app.kubernetes.io/managed-by": MANAGED_BY,
  };
  if (args.component) labels["app.kubernetes.io/component"] = labelValue(args.component);
  if (args.partOf) labels["app.kubernetes.io/part-of"] = labelValue(args.partOf);
  if (args.version) labels["app.kubernetes.io/version"] = labelValue(args.version);
  return labels;
}

/**
 * The immutable subset used in selectors: a Deployment's selector cannot change
 * after creation, so it must never include the version.
 */
export function selectorLabels(args: Pick<LabelArgs, "name" | "instance">): Record<string, string> {
  return {
    "app.kubernetes.io/name": labelValue(args.name),
    "app.kubernetes.io/instance": labelValue(args.instance),
  };
}
