/** `forja:aci`: the Azure target. No Azure component takes these yet, so the rules live here. */
import { z } from "zod";
import type { BaseConfig } from "./base";
import { problem } from "./issues";

/** Azure resource group names: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'. */
const RESOURCE_GROUP_NAME = /^[-\w._()]{0,89}[-\w_()]$/u;

export const aciSection = z
  .object({
    /** Resource group to create for the stack's Azure resources. @default "<project>-<stack>" */
    resourceGroupName: z.string().optional(),
  })
  .strict();

export interface AciStackConfig extends BaseConfig {
  target: "aci";
  location: string;
  aci: z.output<typeof aciSection>;
}

export function resourceGroupName(config: AciStackConfig): string {
  return config.aci.resourceGroupName ?? `${config.project}-${config.stack}`;
}

export function aciProblems(config: AciStackConfig): string[] {
  const name = resourceGroupName(config);
  if (RESOURCE_GROUP_NAME.test(name)) return [];
  const key = config.aci.resourceGroupName === undefined ? "forja:aci.resourceGroupName (default <project>-<stack>)" : "forja:aci.resourceGroupName";
  return [problem(key, name, "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'")];
}
