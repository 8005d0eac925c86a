/**
 * Azure built-in role definitions by their well-known ids (the same in every
 * tenant), as listed in "Azure built-in roles".
 */
export const BUILT_IN_ROLES = {
  /** Pull artifacts from a container registry. */
  acrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  /** Read secret contents (data plane) of a Key Vault in RBAC mode. */
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
} as const;

/** Full id of a built-in role definition, as role assignments expect it. */
export function roleDefinitionId(subscriptionId: string, roleId: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${roleId}`;
}

/** Principal type of a managed identity: saves Azure a directory lookup that can fail right after the identity is created. */
export const MANAGED_IDENTITY_PRINCIPAL = "ServicePrincipal";
