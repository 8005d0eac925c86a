import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GenAiClient, GenAiError, clientFromEnv, configFromEnv } from "../../components/genai-client";
import type { ChatRequest, GenAiClientConfig, GenAiProvider } from "../../components/genai-client";
import { backoffDelay } from "../../components/genai-client/retry";
import { chatCompletionsUrl } from "../../components/genai-client/openai";
import { EVENT_STREAM, bedrockError, bedrockEvent, deadPort, fakeServer } from "./fakes";
import type { FakeServer, Step } from "./fakes";

/** Tiny backoff: tests never wait on real time. */
const FAST = { retry: { baseDelayMs: 1, maxDelayMs: 2 }, bedrockCredentials: { accessKeyId: "AKIDFAKE", secretAccessKey: "fake-secret" } };
const PROMPT: ChatRequest = { system: "Answer in one word.", messages: [{ role: "user", content: "Capital of Brazil?" }], maxTokens: 16, temperature: 0 };

interface Fixture {
  provider: GenAiProvider;
  model: string;
  /** The path the request must hit. */
  path: string;
  ok: Step;
  throttled: Step;
  rejected: Step;
  rejectedStatus: number;
  rejectedMessage: RegExp;
  malformed: Step;
  malformedMessage: RegExp;
  /** What the Authorization header must be: the API key, a SigV4 signature, or nothing. */
  authorization: RegExp;
  /** The request body as the provider's protocol wants it. */
  expectBody(body: unknown): void;
}

const fixtures: Fixture[] = [
  {
    provider: "ollama",
    model: "llama3.2:3b",
    path: "/api/chat",
    authorization: /^$/,
    ok: { status: 200, json: { model: "llama3.2:3b", message: { role: "assistant", content: "Brasília" }, done: true, done_reason: "stop", prompt_eval_count: 21, eval_count: 4 } },
    throttled: { status: 429, json: { error: "too many requests" } },
    rejected: { status: 404, json: { error: 'model "llama3.2:3b" not found, try pulling it first' } },
    rejectedStatus: 404,
    rejectedMessage: /ollama model "llama3.2:3b": client \(HTTP 404\): .* model "llama3.2:3b" not found, try pulling it first/,
    malformed: { status: 200, body: "<html>proxy error</html>" },
    malformedMessage: /ollama model "llama3.2:3b": malformed \(HTTP 200\): malformed response: body is not JSON: "<html>proxy error<\/html>"/,
    expectBody: (body) =>
      expect(body).toEqual({
        model: "llama3.2:3b",
        stream: false,
        messages: [{ role: "system", content: "Answer in one word." }, { role: "user", content: "Capital of Brazil?" }],
        options: { num_predict: 16, temperature: 0 },
      }),
  },
  {
    provider: "openai",
    model: "claude-sonnet",
    path: "/v1/chat/completions",
    authorization: /^Bearer sk-test$/,
    ok: { status: 200, json: { id: "x", choices: [{ index: 0, message: { role: "assistant", content: "Brasília" }, finish_reason: "stop" }], usage: { prompt_tokens: 21, completion_tokens: 4, total_tokens: 25 } } },
    throttled: { status: 429, headers: { "retry-after": "0" }, json: { error: { message: "Rate limit reached for key", type: "rate_limit", code: "429" } } },
    rejected: { status: 401, json: { error: { message: "Authentication Error, Invalid proxy server token passed", type: "auth_error", code: "401" } } },
    rejectedStatus: 401,
    rejectedMessage: /openai model "claude-sonnet": client \(HTTP 401 401\): .*Invalid proxy server token passed/,
    malformed: { status: 200, json: { choices: [] } },
    malformedMessage: /openai model "claude-sonnet": malformed \(HTTP 200\): malformed response: no choices\[0\]\.message\.content/,
    expectBody: (body) =>
      expect(body).toEqual({
        model: "claude-sonnet",
        stream: false,
        max_tokens: 16,
        temperature: 0,
        messages: [{ role: "system", content: "Answer in one word." }, { role: "user", content: "Capital of Brazil?" }],
      }),
  },
  {
    provider: "bedrock",
    model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    path: "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse",
    authorization: /^AWS4-HMAC-SHA256 Credential=AKIDFAKE\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
    ok: { status: 200, json: { output: { message: { role: "assistant", content: [{ text: "Brasília" }] } }, stopReason: "end_turn", usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 }, metrics: { latencyMs: 10 } } },
    throttled: bedrockError(429, "ThrottlingException", "Too many requests, please wait before trying again."),
    rejected: bedrockError(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
    rejectedStatus: 403,
    rejectedMessage: /bedrock model "us.anthropic.claude-sonnet-4-5-20250929-v1:0": client \(HTTP 403 AccessDeniedException\): You don't have access to the model/,
    malformed: { status: 200, headers: { "content-type": "application/json" }, body: "{not json" },
    malformedMessage: /bedrock model "us.anthropic.claude-sonnet-4-5-20250929-v1:0": malformed \(HTTP 200\): malformed response: /,
    expectBody: (body) =>
      expect(body).toEqual({
        system: [{ text: "Answer in one word." }],
        messages: [{ role: "user", content: [{ text: "Capital of Brazil?" }] }],
        inferenceConfig: { maxTokens: 16, temperature: 0 },
      }),
  },
];

