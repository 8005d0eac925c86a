/** Every rule K3sCluster's args must satisfy, collected (the stack config reports them all; the component throws the first). */
import type { ForjaArgumentError } from "../../core/errors";
import { ArgumentProblems, dnsSubdomainReason, enumReason, expectShape, isKnown, isRecord } from "../../core/validate";
import { IngressController, NodeArchitecture } from "../capabilities";
import type { K3sClusterArgs } from "./args";

const COMPONENT = "K3sCluster";

/** Every K3sCluster argument; both directions are checked against K3sClusterArgs at compile time. */
export const K3S_CLUSTER_ARGUMENTS = [
  "kubeconfig",
  "context",
  "storageClass",
  "ingressClass",
  "ingressController",
  "nodeArchitecture",
  "gpu",
  "imageMirrors",
] as const satisfies readonly (keyof K3sClusterArgs)[];
export const everyK3sClusterArgumentListed: Exclude<keyof K3sClusterArgs, (typeof K3S_CLUSTER_ARGUMENTS)[number]> extends never ? true : never = true;

export function k3sClusterProblems(input: K3sClusterArgs | undefined): ForjaArgumentError[] {
  const p = new ArgumentProblems(COMPONENT);
  if (input === undefined) return p.errors;
  if (!isRecord(input)) {
    p.add("args", input, "an object (every K3sCluster argument is optional)");
    return p.errors;
  }
  const args = input as unknown as Record<string, unknown>;
  for (const key of Object.keys(args)) {
    if (!(K3S_CLUSTER_ARGUMENTS as readonly string[]).includes(key)) p.add(key, args[key], `a K3sCluster argument (one of ${K3S_CLUSTER_ARGUMENTS.join(", ")})`);
  }
  for (const key of ["kubeconfig", "context"] as const) {
    const value = args[key];
    if (value !== undefined && isKnown(value) && (typeof value !== "string" || value.trim() === "")) p.add(key, key === "kubeconfig" ? kindOfSecret(value) : value, `a non-empty string${key === "kubeconfig" ? " (kubeconfig content or a path to it)" : ""}`);
  }
  for (const key of ["storageClass", "ingressClass"] as const) {
    if (args[key] !== undefined) p.check(key, args[key], dnsSubdomainReason(args[key]) && "a DNS-1123 name such as local-path or traefik");
  }
  if (args.ingressController !== undefined) p.check("ingressController", args.ingressController, enumReason(args.ingressController, IngressController));
  if (args.nodeArchitecture !== undefined) p.check("nodeArchitecture", args.nodeArchitecture, enumReason(args.nodeArchitecture, NodeArchitecture));
  expectShape(p, "gpu", args.gpu, "boolean");
  if (expectShape(p, "imageMirrors", args.imageMirrors, "object")) {
    for (const [prefix, mirror] of Object.entries(args.imageMirrors as Record<string, unknown>)) {
      if (typeof mirror !== "string" || mirror === "") p.add(`imageMirrors.${prefix}`, mirror, "the mirror prefix, a string");
    }
  }
  return p.errors;
}

/** A kubeconfig may hold credentials: describe it, never print it. */
function kindOfSecret(value: unknown): string {
  return typeof value === "string" ? "an empty string" : `a ${typeof value}`;
}
