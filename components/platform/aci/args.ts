/** Public types of AciEnvironment. */

/** ACR tier. Standard covers a handful of images pulled by ACI; Premium is for private networking, geo-replication and retention policies. */
export const RegistrySku = { Basic: "Basic", Standard: "Standard", Premium: "Premium" } as const;
export type RegistrySku = (typeof RegistrySku)[keyof typeof RegistrySku];

export interface AciEnvironmentArgs {
  /** Azure region, e.g. `eastus`. */
  location: string;
  /** Resource group for everything the environment holds. @default the component name */
  resourceGroupName?: string;
  /** Use the existing group named `resourceGroupName` instead of creating (and owning) one. @default false */
  useExistingResourceGroup?: boolean;
  /** Days Log Analytics keeps container logs (integer, 30-730). @default 30 */
  logRetentionDays?: number;
  /** Registry tier. @default "Standard" */
  registrySku?: RegistrySku;
  /** Days a deleted vault or secret can be recovered (integer, 7-90). @default 90 */
  softDeleteRetentionDays?: number;
  /**
   * Production: protects the resource group (when created), registry, vault and
   * workspace against deletion, and turns on Key Vault purge protection, which
   * can never be turned off again.
   * @default true
   */
  protect?: boolean;
  /** Tags on every resource. @default {} */
  tags?: Record<string, string>;
}
