/**
 * A refused program, then an accepted one, in one process, as a consumer's
 * test file runs them: the refusal rejects recordStack once, and nothing
 * resurfaces later as an unhandled rejection (which would end the process).
 */
import { recordStack } from "forja/testing";
import { k3sStack } from "./k3s";

async function main(): Promise<void> {
  const refused = await recordStack(() => k3sStack(70000), { project: "consumer" }).then(
    () => "accepted",
    (error: Error) => error.message,
  );
  const after = await recordStack(() => k3sStack(), { project: "consumer" });
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.stdout.write(JSON.stringify({ refused, counts: after.counts() }));
}

void main();
