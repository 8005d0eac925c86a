export { Postgres } from "./postgres";
export type { PostgresArgs, PostgresDatabase, PostgresResources } from "./args";
