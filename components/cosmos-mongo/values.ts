/** Pure logic of CosmosMongo: validation, account settings, the application role and its connection string. */
import { withDefaults } from "../core/defaults";
import { ForjaArgumentError } from "../core/errors";
import type { CosmosMongoArgs, MongoCollection } from "./args";
import { CosmosBackup, CosmosCapacityMode } from "./args";
import {
  APPLICATION_ACTIONS,
  COSMOS_MONGO_DEFAULTS,
  MINIMAL_TLS_VERSION,
  MONGO_CAPABILITIES,
  MONGO_HOST_SUFFIX,
  MONGO_PORT,
  MONGO_SERVER_VERSION,
  PERIODIC_BACKUP,
  SERVERLESS_CAPABILITY,
} from "./defaults";

const COMPONENT = "CosmosMongo";
const IDENTIFIER = /^[A-Za-z0-9_-]{1,63}$/;
const COLLECTION = /^(?!system\.)[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
/** A document field path: no `$` prefix, no empty segment. */
const FIELD = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;
const IPV4_OR_CIDR = /^(\d{1,3}\.){3}\d{1,3}(\/(\d|[12]\d|3[0-2]))?$/;

function fail(argument: string, value: unknown, expected: string): never {
  throw new ForjaArgumentError(COMPONENT, argument, value, expected);
}

function oneOf(argument: string, value: string | undefined, allowed: Record<string, string>): void {
  if (value !== undefined && !Object.values(allowed).includes(value)) fail(argument, value, `one of ${Object.values(allowed).join(", ")}`);
}

export function cosmosMongoSettings(name: string, args: CosmosMongoArgs) {
  return { ...withDefaults(COSMOS_MONGO_DEFAULTS, args), secretName: args.secretName ?? `${name}-connection-string` };
}

/** Every rule a CosmosMongo must satisfy before anything is registered. */
export function validateCosmosMongo(name: string, args: CosmosMongoArgs | undefined): void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) fail("name", name, "a lower-case name of at most 40 letters, digits and '-', starting with a letter (it seeds the account name)");
  if (args?.resourceGroupName === undefined) fail("resourceGroupName", undefined, "the resource group of the account");
  if (typeof args.location !== "string" || !/^[a-z][a-z0-9]{2,39}$/.test(args.location)) fail("location", args.location, "an Azure region name such as eastus");
  if (typeof args.databaseName !== "string" || !IDENTIFIER.test(args.databaseName)) fail("databaseName", args.databaseName, "1-63 letters, digits, '_' or '-'");
  if (args.keyVault?.name === undefined || args.keyVault.resourceGroupName === undefined) {
    fail("keyVault", args.keyVault, "the vault (name and resourceGroupName) that receives the application's connection string");
  }
  const a = cosmosMongoSettings(name, args);
  if (!IDENTIFIER.test(a.userName)) fail("userName", a.userName, "1-63 letters, digits, '_' or '-'");
  if (!SECRET_NAME.test(a.secretName)) fail("secretName", a.secretName, "a Key Vault secret name: 1-127 letters, digits and '-'");
  validateCollections(args.collections);
  oneOf("capacityMode", args.capacityMode, CosmosCapacityMode);
  oneOf("backup", args.backup, CosmosBackup);
  if (args.maxThroughput !== undefined) {
    if (a.capacityMode !== CosmosCapacityMode.Provisioned) fail("maxThroughput", args.maxThroughput, 'no throughput in serverless mode (set capacityMode: "provisioned")');
    if (!Number.isInteger(args.maxThroughput) || args.maxThroughput < 1000 || args.maxThroughput % 1000 !== 0) fail("maxThroughput", args.maxThroughput, "an integer multiple of 1000 RU/s, at least 1000");
  }
  const badRange = (args.allowedIpRanges ?? []).find((range) => !IPV4_OR_CIDR.test(range) || range === "0.0.0.0/0");
  if (badRange !== undefined) fail("allowedIpRanges", badRange, "IPv4 addresses or CIDRs other than 0.0.0.0/0 (use allowPublicNetworkAccess for that)");
  const restricted = (args.subnetIds ?? []).length > 0 || (args.allowedIpRanges ?? []).length > 0;
  if (restricted && a.allowPublicNetworkAccess) fail("allowPublicNetworkAccess", true, "false when subnetIds or allowedIpRanges restrict access: choose one");
  if (!restricted && !a.allowPublicNetworkAccess) {
    fail("subnetIds", undefined, "subnets or allowedIpRanges that may connect, or allowPublicNetworkAccess: true to accept any network (credentials and TLS only)");
  }
}

