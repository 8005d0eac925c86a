export { Flowise } from "./flowise";
export type { FlowiseArgs } from "./args";
