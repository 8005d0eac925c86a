export { Postgres } from "./postgres";
export type { PostgresArgs, PostgresDatabase } from "./args";