function validateCollections(collections: CosmosMongoArgs["collections"]): void {
  if (collections !== undefined && !Array.isArray(collections)) fail("collections", collections, "a list of { name, indexes }");
  const names = (collections ?? []).map((c) => c?.name);
  (collections ?? []).forEach((collection, i) => {
    const name = collection?.name;
    if (typeof name !== "string" || !COLLECTION.test(name) || names.indexOf(name) !== i) {
      fail(`collections[${i}].name`, name, "a unique collection name of letters, digits, '_', '.' and '-', not starting with system.");
    }
    const seen = new Set<string>();
    (collection.indexes ?? []).forEach((index, j) => {
      const at = `collections[${i}].indexes[${j}]`;
      const keys = index?.keys;
      if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== "string" || !FIELD.test(key)) || new Set(keys).size !== keys.length) {
        fail(`${at}.keys`, keys, "one or more distinct field names (letters, digits, '_', '.', not starting with $)");
      }
      if (keys.length === 1 && keys[0] === "_id") fail(`${at}.keys`, keys, "fields other than _id alone: every collection has its _id index");
      if (index.unique !== undefined && typeof index.unique !== "boolean") fail(`${at}.unique`, index.unique, "true or false");
      const signature = keys.join(",");
      if (seen.has(signature)) fail(`${at}.keys`, keys, "keys no other index of this collection has");
      seen.add(signature);
    });
  });
}

/**
 * A collection as ARM takes it: the `_id` index every collection needs, then
 * its own indexes, unique ones marked as such. The indexes are part of the
 * collection resource, so a unique index is created with its collection.
 */
export function collectionResource(collection: MongoCollection) {
  const indexes = (collection.indexes ?? []).map((index) => ({ key: { keys: [...index.keys] }, ...(index.unique ? { options: { unique: true } } : {}) }));
  return { id: collection.name, indexes: [{ key: { keys: ["_id"] } }, ...indexes] };
}

/** Backup policy in the shape the account takes. */
export function backupPolicy(backup: CosmosBackup) {
  if (backup === CosmosBackup.Periodic) return { type: "Periodic" as const, periodicModeProperties: { ...PERIODIC_BACKUP } };
  return { type: "Continuous" as const, continuousModeProperties: { tier: backup === CosmosBackup.Continuous30Days ? "Continuous30Days" : "Continuous7Days" } };
}

/** Who may connect: listed subnets and addresses only, unless any network is explicitly allowed. */
export function networkSettings(subnetIds: CosmosMongoArgs["subnetIds"], allowedIpRanges: string[]) {
  const subnets = subnetIds ?? [];
  return {
    publicNetworkAccess: "Enabled",
    isVirtualNetworkFilterEnabled: subnets.length > 0,
    virtualNetworkRules: subnets.map((id) => ({ id })),
    ipRules: allowedIpRanges.map((ipAddressOrRange) => ({ ipAddressOrRange })),
  };
}

/**
 * Account settings. Local (key) authentication stays on: Cosmos DB for
 * MongoDB (RU) does not support disabling it together with Mongo RBAC, and
 * Mongo RBAC users (username and password over SCRAM) are how the
 * application gets less than the account key. Forja never reads the keys;
 * metadata writes with them are refused, so only ARM (this program) shapes
 * databases and collections.
 */
export function accountSettings(args: CosmosMongoArgs, capacityMode: CosmosCapacityMode, backup: CosmosBackup) {
  const capabilities = [...MONGO_CAPABILITIES, ...(capacityMode === CosmosCapacityMode.Serverless ? [SERVERLESS_CAPABILITY] : [])].map((name) => ({ name }));
  return {
    kind: "MongoDB",
    databaseAccountOfferType: "Standard" as const,
    locations: [{ locationName: args.location, failoverPriority: 0 }],
    apiProperties: { serverVersion: MONGO_SERVER_VERSION },
    capabilities,
    minimalTlsVersion: MINIMAL_TLS_VERSION,
    disableLocalAuth: false,
    disableKeyBasedMetadataWriteAccess: true,
    backupPolicy: backupPolicy(backup),
    ...networkSettings(args.subnetIds, args.allowedIpRanges ?? []),
  };
}

/** Name of the application role in its database. */
export function applicationRoleName(userName: string): string {
  return `${userName}-readwrite`;
}

/**
 * The application role: find, insert, update and remove on every collection
 * of one database and nothing else: no index, collection or database
 * administration, no other database. A database-wide privilege names the
 * database only; a `collection` key (even empty) is a different scope, as
 * Terraform's azurerm and Azure Service Operator write it.
 */
export function applicationRole(databaseName: string, userName: string) {
  const roleName = applicationRoleName(userName);
  return {
    mongoRoleDefinitionId: `${databaseName}.${roleName}`,
    roleName,
    type: "CustomRole" as const,
    databaseName,
    privileges: [{ resource: { db: databaseName }, actions: [...APPLICATION_ACTIONS] }],
    roles: [],
  };
}

/** Connection string of the application user: its own credentials, its own database, TLS. */
export function connectionString(accountName: string, databaseName: string, userName: string, password: string): string {
  const query = [
    "ssl=true",
    "replicaSet=globaldb",
    "retrywrites=false",
    "maxIdleTimeMS=120000",
    "authMechanism=SCRAM-SHA-256",
    `authSource=${databaseName}`,
    `appName=@${accountName}@`,
  ].join("&");
  const credentials = `${encodeURIComponent(userName)}:${encodeURIComponent(password)}`;
  return `mongodb://${credentials}@${accountName}.${MONGO_HOST_SUFFIX}:${MONGO_PORT}/${databaseName}?${query}`;
}
