export { LlmGateway } from "./llm-gateway";
export { GatewayBackend } from "./args";
export type { LlmGatewayArgs, GatewayModelArgs, KeyLimitsArgs } from "./args";