function client(fixture: Fixture, server: FakeServer, extra: Partial<GenAiClientConfig> = {}): GenAiClient {
  return new GenAiClient({ provider: fixture.provider, modelId: fixture.model, baseUrl: server.url, region: "us-east-1", apiKey: "sk-test", ...extra }, FAST);
}

async function failure(promise: Promise<unknown>): Promise<GenAiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GenAiError);
  return error as GenAiError;
}

describe.each(fixtures)("$provider over real HTTP", (fixture) => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("sends the protocol's request and returns text, stop reason and token usage", async () => {
    server = await fakeServer([fixture.ok], { http2: fixture.provider === "bedrock" });
    const response = await client(fixture, server).chat(PROMPT);
    expect(response).toEqual({ text: "Brasília", stopReason: fixture.provider === "bedrock" ? "end_turn" : "stop", usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 }, provider: fixture.provider, model: fixture.model, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: fixture.path });
    fixture.expectBody(JSON.parse(server.requests[0].body));
    expect(server.requests[0].headers.authorization ?? "").toMatch(fixture.authorization);
  });

  it("retries throttling with backoff, then succeeds", async () => {
    server = await fakeServer([fixture.throttled, fixture.throttled, fixture.ok], { http2: fixture.provider === "bedrock" });
    const response = await client(fixture, server).chat(PROMPT);
    expect(response.text).toBe("Brasília");
    expect(response.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
  });

  it("retries a 5xx, then succeeds", async () => {
    server = await fakeServer([fixture.provider === "bedrock" ? bedrockError(503, "ServiceUnavailableException", "Service is unavailable") : { status: 503, body: "upstream unavailable" }, fixture.ok], { http2: fixture.provider === "bedrock" });
    expect((await client(fixture, server).chat(PROMPT)).attempts).toBe(2);
  });

  it("gives up after maxRetries of throttling, naming provider, model and status", async () => {
    server = await fakeServer([fixture.throttled], { http2: fixture.provider === "bedrock" });
    const error = await failure(client(fixture, server, { maxRetries: 2 }).chat(PROMPT));
    expect(error).toMatchObject({ kind: "throttled", provider: fixture.provider, model: fixture.model, status: 429, attempts: 3, retryable: true });
    expect(server.requests).toHaveLength(3);
  });

  it("never retries a 4xx and says why it failed", async () => {
    server = await fakeServer([fixture.rejected, fixture.ok], { http2: fixture.provider === "bedrock" });
    const error = await failure(client(fixture, server).chat(PROMPT));
    expect(error).toMatchObject({ kind: "client", status: fixture.rejectedStatus, attempts: 1, retryable: false });
    expect(error.message).toMatch(fixture.rejectedMessage);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a server that never answers, without retrying", async () => {
    server = await fakeServer([{ status: 200, hang: true }], { http2: fixture.provider === "bedrock" });
    const error = await failure(client(fixture, server, { timeoutMs: 100 }).chat(PROMPT));
    expect(error).toMatchObject({ kind: "timeout", provider: fixture.provider, model: fixture.model, attempts: 1 });
    expect(error.message).toMatch(new RegExp(`^${fixture.provider} model "${fixture.model.replace(/\./g, "\\.")}": timeout: no answer within 0.1s`));
    expect(server.requests).toHaveLength(1);
  });

  it("reports a malformed 200 clearly, without retrying", async () => {
    server = await fakeServer([fixture.malformed, fixture.ok], { http2: fixture.provider === "bedrock" });
    const error = await failure(client(fixture, server).chat(PROMPT));
    expect(error).toMatchObject({ kind: "malformed", status: 200, attempts: 1 });
    expect(error.message).toMatch(fixture.malformedMessage);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a refused connection, then reports it", async () => {
    const url = await deadPort();
    const error = await failure(new GenAiClient({ provider: fixture.provider, modelId: fixture.model, baseUrl: url, region: "us-east-1", maxRetries: 1 }, FAST).chat(PROMPT));
    expect(error).toMatchObject({ kind: "connection", code: "ECONNREFUSED", attempts: 2 });
    expect(error.message).toContain(`${fixture.provider} model "${fixture.model}": connection: cannot reach the server (ECONNREFUSED`);
  });
});

