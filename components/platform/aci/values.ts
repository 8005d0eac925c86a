/** Pure logic of AciEnvironment: validation and the settings each child gets. */
import { withDefaults } from "../../core/defaults";
import { ForjaArgumentError } from "../../core/errors";
import type { AciEnvironmentArgs } from "./args";
import { RegistrySku } from "./args";
import { ACI_ENVIRONMENT_DEFAULTS, KEY_VAULT_SKU, LOG_RETENTION_DAYS, SOFT_DELETE_RETENTION_DAYS } from "./defaults";

const COMPONENT = "AciEnvironment";
/** Azure region names: lower-case letters and digits (eastus, westeurope, eastus2). */
const LOCATION = /^[a-z][a-z0-9]{2,39}$/;
const RESOURCE_GROUP = /^[-\w._()]{0,89}[-\w_()]$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

function checkInteger(argument: string, value: number | undefined, bounds: { min: number; max: number }): void {
  if (value !== undefined && (!Number.isInteger(value) || value < bounds.min || value > bounds.max)) {
    fail(argument, value, `an integer from ${bounds.min} to ${bounds.max}`);
  }
}

/** Every rule an AciEnvironment must satisfy before anything is registered. */
export function validateAciEnvironment(name: string, args: AciEnvironmentArgs | undefined): void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) fail("name", name, "a lower-case name of at most 40 letters, digits and '-', starting with a letter (it seeds Azure resource names)");
  if (typeof args?.location !== "string" || !LOCATION.test(args.location)) fail("location", args?.location, "an Azure region name such as eastus or westeurope");
  if (args.resourceGroupName !== undefined && !RESOURCE_GROUP.test(args.resourceGroupName)) {
    fail("resourceGroupName", args.resourceGroupName, "1-90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'");
  }
  if (args.useExistingResourceGroup === true && args.resourceGroupName === undefined) {
    fail("resourceGroupName", undefined, "the name of the existing group when useExistingResourceGroup is true");
  }
  checkInteger("logRetentionDays", args.logRetentionDays, LOG_RETENTION_DAYS);
  checkInteger("softDeleteRetentionDays", args.softDeleteRetentionDays, SOFT_DELETE_RETENTION_DAYS);
  if (args.registrySku !== undefined && !Object.values(RegistrySku).includes(args.registrySku)) {
    fail("registrySku", args.registrySku, `one of ${Object.values(RegistrySku).join(", ")}`);
  }
}

/** Args with every default applied. */
export function aciEnvironmentSettings(name: string, args: AciEnvironmentArgs) {
  const a = withDefaults(ACI_ENVIRONMENT_DEFAULTS, args);
  return { ...a, resourceGroupName: args.resourceGroupName ?? name };
}

/**
 * Registry settings: no admin user (shared credentials that never expire)
 * and no anonymous pulls; workloads pull with an identity holding AcrPull.
 */
export function registrySettings(sku: RegistrySku) {
  return { sku: { name: sku }, adminUserEnabled: false, anonymousPullEnabled: false, publicNetworkAccess: "Enabled" };
}

/**
 * Key Vault properties: RBAC authorization (no access policies), soft delete,
 * and purge protection when protected. Azure refuses `enablePurgeProtection:
 * false`, and once on it can never be turned off: it is set only when wanted.
 */
export function vaultProperties(tenantId: string, softDeleteRetentionInDays: number, protect: boolean) {
  return {
    tenantId,
    sku: { ...KEY_VAULT_SKU },
    enableRbacAuthorization: true,
    enableSoftDelete: true,
    softDeleteRetentionInDays,
    enablePurgeProtection: protect ? true : undefined,
    publicNetworkAccess: "Enabled",
  };
}
