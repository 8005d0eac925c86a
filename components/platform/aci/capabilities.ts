/**
 * What an ACI environment offers container groups, as plain data: the ACI
 * counterpart of ClusterCapabilities. Container-group components take this
 * and never look anything up themselves. Flat on purpose: a program in
 * another language builds it as a literal from AciEnvironment's outputs.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface AciCapabilities {
  /** Azure region, e.g. `eastus`. */
  location: string;
  /** Resource group that container groups and their storage go in. */
  resourceGroupName: pulumi.Input<string>;
  /** Login server of the registry, e.g. `forjaacr1a2b3c.azurecr.io`. */
  registryServer: pulumi.Input<string>;
  /**
   * ARM id of the user-assigned identity. It resolves only once the identity's
   * AcrPull and Key Vault Secrets User assignments exist, so a container group
   * that pulls or reads secrets with it is created after its roles.
   */
  identityResourceId: pulumi.Input<string>;
  /** Client id of the identity: `AZURE_CLIENT_ID` for SDKs inside containers. */
  identityClientId: pulumi.Input<string>;
  /** Object (principal) id of the identity, for further role assignments. */
  identityPrincipalId: pulumi.Input<string>;
  /** Key Vault (RBAC mode) where secrets for the environment's workloads are kept. */
  keyVaultName: pulumi.Input<string>;
  /** e.g. `https://forja-1a2b3c.vault.azure.net/` */
  keyVaultUri: pulumi.Input<string>;
  /** Log Analytics workspace (customer) id that container-group diagnostics write to. */
  workspaceId: pulumi.Input<string>;
  /** Workspace name, in `resourceGroupName`: its shared key is looked up at deploy time, never passed around. */
  workspaceName: pulumi.Input<string>;
  /** ARM resource id of the workspace. */
  workspaceResourceId: pulumi.Input<string>;
}
