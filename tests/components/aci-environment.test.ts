import * as pulumi from "@pulumi/pulumi";
import { AciEnvironment } from "../../components/platform/aci";
import type { AciCapabilities, AciEnvironmentArgs } from "../../components/platform/aci";
import { azureName, AZURE_NAME_RULES } from "../../components/azure/naming";
import { validateAciEnvironment } from "../../components/platform/aci/values";
import { MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID } from "../../components/testing/mocks";
import { record } from "../harness";
import type { Recorded } from "../harness";

const ROLE_DEFINITIONS = `/subscriptions/${MOCK_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions`;

/** Resolves every Output inside plain data, for assertions. */
function resolved<T>(value: T): Promise<unknown> {
  return new Promise((resolve) => (pulumi.output(value) as pulumi.Output<unknown>).apply(resolve));
}

describe("AciEnvironment", () => {
  let recorded: Recorded;
  let capabilities: unknown;

  beforeAll(async () => {
    recorded = await record(async () => {
      const environment = new AciEnvironment("datalk", { location: "eastus", resourceGroupName: "rg-datalk", tags: { owner: "platform" } });
      capabilities = await resolved<AciCapabilities>(environment.capabilities);
    });
  });

  it("creates a resource group, workspace, identity, registry, vault and two role assignments", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:AciEnvironment": 1,
      "azure-native:resources:ResourceGroup": 1,
      "random:index/randomString:RandomString": 1,
      "azure-native:operationalinsights:Workspace": 1,
      "azure-native:managedidentity:UserAssignedIdentity": 1,
      "azure-native:containerregistry:Registry": 1,
      "azure-native:keyvault:Vault": 1,
      "azure-native:authorization:RoleAssignment": 2,
    });
    expect(recorded.one("azure-native:resources:ResourceGroup").inputs).toEqual({ resourceGroupName: "rg-datalk", location: "eastus", tags: { owner: "platform", "forja:component": "aci-environment" } });
  });

  it("disables the registry's admin user and anonymous pulls", () => {
    const registry = recorded.one("azure-native:containerregistry:Registry");
    expect(registry.inputs).toMatchObject({ resourceGroupName: "rg-datalk", sku: { name: "Standard" }, adminUserEnabled: false, anonymousPullEnabled: false });
    expect(registry.inputs.registryName).toMatch(/^datalk[a-z0-9]{6}$/);
  });

  it("grants AcrPull on the registry, and only there, to the user-assigned identity", () => {
    const identity = recorded.one("azure-native:managedidentity:UserAssignedIdentity");
    const registry = recorded.one("azure-native:containerregistry:Registry");
    const pull = recorded.one("azure-native:authorization:RoleAssignment", "datalk-acr-pull");
    expect(pull.inputs).toEqual({
      principalId: identity.outputs.principalId,
      principalType: "ServicePrincipal",
      roleDefinitionId: `${ROLE_DEFINITIONS}/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
      scope: registry.outputs.id,
    });
  });

  it("keeps the vault in RBAC mode with soft delete and purge protection, and lets the identity read its secrets", () => {
    const vault = recorded.one("azure-native:keyvault:Vault");
    expect(vault.inputs.properties).toEqual({
      tenantId: MOCK_TENANT_ID,
      sku: { family: "A", name: "standard" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enablePurgeProtection: true,
      publicNetworkAccess: "Enabled",
      // The SDK's own defaults: no VM, disk-encryption or template access to secrets.
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
    });
    const reader = recorded.one("azure-native:authorization:RoleAssignment", "datalk-secrets-user");
    expect(reader.inputs).toMatchObject({ roleDefinitionId: `${ROLE_DEFINITIONS}/4633458b-17de-408a-b874-0445c86b69e6`, scope: vault.outputs.id });
  });

  it("protects what holds data by default", () => {
    for (const type of ["azure-native:resources:ResourceGroup", "azure-native:containerregistry:Registry", "azure-native:keyvault:Vault", "azure-native:operationalinsights:Workspace"]) {
      expect([type, recorded.one(type).protect, recorded.one(type).retainOnDelete]).toEqual([type, true, true]);
    }
    expect(recorded.one("azure-native:operationalinsights:Workspace").inputs).toMatchObject({ sku: { name: "PerGB2018" }, retentionInDays: 30 });
  });

  it("exposes plain-data capabilities for container groups", () => {
    const identity = recorded.one("azure-native:managedidentity:UserAssignedIdentity");
    const vaultName = String(recorded.one("azure-native:keyvault:Vault").inputs.vaultName);
    const workspace = recorded.one("azure-native:operationalinsights:Workspace");
    expect(capabilities).toEqual({
      location: "eastus",
      resourceGroupName: "rg-datalk",
      registryServer: `${String(recorded.one("azure-native:containerregistry:Registry").inputs.registryName)}.azurecr.io`,
      identityResourceId: identity.outputs.id,
      identityClientId: identity.outputs.clientId,
      identityPrincipalId: identity.outputs.principalId,
      keyVaultName: vaultName,
      keyVaultUri: `https://${vaultName}.vault.azure.net/`,
      workspaceId: workspace.outputs.customerId,
      workspaceName: "datalk-logs",
      workspaceResourceId: workspace.outputs.id,
    });
  });
});

