/**
 * The CrossGuard pack: `pulumi preview --policy-pack policies`. For production
 * stacks add `--policy-pack-config policies/production.json` so stateful
 * resources must be protected. The rules live in rules.ts, tested offline.
 */
import { PolicyPack } from "@pulumi/policy";
import { forjaPolicies } from "./rules";

new PolicyPack("forja", { policies: forjaPolicies });
