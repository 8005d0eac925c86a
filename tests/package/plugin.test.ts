/**
 * Starts the component package as Pulumi does for `pulumi package add` and for
 * every program that uses it (`node @pulumi/pulumi/cmd/run-plugin <repo>`,
 * working directory the consumer's: here one without a tsconfig.json, as for
 * a Python program), reads the port it prints, and calls the provider over
 * gRPC with Pulumi's generated stubs.
 */
import type * as GrpcModule from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMPONENTS } from "../../components/plugin/components";
import { SCHEMA_FILE } from "../../components/plugin/provider";
import { REPO_ROOT } from "../harness";

const SDK = join(REPO_ROOT, "node_modules", "@pulumi", "pulumi");
/* eslint-disable @typescript-eslint/no-require-imports -- the stubs and the gRPC copy they were generated for, from the SDK */
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [SDK] })) as typeof GrpcModule;
const { ResourceProviderClient } = require(join(SDK, "proto", "provider_grpc_pb.js"));
const { GetSchemaRequest } = require(join(SDK, "proto", "provider_pb.js"));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [SDK] }));
/* eslint-enable @typescript-eslint/no-require-imports */

interface Client {
  getSchema(request: unknown, callback: (error: Error | null, response: { getSchema(): string }) => void): void;
  getPluginInfo(request: unknown, callback: (error: Error | null, response: { getVersion(): string }) => void): void;
  close(): void;
}

function call<T>(method: (request: unknown, callback: (error: Error | null, response: T) => void) => void, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => method(request, (error, response) => (error ? reject(error) : resolve(response))));
}

describe("component package plugin, started as Pulumi starts it", () => {
  let plugin: ChildProcess;
  let client: Client;
  let consumerDir: string;
  let stderr = "";

  beforeAll(async () => {
    consumerDir = mkdtempSync(join(tmpdir(), "forja-consumer-"));
    plugin = spawn(process.execPath, [join(SDK, "cmd", "run-plugin"), REPO_ROOT], { cwd: consumerDir, stdio: ["ignore", "pipe", "pipe"] });
    plugin.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      plugin.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!stdout.includes("\n")) return;
        const line = stdout.split("\n")[0];
        if (/^\d+$/.test(line)) resolve(line);
        else reject(new Error(`expected a port, got ${JSON.stringify(line)}; stderr: ${stderr}`));
      });
      plugin.on("exit", (code) => reject(new Error(`plugin exited with ${code} before printing a port: ${stderr}`)));
    });
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as Client;
  }, 300_000);

  afterAll(() => {
    client?.close();
    plugin?.kill();
    rmSync(consumerDir, { recursive: true, force: true });
  });

  it("reports the package's version", async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const info = await call(client.getPluginInfo.bind(client), new Empty());
    expect(info.getVersion()).toBe(version);
  });

  it("serves the reviewed schema, naming every component", async () => {
    const request = new GetSchemaRequest();
    request.setVersion(0);
    const schema = JSON.parse((await call(client.getSchema.bind(client), request)).getSchema()) as { name: string; version: string; resources: Record<string, unknown> };
    expect(Object.keys(schema.resources).sort()).toEqual(COMPONENTS.map((component) => `forja:index:${component.name}`).sort());
    const { version, ...served } = schema;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(served).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_FILE), "utf8")));
  });
});
