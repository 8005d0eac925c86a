import { genai } from "./program.js";

export const { url, gatewayUrl, models } = genai();
