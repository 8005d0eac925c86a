/**
 * `npm run smoke -- --env-file genai.env` (or flags): one prompt through the
 * GenAI client; exit 0 when the model answered, 1 when the endpoint failed,
 * 2 when the invocation or configuration is wrong.
 */
import { runSmoke } from "./smoke";

runSmoke(process.argv.slice(2)).then(
  (result) => {
    (result.exitCode === 0 ? console.log : console.error)(result.message);
    process.exitCode = result.exitCode;
  },
  (error: unknown) => {
    console.error(`smoke: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    process.exitCode = 1;
  },
);
