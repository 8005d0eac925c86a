export const ACI_ENVIRONMENT_DEFAULTS = {
  useExistingResourceGroup: false,
  logRetentionDays: 30,
  registrySku: "Standard",
  softDeleteRetentionDays: 90,
  protect: true,
} as const;

/** Log Analytics bounds for the pay-as-you-go (PerGB2018) tier: Azure's table. */
export { LOG_ANALYTICS_RETENTION_DAYS as LOG_RETENTION_DAYS } from "../../azure/limits";
export const LOG_ANALYTICS_SKU = "PerGB2018";

/** Key Vault soft-delete retention bounds. */
export const SOFT_DELETE_RETENTION_DAYS = { min: 7, max: 90 } as const;
export const KEY_VAULT_SKU = { family: "A", name: "standard" } as const;
