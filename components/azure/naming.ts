/**
 * Azure resource names: many are global (registries, vaults, storage and
 * Cosmos accounts are DNS names) and each service has its own alphabet and
 * length. Names are built from the component name plus a random suffix kept
 * in state, so they are stable across updates and unlikely to collide
 * with anyone else's.
 */

/** Length of the random suffix every globally named resource gets. */
export const NAME_SUFFIX_LENGTH = 6;

export interface AzureNameRule {
  /** Longest name the service accepts, suffix included. */
  maxLength: number;
  /** Letters and digits only (registries, storage accounts): no hyphens. */
  alphanumeric: boolean;
}

export const AZURE_NAME_RULES = {
  /** Container registry: 5-50 letters and digits. */
  registry: { maxLength: 50, alphanumeric: true },
  /** Key Vault: 3-24 letters, digits and single hyphens, starting with a letter. */
  keyVault: { maxLength: 24, alphanumeric: false },
  /** Storage account: 3-24 lower-case letters and digits. */
  storageAccount: { maxLength: 24, alphanumeric: true },
  /** Cosmos DB account: 3-44 lower-case letters, digits and hyphens. */
  cosmosAccount: { maxLength: 44, alphanumeric: false },
} as const satisfies Record<string, AzureNameRule>;

/**
 * `base` reduced to what `rule` allows, joined to `suffix` (lower-case
 * letters and digits): the head is cut so the whole fits, never the suffix.
 */
export function azureName(base: string, suffix: string, rule: AzureNameRule): string {
  const separator = rule.alphanumeric ? "" : "-";
  const cleaned = base
    .toLowerCase()
    .replace(rule.alphanumeric ? /[^a-z0-9]+/g : /[^a-z0-9-]+/g, rule.alphanumeric ? "" : "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "");
  const head = cleaned.slice(0, rule.maxLength - suffix.length - separator.length).replace(/-+$/, "");
  return head ? `${head}${separator}${suffix}` : `x${suffix}`;
}
