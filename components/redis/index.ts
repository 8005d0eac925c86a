export { Redis } from "./redis";
export type { RedisArgs, RedisResources } from "./args";
