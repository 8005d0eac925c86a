export { LlmGateway } from "./llm-gateway";
export { GatewayBackend } from "./args";
export type { LlmGatewayArgs, GatewayModelArgs, GatewayMetricsArgs, GatewayRedisArgs, KeyLimitsArgs, VirtualKeyArgs } from "./args";
