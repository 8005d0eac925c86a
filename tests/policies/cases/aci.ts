import type { RuleCase } from "../fixtures";

const COSMOS = "azure-native:cosmosdb:DatabaseAccount";
const GROUP = "azure-native:containerinstance:ContainerGroup";
const mongoRbac = { kind: "MongoDB", capabilities: [{ name: "EnableMongo" }, { name: "EnableMongoRoleBasedAccessControl" }], disableLocalAuth: false, disableKeyBasedMetadataWriteAccess: true };

export const aciCases: RuleCase[] = [
  { rule: "cosmos-local-auth", title: "a NoSQL account that keeps its keys", type: COSMOS, props: { kind: "GlobalDocumentDB" }, expect: ["disableLocalAuth must be true"] },
  { rule: "cosmos-local-auth", title: "a MongoDB account without Mongo RBAC", type: COSMOS, props: { ...mongoRbac, capabilities: [{ name: "EnableMongo" }] }, expect: ["EnableMongoRoleBasedAccessControl"] },
  { rule: "cosmos-local-auth", title: "a Mongo RBAC account whose keys may still create collections", type: COSMOS, props: { ...mongoRbac, disableKeyBasedMetadataWriteAccess: false }, expect: ["disableKeyBasedMetadataWriteAccess"] },
  { rule: "cosmos-local-auth", title: "an account without key authentication", type: COSMOS, props: { kind: "GlobalDocumentDB", disableLocalAuth: true }, expect: [] },
  { rule: "cosmos-local-auth", title: "a Mongo RBAC account (CosmosMongo)", type: COSMOS, props: mongoRbac, expect: [] },
  {
    rule: "container-group-registry-identity",
    title: "seed 001's pull with the registry's admin password",
    type: GROUP,
    props: { imageRegistryCredentials: [{ server: "acrminilab367.azurecr.io", username: "acrminilab367", password: "x" }] },
    expect: ["acrminilab367.azurecr.io must be pulled with a managed identity"],
  },
  { rule: "container-group-registry-identity", title: "a pull by managed identity", type: GROUP, props: { imageRegistryCredentials: [{ server: "forja.azurecr.io", identity: "/subscriptions/s/id" }] }, expect: [] },
];