describe("connection failures without a socket error code", () => {
  it("names a URL fetch will not use (a blocked port) as unreachable, with fetch's reason", async () => {
    const chat = new GenAiClient({ provider: "openai", modelId: "m", baseUrl: "http://127.0.0.1:9", maxRetries: 0 }, FAST);
    const error = await failure(chat.chat(PROMPT));
    expect(error.message).toBe('openai model "m": connection: cannot reach the server (bad port)');
  });
});

describe("Bedrock Guardrail", () => {
  it("sends the Guardrail and its pinned version with every Converse call", async () => {
    const server = await fakeServer([fixtures[2].ok], { http2: true });
    try {
      const chat = clientFromEnv({ GENAI_PROVIDER: "bedrock", GENAI_MODEL_ID: "anthropic.claude-3-5-sonnet-20241022-v2:0", AWS_REGION: "us-east-1", GENAI_BASE_URL: server.url, GENAI_GUARDRAIL_ID: "gr-abc123", GENAI_GUARDRAIL_VERSION: "1" }, FAST);
      await chat.chat(PROMPT);
      expect(JSON.parse(server.requests[0].body).guardrailConfig).toEqual({ guardrailIdentifier: "gr-abc123", guardrailVersion: "1" });
    } finally {
      await server.close();
    }
  });
});

describe("streaming over real HTTP", () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const streams: [GenAiProvider, string, string, Step][] = [
    [
      "ollama",
      "llama3.2:3b",
      "/api/chat",
      {
        status: 200,
        headers: { "content-type": "application/x-ndjson" },
        chunks: [
          `${JSON.stringify({ message: { role: "assistant", content: "Bras" }, done: false })}\n${JSON.stringify({ message: { role: "assistant", content: "í" }, done: false })}\n`,
          `${JSON.stringify({ message: { role: "assistant", content: "lia" }, done: false })}\n`,
          `${JSON.stringify({ message: { role: "assistant", content: "" }, done: true, done_reason: "stop", prompt_eval_count: 21, eval_count: 4 })}\n`,
        ],
      },
    ],
    [
      "openai",
      "claude-sonnet",
      "/v1/chat/completions",
      {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        chunks: [
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: "assistant", content: "Bras" } }] })}\n\n`,
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "í" } }] })}\n\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "lia" }, finish_reason: "stop" }] })}\n\n`,
          `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 21, completion_tokens: 4, total_tokens: 25 } })}\n\ndata: [DONE]\n\n`,
        ],
      },
    ],
    [
      "bedrock",
      "anthropic.claude-3-5-sonnet-20241022-v2:0",
      "/model/anthropic.claude-3-5-sonnet-20241022-v2%3A0/converse-stream",
      {
        status: 200,
        headers: EVENT_STREAM,
        chunks: [
          bedrockEvent("messageStart", { role: "assistant" }),
          bedrockEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Bras" } }),
          Buffer.concat([bedrockEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "í" } }), bedrockEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "lia" } })]),
          bedrockEvent("contentBlockStop", { contentBlockIndex: 0 }),
          bedrockEvent("messageStop", { stopReason: "end_turn" }),
          bedrockEvent("metadata", { usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 }, metrics: { latencyMs: 12 } }),
        ],
      },
    ],
  ];

  it.each(streams)("%s streams text pieces, then the whole response with usage", async (provider, model, path, step) => {
    server = await fakeServer([{ status: 429, json: { error: "busy" }, headers: provider === "bedrock" ? { "x-amzn-errortype": "ThrottlingException" } : {} }, step], { http2: provider === "bedrock" });
    const chat = new GenAiClient({ provider, modelId: model, baseUrl: server.url, region: "us-east-1" }, FAST);
    const pieces: string[] = [];
    const response = await chat.chat({ ...PROMPT, onText: (text) => pieces.push(text) });
    expect(pieces).toEqual(["Bras", "í", "lia"]);
    expect(response).toEqual({ text: "Brasília", stopReason: provider === "bedrock" ? "end_turn" : "stop", usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 }, provider, model, attempts: 2 });
    expect(server.requests[1].url).toBe(path);
    // Ollama and OpenAI ask for a stream in the body; Bedrock by the path.
    expect(JSON.parse(server.requests[1].body).stream).toBe(provider === "bedrock" ? undefined : true);
  });

  it.each(streams)("%s: a stream that stalls after its first piece is a timeout, not a malformed answer", async (provider, model, _path, step) => {
    server = await fakeServer([{ ...step, chunks: step.chunks?.slice(0, 2), stall: true }], { http2: provider === "bedrock" });
    const chat = new GenAiClient({ provider, modelId: model, baseUrl: server.url, region: "us-east-1", timeoutMs: 150 }, FAST);
    const pieces: string[] = [];
    const error = await failure(chat.chat({ ...PROMPT, onText: (text) => pieces.push(text) }));
    expect(pieces[0]).toBe("Bras");
    expect(error).toMatchObject({ kind: "timeout", provider, model, attempts: 1 });
  });

  it("reports a stream that breaks its protocol mid-way as malformed", async () => {
    server = await fakeServer([{ status: 200, headers: { "content-type": "text/event-stream" }, chunks: [`data: ${JSON.stringify({ choices: [{ delta: { content: "Bras" } }] })}\n\n`, "data: {oops\n\n"] }]);
    const chat = new GenAiClient({ provider: "openai", modelId: "m", baseUrl: server.url }, FAST);
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of chat.chatStream(PROMPT)) if (event.type === "text") seen.push(event.text);
      })(),
    );
    expect(seen).toEqual(["Bras"]);
    expect(error.message).toMatch(/^openai model "m": malformed \(HTTP 200\): malformed response: stream line is not JSON: "\{oops"/);
  });

  it("reports a stream that ends before the model finished (or was no stream at all) as malformed", async () => {
    server = await fakeServer([{ status: 200, json: { choices: [{ message: { content: "not a stream" }, finish_reason: "stop" }] } }]);
    const chat = new GenAiClient({ provider: "openai", modelId: "m", baseUrl: server.url }, FAST);
    const error = await failure(chat.chat({ ...PROMPT, onText: () => undefined }));
    expect(error.message).toBe('openai model "m": malformed (HTTP 200): malformed response: the stream ended before the model finished (0 characters received)');
  });

  it("times out a stream that stalls after its first piece", async () => {
    server = await fakeServer([{ status: 200, hang: true }]);
    const chat = new GenAiClient({ provider: "ollama", modelId: "m", baseUrl: server.url, timeoutMs: 100 }, FAST);
    expect(await failure(chat.chat({ ...PROMPT, onText: () => undefined }))).toMatchObject({ kind: "timeout", attempts: 1 });
  });
});

