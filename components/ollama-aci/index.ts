export { OllamaContainerGroup } from "./ollama-container-group";
export type { OllamaContainerGroupArgs, AciAppContainer, AciOllamaArgs } from "./args";
export { ModelStorage, DnsNameReusePolicy } from "./args";
