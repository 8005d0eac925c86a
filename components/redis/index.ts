export { Redis } from "./redis";
export type { RedisArgs } from "./args";
