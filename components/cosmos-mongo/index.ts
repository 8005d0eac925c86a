export { CosmosMongo } from "./cosmos-mongo";
export type { CosmosMongoArgs, KeyVaultReference, MongoCollection, MongoIndex } from "./args";
export { CosmosBackup, CosmosCapacityMode } from "./args";
