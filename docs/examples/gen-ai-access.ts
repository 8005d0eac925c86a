// Workloads on K3s reach an in-cluster Ollama through the GenAI env contract.
import { GenAiAccess } from "forja/genai";

const genai = new GenAiAccess("genai", {
  provider: "ollama",
  modelId: "llama3.2:3b",
  baseUrl: "http://ollama.apps.svc.cluster.local:11434",
});
// Spread into a WebService's env: GENAI_PROVIDER, GENAI_BASE_URL, GENAI_MODEL_ID, ...
export const env = genai.env;