describe("AciEnvironment options", () => {
  it("uses an existing resource group without owning it, and leaves purge protection off when unprotected", async () => {
    const recorded = await record(() => new AciEnvironment("lab", { location: "westeurope", resourceGroupName: "shared-rg", useExistingResourceGroup: true, protect: false, registrySku: "Premium" }));
    expect(recorded.ofType("azure-native:resources:ResourceGroup")).toEqual([]);
    expect(recorded.one("azure-native:keyvault:Vault").inputs).toMatchObject({ resourceGroupName: "shared-rg", location: "westeurope" });
    expect((recorded.one("azure-native:keyvault:Vault").inputs.properties as Record<string, unknown>).enablePurgeProtection).toBeUndefined();
    expect(recorded.one("azure-native:containerregistry:Registry").protect).toBe(false);
    expect(recorded.one("azure-native:containerregistry:Registry").inputs.sku).toEqual({ name: "Premium" });
  });

  it.each<[string, string, Partial<AciEnvironmentArgs> | undefined, RegExp]>([
    ["no args at all", "env", undefined, /AciEnvironment: argument "location" was missing; expected an Azure region name/],
    ["a region with spaces", "env", { location: "East US" }, /"location" was "East US"/],
    ["an existing group without its name", "env", { location: "eastus", useExistingResourceGroup: true }, /"resourceGroupName" was missing; expected the name of the existing group/],
    ["a retention out of range", "env", { location: "eastus", logRetentionDays: 7 }, /"logRetentionDays" was 7; expected an integer from 30 to 730/],
    ["a soft-delete retention that is not an integer", "env", { location: "eastus", softDeleteRetentionDays: 10.5 }, /"softDeleteRetentionDays" was 10.5/],
    ["an unknown registry tier", "env", { location: "eastus", registrySku: "Gold" as never }, /"registrySku" was "Gold"; expected one of Basic, Standard, Premium/],
    ["a name Azure names cannot start with", "1env", { location: "eastus" }, /"name" was "1env"/],
  ])("refuses %s before registering anything", async (_label, name, args, expected) => {
    expect(() => validateAciEnvironment(name, args as AciEnvironmentArgs)).toThrow(expected);
    const recorded = await record(() => {
      expect(() => new AciEnvironment(name, args as AciEnvironmentArgs)).toThrow(expected);
    });
    expect(recorded.counts()).toEqual({});
  });
});

describe("azureName", () => {
  it.each([
    ["forja-prod", "a1b2c3", AZURE_NAME_RULES.registry, "forjaproda1b2c3"],
    ["forja-production-environment", "a1b2c3", AZURE_NAME_RULES.keyVault, "forja-production-a1b2c3"],
    ["Forja_Prod", "a1b2c3", AZURE_NAME_RULES.storageAccount, "forjaproda1b2c3"],
    ["9lives", "a1b2c3", AZURE_NAME_RULES.cosmosAccount, "lives-a1b2c3"],
  ])("fits %s into the service's alphabet and length", (base, suffix, rule, expected) => {
    const name = azureName(base, suffix, rule);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(rule.maxLength);
  });
});