describe("credentials and cancellation", () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it("reports missing AWS credentials as their own kind, with the fix, without sending or retrying", async () => {
    server = await fakeServer([{ status: 200, json: {} }], { http2: true });
    const saved = { ...process.env };
    // An empty default chain: no env keys, no profile files, no container or instance metadata.
    for (const name of Object.keys(process.env).filter((n) => n.startsWith("AWS_"))) delete process.env[name];
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials", AWS_CONFIG_FILE: "/nonexistent/config", AWS_EC2_METADATA_DISABLED: "true" });
    try {
      const chat = new GenAiClient({ provider: "bedrock", modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", region: "us-east-1", baseUrl: server.url }, { retry: FAST.retry });
      const error = await failure(chat.chat(PROMPT));
      expect(error).toMatchObject({ kind: "credentials", attempts: 1, retryable: false });
      expect(error.message).toMatch(/no AWS credentials found .*run the pod as a role \(Pod Identity or IRSA/);
      expect(server.requests).toHaveLength(0);
    } finally {
      process.env = saved;
    }
  });

  it("reports a gateway's 401 to a client without a key as missing credentials (set GENAI_API_KEY)", async () => {
    server = await fakeServer([{ status: 401, json: { error: { message: "Authentication Error, No api key passed in." } } }]);
    const error = await failure(new GenAiClient({ provider: "openai", modelId: "m", baseUrl: server.url }, FAST).chat(PROMPT));
    expect(error).toMatchObject({ kind: "credentials", status: 401, attempts: 1 });
    expect(error.message).toMatch(/set GENAI_API_KEY/);
  });

  it("an abort during a retry wait (a 5 s Retry-After) ends the call within 100 ms, as aborted", async () => {
    server = await fakeServer([{ status: 429, headers: { "retry-after": "5" }, json: { error: "busy" } }]);
    const chat = new GenAiClient({ provider: "ollama", modelId: "m", baseUrl: server.url, maxRetries: 3 });
    const controller = new AbortController();
    const call = failure(chat.chat({ ...PROMPT, signal: controller.signal }));
    // Let the first attempt fail and the wait begin.
    while (server.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const aborted = performance.now();
    controller.abort();
    const error = await call;
    expect(performance.now() - aborted).toBeLessThan(100);
    expect(error).toMatchObject({ kind: "aborted" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("configuration from the env contract", () => {
  it("reads GENAI_* for Ollama and OpenAI-compatible servers", () => {
    expect(configFromEnv({ GENAI_PROVIDER: "openai", GENAI_BASE_URL: "http://litellm:4000", GENAI_MODEL_ID: "claude-sonnet", GENAI_API_KEY: "sk-1", GENAI_TIMEOUT_MS: "30000", GENAI_MAX_RETRIES: "0" })).toEqual({
      provider: "openai",
      baseUrl: "http://litellm:4000",
      modelId: "claude-sonnet",
      apiKey: "sk-1",
      region: undefined,
      guardrailId: undefined,
      guardrailVersion: undefined,
      timeoutMs: 30000,
      maxRetries: 0,
    });
  });

  it("accepts the seed's AWS_DEFAULT_REGION and BEDROCK_MODEL_ID alone as Bedrock", () => {
    expect(configFromEnv({ AWS_DEFAULT_REGION: "us-east-1", BEDROCK_MODEL_ID: "anthropic.claude-3-5-sonnet-20241022-v2:0" })).toMatchObject({
      provider: "bedrock",
      region: "us-east-1",
      modelId: "anthropic.claude-3-5-sonnet-20241022-v2:0",
      baseUrl: undefined,
    });
  });

  it.each<[Record<string, string>, RegExp]>([
    [{}, /GENAI_PROVIDER is not set: expected one of bedrock, ollama, openai/],
    [{ GENAI_PROVIDER: "vertex", GENAI_MODEL_ID: "x" }, /GENAI_PROVIDER="vertex": expected one of bedrock, ollama, openai/],
    [{ GENAI_PROVIDER: "ollama", GENAI_BASE_URL: "http://ollama:11434" }, /GENAI_MODEL_ID is not set: expected the model id/],
    [{ GENAI_PROVIDER: "bedrock", GENAI_MODEL_ID: "m" }, /AWS_REGION \(or AWS_DEFAULT_REGION\) is not set: Bedrock needs the region/],
    [{ GENAI_PROVIDER: "ollama", GENAI_MODEL_ID: "m" }, /GENAI_BASE_URL is not set: ollama needs the server's URL/],
    [{ GENAI_PROVIDER: "openai", GENAI_MODEL_ID: "m", GENAI_BASE_URL: "litellm:4000" }, /GENAI_BASE_URL="litellm:4000": expected http or https/],
    [{ GENAI_PROVIDER: "openai", GENAI_MODEL_ID: "m", GENAI_BASE_URL: "http://x", GENAI_TIMEOUT_MS: "soon" }, /GENAI_TIMEOUT_MS="soon" is not an integer >= 1/],
    [{ GENAI_PROVIDER: "bedrock", GENAI_MODEL_ID: "m", AWS_REGION: "us-east-1", GENAI_GUARDRAIL_ID: "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc" }, /GENAI_GUARDRAIL_ID is set but GENAI_GUARDRAIL_VERSION is not/],
  ])("refuses %j with a clear message", (env, expected) => {
    expect(() => clientFromEnv(env)).toThrow(expected);
  });

  it("finds /v1/chat/completions from a server root or an OpenAI-style /v1 base", () => {
    expect(chatCompletionsUrl("http://litellm:4000")).toBe("http://litellm:4000/v1/chat/completions");
    expect(chatCompletionsUrl("https://api.example.com/v1/")).toBe("https://api.example.com/v1/chat/completions");
  });
});

describe("backoff", () => {
  it("is full jitter under an exponential ceiling, floored by Retry-After and capped", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, options))).toEqual([50, 100, 200, 400, 500]);
    expect(backoffDelay(0, options, 700)).toBe(700);
    expect(backoffDelay(0, options, 60_000)).toBe(1000);
  });
});

describe("forja/genai-client stands alone", () => {
  it("imports no Pulumi SDK and nothing outside its folder, so a workload can use it alone", () => {
    const dir = join(__dirname, "..", "..", "components", "genai-client");
    const imports = readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [...readFileSync(join(dir, file), "utf8").matchAll(/(?:from|require\()\s*"([^"]+)"/g)].map((m) => `${file}: ${m[1]}`));
    expect(imports.filter((entry) => /@pulumi\/|: \.\.\//.test(entry))).toEqual([]);
    expect(imports.filter((entry) => !/: \.\//.test(entry)).map((entry) => entry.split(": ")[1])).toEqual(expect.arrayContaining(["@aws-sdk/client-bedrock-runtime"]));
  });
});
