/** Runs a stack under `forja/testing` and prints what it registered, as JSON, for the test that compiled it. */
import { recordStack } from "forja/testing";

export async function report(program: () => unknown): Promise<void> {
  const stack = await recordStack(program, { project: "consumer", mocks: { awsRegion: "eu-west-1" } });
  process.stdout.write(JSON.stringify({ counts: stack.counts(), outputs: stack.outputs }));
}
