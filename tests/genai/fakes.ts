/**
 * Local fake model servers on loopback (node:http): each request takes the
 * next scripted step, so a test says "429, then 200" and the client meets
 * real sockets, real status lines and real bodies.
 */
import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";
import { createServer } from "node:http";
import type { IncomingMessage } from "node:http";
import { createServer as createHttp2Server } from "node:http2";
import type { Http2ServerRequest, Http2ServerResponse, Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";

export interface Step {
  status: number;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** A raw body (text or bytes). */
  body?: string | Buffer;
  /** A streamed body: each chunk written separately. */
  chunks?: (string | Buffer)[];
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Send the headers and `chunks`, then nothing more, never ending the body (a stream that stalls). */
  stall?: boolean;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * `http2`: cleartext HTTP/2, as the AWS SDK's Bedrock client speaks it (its
 * default handler is HTTP/2, with prior knowledge on an http:// endpoint).
 */
export async function fakeServer(steps: Step[], options: { http2?: boolean } = {}): Promise<FakeServer> {
  const requests: SeenRequest[] = [];
  const hanging: { destroy(): void }[] = [];
  const sessions: Http2Session[] = [];
  type Req = IncomingMessage | Http2ServerRequest;
  type Res = { writeHead(status: number, headers: Record<string, string>): unknown; write(chunk: string | Buffer): unknown; end(body?: string | Buffer): unknown; destroy(): void };
  const handle = (req: Req, res: Res): void => {
    const parts: Buffer[] = [];
    req.on("data", (part: Buffer) => parts.push(part));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(parts).toString("utf8") });
      const step = steps[Math.min(requests.length, steps.length) - 1];
      if (step.hang) {
        hanging.push(res);
        return;
      }
      const headers = { ...(step.json !== undefined ? { "content-type": "application/json" } : {}), ...step.headers };
      res.writeHead(step.status, headers);
      if (step.chunks) {
        for (const chunk of step.chunks) res.write(chunk);
        if (step.stall) hanging.push(res);
        else res.end();
      } else {
        res.end(step.json !== undefined ? JSON.stringify(step.json) : (step.body ?? ""));
      }
    });
  };
  const server = options.http2
    ? createHttp2Server((req: Http2ServerRequest, res: Http2ServerResponse) => handle(req, { writeHead: (s, h) => res.writeHead(s, h), write: (c) => res.write(c), end: (b) => res.end(b ?? ""), destroy: () => res.stream.close() }))
    : createServer((req, res) => handle(req, res));
  if (options.http2) server.on("session", (session: Http2Session) => sessions.push(session));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        for (const session of sessions) session.destroy();
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, then released. */
export async function deadPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One AWS event-stream frame, as Bedrock's ConverseStream sends it. */
export function bedrockEvent(eventType: string, payload: unknown): Buffer {
  const frame = codec.encode({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":message-type": { type: "string", value: "event" },
      ":content-type": { type: "string", value: "application/json" },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
  return Buffer.from(frame);
}

/** A Bedrock error as the service sends it: the exception name in x-amzn-errortype. */
export function bedrockError(status: number, exception: string, message: string): Step {
  return { status, headers: { "x-amzn-errortype": `${exception}:http://internal.amazon.com/coral/com.amazon.bedrock/`, "content-type": "application/json" }, body: JSON.stringify({ message }) };
}

export const EVENT_STREAM = { "content-type": "application/vnd.amazon.eventstream" };
