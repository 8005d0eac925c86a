/** Public types of CosmosMongo. */
import type * as pulumi from "@pulumi/pulumi";

/** Serverless bills per request (development); provisioned gets database-level autoscale (production). */
export const CosmosCapacityMode = { Serverless: "serverless", Provisioned: "provisioned" } as const;
export type CosmosCapacityMode = (typeof CosmosCapacityMode)[keyof typeof CosmosCapacityMode];

/** Continuous backup restores to any second in its window; periodic keeps two copies taken every 4 hours. */
export const CosmosBackup = { Continuous7Days: "continuous-7-days", Continuous30Days: "continuous-30-days", Periodic: "periodic" } as const;
export type CosmosBackup = (typeof CosmosBackup)[keyof typeof CosmosBackup];

/** An index of a collection, kept by ARM (the application role cannot create indexes). */
export interface MongoIndex {
  /** Fields, in order: one for a single-field index, several for a compound one, e.g. `["tenantId", "createdAt"]`. */
  keys: string[];
  /**
   * Unique. Azure creates a unique index only together with its collection
   * (always with continuous backup): declare it when the collection is first
   * created; adding one later means a new collection and a copy of the data.
   * @default false
   */
  unique?: boolean;
}

/** A collection created through ARM (`pulumi up`), with its indexes: the application role reads and writes documents, never shapes collections. */
export interface MongoCollection {
  /** Collection name. */
  name: string;
  /** Indexes besides `_id`, which every collection gets. @default [] */
  indexes?: MongoIndex[];
}

/** The Key Vault the application user's connection string is written to. */
export interface KeyVaultReference {
  /** Vault name. */
  name: pulumi.Input<string>;
  /** Resource group of the vault. */
  resourceGroupName: pulumi.Input<string>;
}

export interface CosmosMongoArgs {
  /** Resource group of the account. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure region, e.g. `eastus`. */
  location: string;
  /** The one database the application uses (its user can reach nothing else). */
  databaseName: string;
  /** Where the application user's connection string is stored. */
  keyVault: KeyVaultReference;
  /** Key Vault secret name for the connection string. @default "<name>-connection-string" */
  secretName?: string;
  /** The application's database user. @default "app" */
  userName?: string;
  /**
   * Collections created up front, with their indexes. The account refuses
   * metadata writes over the Mongo protocol (disableKeyBasedMetadataWriteAccess)
   * and the application role may only read and write documents: a collection
   * or index the application needs must be listed here, and a new one is
   * added by listing it and running `pulumi up`.
   * @default []
   */
  collections?: MongoCollection[];
  /** Fixed when the account is created: Azure switches neither way in place. @default "serverless" */
  capacityMode?: CosmosCapacityMode;
  /** Autoscale ceiling of the database in RU/s, provisioned mode only (integer, multiple of 1000). @integer @default 1000 */
  maxThroughput?: number;
  /** @default "continuous-7-days" */
  backup?: CosmosBackup;
  /** Subnets (with the Microsoft.AzureCosmosDB service endpoint) allowed to connect; every other network is refused. @default [] */
  subnetIds?: pulumi.Input<string>[];
  /** IPv4 addresses or CIDRs allowed to connect. @default [] */
  allowedIpRanges?: string[];
  /**
   * Accept connections from any network, guarded by credentials and TLS alone.
   * Needed when clients have no fixed address or subnet (ACI with a public IP).
   * @default false
   */
  allowPublicNetworkAccess?: boolean;
  /** Production: protects the account, database and collections against deletion. @default true */
  protect?: boolean;
  /** @default {} */
  tags?: Record<string, string>;
}
