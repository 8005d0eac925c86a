/**
 * The rules guard Forja's own output, not just fixtures: each real stack
 * passes every rule, and one realistic change per rule (mutations.ts) to the
 * stack's resources makes that rule flag exactly the changed resource.
 */
import { forjaPolicies } from "../../policies/rules";
import { Recorded, runStack } from "../harness";
import { applyMutation, MUTATIONS } from "./mutations";
import type { StackRecords } from "./mutations";

const STACKS = ["dev", "prod", "aci"] as const;
const stacks = new Map<string, StackRecords & { production: boolean }>();

beforeAll(async () => {
  // One program run per stack; every mutation works on a copy of its records.
  for (const stack of STACKS) {
    const { run } = await runStack(stack);
    stacks.set(stack, { stack, records: run.records, production: run.config.environment === "production" });
  }
});

/** The URNs one rule flags. */
const flagged = (records: StackRecords["records"], production: boolean, rule: string) => [
  ...new Set(
    new Recorded(records)
      .policyViolations(production)
      .filter((violation) => violation.policy === rule)
      .map((violation) => violation.urn),
  ),
];

it("has a mutation for every rule of the pack", () => {
  expect(MUTATIONS.map((m) => m.rule).sort()).toEqual(forjaPolicies.map((p) => p.name).sort());
});

/** Rules whose mutation must land on a real resource of the stack, not an added one (more join as components land). */
const REAL_TARGETS: Record<string, string[]> = {
  dev: ["no-unpinned-images", "containers-non-root", "containers-seccomp", "pods-no-host-path", "no-plaintext-secrets", "namespaces-protected", "statefulset-claims-retained"],
  prod: [
    "no-unpinned-images",
    "containers-no-privilege-escalation",
    "no-plaintext-secrets",
    "helm-values-no-plaintext-secrets",
    "encrypted-at-rest",
    "ec2-block-devices-encrypted",
    "ec2-imdsv2-required",
    "no-iam-star-on-star",
    "iam-no-service-wildcard",
    "iam-no-negated-allow",
    "iam-no-admin-policies",
    "iam-trust-restricted",
    "default-security-group-closed",
    "eks-endpoint-restricted",
    "stateful-resources-protected",
    "namespaces-protected",
  ],
  aci: [
    "stateful-resources-protected",
    "aci-public-ports-app-only",
    "azure-tls",
    "azure-storage-private",
    "container-registry-private",
    "key-vault-protected",
    "cosmos-local-auth",
    "container-group-registry-identity",
  ],
};

describe.each(STACKS)("stack %s", (name) => {
  const stack = () => stacks.get(name)!;

  it("passes every rule unchanged", () => {
    expect(new Recorded(stack().records).policyViolations(stack().production)).toEqual([]);
  });

  it("changes the stack's own resources wherever it has them", () => {
    const real = MUTATIONS.filter((mutation) => !applyMutation(stack(), mutation).injected).map((mutation) => mutation.rule);
    expect(real).toEqual(expect.arrayContaining(REAL_TARGETS[name]));
  });

  it.each(MUTATIONS.map((m) => [m.rule, m.story, m] as const))("%s catches a user who %s", (rule, _story, mutation) => {
    const { records, urn } = applyMutation(stack(), mutation);
    // Development stacks may leave data unprotected; judged as production, the same change is caught.
    const quietHere = mutation.productionOnly === true && !stack().production;
    expect({ here: flagged(records, stack().production, rule), asProduction: flagged(records, true, rule) }).toEqual({
      here: quietHere ? [] : [urn],
      asProduction: expect.arrayContaining([urn]),
    });
  });
});
