/**
 * Azure limits Forja checks before `pulumi up`, in one table: Azure would
 * refuse these values only once the stack is half created. Each entry names
 * its source.
 */

/**
 * A Linux container group without GPUs, standard SKU ("Resource availability
 * and quota limits for ACI", the default maximum per container group in
 * most regions): the sum of its containers' requests.
 */
export const ACI_GROUP_LIMITS = { cpu: 4, memoryInGB: 16 } as const;

/** Log Analytics retention for the pay-as-you-go (PerGB2018) tier, in days (Workspaces API, retentionInDays). */
export const LOG_ANALYTICS_RETENTION_DAYS = { min: 30, max: 730 } as const;
