export { N8n } from "./n8n";
export type { N8nArgs, N8nDatabase } from "./args";
