import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { childName } from "../../core/naming";
import { AZURE_NAME_RULES, NAME_SUFFIX_LENGTH, azureName } from "../../azure/naming";
import { BUILT_IN_ROLES, MANAGED_IDENTITY_PRINCIPAL, roleDefinitionId } from "../../azure/roles";
import type { AciEnvironmentArgs } from "./args";
import type { AciCapabilities } from "./capabilities";
import { LOG_ANALYTICS_SKU } from "./defaults";
import { aciEnvironmentSettings, registrySettings, validateAciEnvironment, vaultProperties } from "./values";

/**
 * Everything container groups need around them, in one resource group: a
 * Log Analytics workspace, a user-assigned identity, a registry it pulls from
 * (AcrPull, no admin user) and a Key Vault in RBAC mode it reads secrets from
 * (Key Vault Secrets User). Exposes it all as `capabilities`.
 */
export class AciEnvironment extends pulumi.ComponentResource {
  /** Everything below as one plain-data value, for container groups (TypeScript). */
  readonly capabilities: AciCapabilities;
  /** The Azure region everything is created in. */
  readonly location: string;
  /** The resource group everything is created in. */
  readonly resourceGroupName: pulumi.Output<string>;
  /** The container registry's name. */
  readonly registryName: pulumi.Output<string>;
  /** The registry's login server (`<name>.azurecr.io`). */
  readonly registryServer: pulumi.Output<string>;
  /** Resolves once the identity's AcrPull and Key Vault Secrets User assignments exist. */
  readonly identityResourceId: pulumi.Output<string>;
  /** Client ID of the managed identity container groups run as. */
  readonly identityClientId: pulumi.Output<string>;
  /** Principal ID of that identity (for role assignments). */
  readonly identityPrincipalId: pulumi.Output<string>;
  /** The Key Vault's name. */
  readonly keyVaultName: pulumi.Output<string>;
  /** The Key Vault's URI. */
  readonly keyVaultUri: pulumi.Output<string>;
  /** The Log Analytics workspace's customer ID (what container groups log to). */
  readonly workspaceId: pulumi.Output<string>;
  /** The Log Analytics workspace's name. */
  readonly workspaceName: pulumi.Output<string>;
  /** The Log Analytics workspace's Azure resource ID. */
  readonly workspaceResourceId: pulumi.Output<string>;

  constructor(name: string, args: AciEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    validateAciEnvironment(name, args);
    super("forja:index:AciEnvironment", name, {}, opts);
    const a = aciEnvironmentSettings(name, args);
    const tags = { ...args.tags, "forja:component": "aci-environment" };
    const parent = { parent: this };
    const stateful = { parent: this, protect: a.protect, retainOnDelete: a.protect };
    const client = authorization.getClientConfigOutput(parent);

    const resourceGroupName = a.useExistingResourceGroup
      ? pulumi.output(a.resourceGroupName)
      : new resources.ResourceGroup(childName(name, "rg"), { resourceGroupName: a.resourceGroupName, location: a.location, tags }, stateful).name;
    const where = { resourceGroupName, location: a.location, tags };
    // One suffix for the globally unique names, kept in state so they never change.
    const suffix = new random.RandomString(childName(name, "suffix"), { length: NAME_SUFFIX_LENGTH, special: false, upper: false }, parent).result;

    const workspace = new operationalinsights.Workspace(
      childName(name, "logs"),
      { ...where, workspaceName: `${name}-logs`, sku: { name: LOG_ANALYTICS_SKU }, retentionInDays: a.logRetentionDays },
      stateful,
    );
    const identity = new managedidentity.UserAssignedIdentity(childName(name, "identity"), { ...where, resourceName: `${name}-identity` }, parent);
    const registry = new containerregistry.Registry(
      childName(name, "registry"),
      { ...where, registryName: suffix.apply((s) => azureName(name, s, AZURE_NAME_RULES.registry)), ...registrySettings(a.registrySku) },
      stateful,
    );
    const vault = new keyvault.Vault(
      childName(name, "vault"),
      {
        ...where,
        vaultName: suffix.apply((s) => azureName(name, s, AZURE_NAME_RULES.keyVault)),
        properties: client.tenantId.apply((tenantId) => vaultProperties(tenantId, a.softDeleteRetentionDays, a.protect)),
      },
      stateful,
    );

    const grant = (role: string, roleId: string, scope: pulumi.Output<string>) =>
      new authorization.RoleAssignment(
        childName(name, role),
        {
          principalId: identity.principalId,
          principalType: MANAGED_IDENTITY_PRINCIPAL,
          roleDefinitionId: client.subscriptionId.apply((subscription) => roleDefinitionId(subscription, roleId)),
          scope,
        },
        parent,
      );
    const acrPull = grant("acr-pull", BUILT_IN_ROLES.acrPull, registry.id);
    const secretsUser = grant("secrets-user", BUILT_IN_ROLES.keyVaultSecretsUser, vault.id);

    this.location = a.location;
    this.resourceGroupName = resourceGroupName;
    this.registryName = registry.name;
    this.registryServer = registry.loginServer;
    // Carries the role assignments as dependencies: a group that pulls with this identity waits for them.
    this.identityResourceId = pulumi.all([identity.id, acrPull.id, secretsUser.id]).apply(([id]) => id);
    this.identityClientId = identity.clientId;
    this.identityPrincipalId = identity.principalId;
    this.keyVaultName = vault.name;
    this.keyVaultUri = vault.properties.apply((p) => p.vaultUri ?? "");
    this.workspaceId = workspace.customerId;
    this.workspaceName = workspace.name;
    this.workspaceResourceId = workspace.id;
    this.capabilities = {
      location: this.location,
      resourceGroupName: this.resourceGroupName,
      registryServer: this.registryServer,
      identityResourceId: this.identityResourceId,
      identityClientId: this.identityClientId,
      identityPrincipalId: this.identityPrincipalId,
      keyVaultName: this.keyVaultName,
      keyVaultUri: this.keyVaultUri,
      workspaceId: this.workspaceId,
      workspaceName: this.workspaceName,
      workspaceResourceId: this.workspaceResourceId,
    };
    this.registerOutputs({ ...this.capabilities, registryName: this.registryName, capabilities: this.capabilities });
  }
}
