/**
 * Forja's CrossGuard rules. This file builds no PolicyPack (its constructor
 * starts a gRPC server), so tests and the offline synth load it directly and
 * run every rule over every recorded resource. The rules live by topic in
 * pods, storage, iam, network, data, azure, aci and secrets.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { aciPolicies } from "./aci";
import { azurePolicies } from "./azure";
import { dataPolicies } from "./data";
import { chartExemption } from "./exemptions";
import { iamPolicies } from "./iam";
import { networkPolicies } from "./network";
import { podPolicies } from "./pods";
import { secretPolicies } from "./secrets";
import { storagePolicies } from "./storage";
import type { ForjaValidationArgs, ProductionConfig } from "./util";

export { LOAD_BALANCER_TAG, LOAD_BALANCER_TAG_VALUE, SENSITIVE_PORTS } from "./network";
export { STATEFUL_TYPES } from "./data";
export { podTemplateOf } from "./pods";
export type { ProductionConfig } from "./util";

export const forjaPolicies: ResourceValidationPolicy[] = [
  ...podPolicies,
  ...storagePolicies,
  ...iamPolicies,
  ...networkPolicies,
  ...dataPolicies,
  ...azurePolicies,
  ...aciPolicies,
  ...secretPolicies,
];

/** Rules that read `{ production }` from the policy config (policies/production.json sets it). */
export const productionRules = forjaPolicies.filter((policy) => policy.configSchema !== undefined).map((policy) => policy.name);

/** A resource as the rules see it: what CrossGuard would pass to `validateResource`. */
export interface PolicyResource {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  protect: boolean;
  /** Dotted paths of inputs that are Pulumi secrets, when known (the engine does not tell policies). */
  secretPaths?: string[];
  /** For objects rendered from a chart: the template, which named exemptions match on (the engine does not tell policies). */
  origin?: { template: string };
}

export interface PolicyViolation {
  policy: string;
  urn: string;
  /** The resource's name (chart objects: `<chart>:<namespace>/<name>`). */
  name: string;
  message: string;
}

/**
 * Runs every rule over every resource, outside the policy engine. Used by the
 * offline synth and the stack tests; the pack in `index.ts` runs the same rules
 * under `pulumi preview --policy-pack policies`.
 */
export function runPolicies(resources: PolicyResource[], config: ProductionConfig): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const resource of resources) {
    const args: ForjaValidationArgs = {
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      props: resource.props,
      opts: { protect: resource.protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      stackTags: new Map<string, string>(),
      getConfig: <T>() => config as unknown as T,
      isType: () => false,
      asType: () => undefined,
      notApplicable: (reason?: string) => {
        throw new Error(`not applicable: ${reason ?? ""}`);
      },
      secretPaths: resource.secretPaths,
    };
    for (const policy of forjaPolicies) {
      const validate = policy.validateResource;
      const validators = Array.isArray(validate) ? validate : validate ? [validate] : [];
      for (const run of validators) {
        void run(args, (message) => {
          if (!chartExemption(policy.name, resource.origin, message)) violations.push({ policy: policy.name, urn: resource.urn, name: resource.name, message });
        });
      }
    }
  }
  return violations;
}
