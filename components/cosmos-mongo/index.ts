export { CosmosMongo } from "./cosmos-mongo";
export type { CosmosMongoArgs, KeyVaultReference } from "./args";
export { CosmosBackup, CosmosCapacityMode } from "./args";
