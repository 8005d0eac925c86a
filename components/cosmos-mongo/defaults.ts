export const COSMOS_MONGO_DEFAULTS = {
  userName: "app",
  capacityMode: "serverless",
  maxThroughput: 1000,
  backup: "continuous-7-days",
  allowPublicNetworkAccess: false,
  protect: true,
} as const;

/** MongoDB wire-protocol version of the account, pinned: upgrades are a deliberate change. */
export const MONGO_SERVER_VERSION = "7.0";

/** Account capabilities: the Mongo API and its native users and roles. */
export const MONGO_CAPABILITIES = ["EnableMongo", "EnableMongoRoleBasedAccessControl"] as const;
export const SERVERLESS_CAPABILITY = "EnableServerless";
export const MINIMAL_TLS_VERSION = "Tls12";

/** The only actions the application role gets, on its one database. */
export const APPLICATION_ACTIONS = ["find", "insert", "update", "remove"] as const;

/** Mongo endpoint of RU accounts (server version 3.6 and later) in the public cloud. */
export const MONGO_HOST_SUFFIX = "mongo.cosmos.azure.com";
export const MONGO_PORT = 10255;

/** Periodic mode: Azure's default cadence, kept in the region's paired geography. */
export const PERIODIC_BACKUP = { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: "Geo" } as const;
export const PASSWORD_LENGTH = 40;
