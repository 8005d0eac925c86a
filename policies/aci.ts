/**
 * ACI target (seed 001) rules the Azure ones leave open: who may
 * authenticate to Cosmos DB, and how container groups pull their images.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { list, obj, rule } from "./util";

const cosmosLocalAuth = rule(
  "cosmos-local-auth",
  "Cosmos DB accounts disable key (local) authentication; a Cosmos DB for MongoDB account, which cannot while Mongo RBAC is on, enables Mongo RBAC and refuses metadata writes with keys.",
  (args, report) => {
    if (args.type !== "azure-native:cosmosdb:DatabaseAccount" || args.props.disableLocalAuth === true) return;
    if (args.props.kind !== "MongoDB") {
      report("disableLocalAuth must be true: account keys grant every permission on every database");
      return;
    }
    const capabilities = list(args.props.capabilities).map((capability) => obj(capability).name);
    if (!capabilities.includes("EnableMongoRoleBasedAccessControl")) {
      report("a MongoDB account that keeps key authentication needs the EnableMongoRoleBasedAccessControl capability, so applications get least-privileged users instead of the keys");
    }
    if (args.props.disableKeyBasedMetadataWriteAccess !== true) {
      report("disableKeyBasedMetadataWriteAccess must be true: with the keys still valid, databases and collections change only through Azure Resource Manager");
    }
  },
);

const containerGroupRegistryIdentity = rule(
  "container-group-registry-identity",
  "ACI container groups pull from private registries with a managed identity, never a username and password (the registry's admin user).",
  (args, report) => {
    if (args.type !== "azure-native:containerinstance:ContainerGroup") return;
    for (const credential of list(args.props.imageRegistryCredentials).map(obj)) {
      if (credential.password !== undefined || credential.username !== undefined || credential.identity === undefined) {
        report(`registry ${String(credential.server)} must be pulled with a managed identity holding AcrPull, not a username and password`);
      }
    }
  },
);

export const aciPolicies: ResourceValidationPolicy[] = [cosmosLocalAuth, containerGroupRegistryIdentity];
