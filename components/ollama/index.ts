export { Ollama } from "./ollama";
export type { OllamaArgs } from "./args";
