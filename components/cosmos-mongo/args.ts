/** Public types of CosmosMongo. */
import type * as pulumi from "@pulumi/pulumi";

/** Serverless bills per request (development); provisioned gets database-level autoscale (production). */
export const CosmosCapacityMode = { Serverless: "serverless", Provisioned: "provisioned" } as const;
export type CosmosCapacityMode = (typeof CosmosCapacityMode)[keyof typeof CosmosCapacityMode];

/** Continuous backup restores to any second in its window; periodic keeps two copies taken every 4 hours. */
export const CosmosBackup = { Continuous7Days: "continuous-7-days", Continuous30Days: "continuous-30-days", Periodic: "periodic" } as const;
export type CosmosBackup = (typeof CosmosBackup)[keyof typeof CosmosBackup];

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
  /** Collections created up front: the application role may read and write documents, not create collections. @default [] */
  collections?: string[];
  /** @default "serverless" */
  capacityMode?: CosmosCapacityMode;
  /** Autoscale ceiling of the database in RU/s, provisioned mode only (integer, multiple of 1000). @default 1000 */
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
