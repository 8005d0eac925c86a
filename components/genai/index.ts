export { GenAiAccess } from "./genai-access";
export { GenAiProvider, CostGuardKind, GuardrailStrength } from "./args";
export type { GenAiAccessArgs, GuardrailArgs, GuardrailTopicArgs, CostGuardArgs, InvocationLoggingArgs } from "./args";
