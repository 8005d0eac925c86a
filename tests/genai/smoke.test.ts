import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSmoke, smokeEnvironment } from "../../src/smoke/smoke";
import { REPO_ROOT } from "../harness";
import { deadPort, fakeServer } from "./fakes";
import type { FakeServer } from "./fakes";

const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const PONG = { status: 200, json: { choices: [{ message: { role: "assistant", content: "pong" }, finish_reason: "stop" }], usage: { prompt_tokens: 12, completion_tokens: 1, total_tokens: 13 } } };

function envFile(lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "forja-smoke-")), "genai.env");
  writeFileSync(file, lines);
  return file;
}

/** `npm run smoke` as an operator runs it; async, so this process's fake server can answer. */
function npmSmoke(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npm", ["run", "--silent", "smoke", "--", ...args], { cwd: REPO_ROOT, env: { ...process.env, GENAI_PROVIDER: "", GENAI_MODEL_ID: "", GENAI_BASE_URL: "" } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("smoke check", () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("passes against a live endpoint configured by an env file, with the key kept out of flags", async () => {
    server = await fakeServer([PONG]);
    const file = envFile(`# written by pulumi stack output\nGENAI_PROVIDER=openai\nGENAI_BASE_URL=${server.url}\nGENAI_MODEL_ID=claude-sonnet\nGENAI_API_KEY="sk-smoke"\n`);
    const result = await runSmoke(["--env-file", file], {}, FAST);
    expect(result.exitCode).toBe(0);
    expect(result.message).toMatch(new RegExp(`^smoke ok: openai model "claude-sonnet" at ${server.url} answered in \\d+ ms, 1 attempt\\(s\\), tokens 12 in / 1 out: "pong"$`));
    expect(server.requests[0].headers.authorization).toBe("Bearer sk-smoke");
    expect(JSON.parse(server.requests[0].body)).toMatchObject({ max_tokens: 16, temperature: 0, messages: [{ role: "user", content: "Reply with the single word: pong" }] });
  });

  it("lets flags override the env file and the environment", () => {
    const file = envFile("GENAI_PROVIDER=ollama\nGENAI_MODEL_ID=from-file\nGENAI_BASE_URL=http://file:11434\n");
    const { env, stream, prompt } = smokeEnvironment(["--env-file", file, "--model", "from-flag", "--stream", "--prompt", "hi"], { GENAI_MODEL_ID: "from-env", AWS_REGION: "eu-west-1" });
    expect(env).toMatchObject({ GENAI_PROVIDER: "ollama", GENAI_MODEL_ID: "from-flag", GENAI_BASE_URL: "http://file:11434", AWS_REGION: "eu-west-1" });
    expect([stream, prompt]).toEqual([true, "hi"]);
  });

  it("fails clearly against a dead port, after retrying, with a hint", async () => {
    const url = await deadPort();
    const result = await runSmoke(["--provider", "ollama", "--base-url", url, "--model", "llama3.2:3b", "--max-retries", "1"], {}, FAST);
    expect(result.exitCode).toBe(1);
    expect(result.message).toContain(`smoke FAILED after 2 attempt(s) against ${url}: ollama model "llama3.2:3b": connection: cannot reach the server (ECONNREFUSED`);
    expect(result.message).toContain("hint: nothing answered: is the URL right and reachable from here");
  });

  it("exits 2 on a wrong invocation or an incomplete configuration", async () => {
    expect(await runSmoke(["--modle", "x"], {})).toEqual({ exitCode: 2, message: expect.stringMatching(/^smoke: unknown argument "--modle"\nusage: npm run smoke/) });
    expect(await runSmoke(["--api-key", "sk-1"], {})).toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown argument "--api-key"') });
    expect(await runSmoke(["--provider", "bedrock", "--model", "anthropic.claude-3-5-sonnet-20241022-v2:0"], {})).toEqual({
      exitCode: 2,
      message: 'smoke: genai model "(unset)": config: AWS_REGION (or AWS_DEFAULT_REGION) is not set: Bedrock needs the region to call',
    });
    expect(await runSmoke(["--env-file", "/nonexistent/genai.env"], {})).toMatchObject({ exitCode: 2, message: expect.stringContaining("cannot read --env-file /nonexistent/genai.env") });
  });

  it("runs as `npm run smoke`: exit 0 against a fake server and for --help (usage on stdout), non-zero with the reason against a dead port", async () => {
    const sse = (chunk: unknown): string => `data: ${JSON.stringify(chunk)}\n\n`;
    server = await fakeServer([{ status: 200, headers: { "content-type": "text/event-stream" }, chunks: [sse({ choices: [{ delta: { content: "pong" }, finish_reason: "stop" }] }), "data: [DONE]\n\n"] }]);
    const passed = await npmSmoke(["--provider", "openai", "--base-url", server.url, "--model", "claude-sonnet", "--stream"]);
    expect(passed).toMatchObject({ code: 0, stderr: "" });
    expect(passed.stdout).toMatch(/^smoke ok: openai model "claude-sonnet" .* \(streamed\)/);
    const help = await npmSmoke(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: npm run smoke -- \[--env-file FILE\]/);
    const dead = await deadPort();
    const failed = await npmSmoke(["--provider", "ollama", "--base-url", dead, "--model", "llama3.2:3b", "--max-retries", "0"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`smoke FAILED after 1 attempt(s) against ${dead}: ollama model "llama3.2:3b": connection: cannot reach the server (ECONNREFUSED`);
  });
});
