/**
 * This project's unit tests: `forja/testing` runs the program under mocks (no
 * Azure account, no Pulumi CLI), before and after the app image is pushed.
 */
import { recordStack } from "forja/testing";
import type { RecordedStack } from "forja/testing";
import { APP, datalk } from "../program.js";

interface Container {
  name: string;
  image: string;
  ports: { port: number }[];
  environmentVariables: { name: string; value?: string; secureValue?: string }[];
  readinessProbe: { httpGet: { path: string; port: number } };
}
interface ContainerGroup {
  containers: Container[];
  ipAddress: { type: string; ports: { port: number }[] };
}

const config = (appTag?: string) => ({ "azure-native:location": "eastus", ...(appTag ? { "aci-ollama-cosmos:appTag": appTag } : {}) });

describe("before the app image is pushed", () => {
  let stack: RecordedStack;
  beforeAll(async () => {
    stack = await recordStack(datalk, { project: "aci-ollama-cosmos", config: config() });
  });

  it("creates the environment and the database, and no container group yet", () => {
    expect(stack.counts()).toMatchObject({ "forja:index:AciEnvironment": 1, "forja:index:CosmosMongo": 1 });
    expect(stack.ofType("azure-native:containerinstance:ContainerGroup")).toEqual([]);
    expect(stack.outputs.registryServer).toMatch(/\.azurecr\.io$/);
  });
});

describe("with the app image in the registry", () => {
  let stack: RecordedStack;
  let group: ContainerGroup;
  let api: Container;
  beforeAll(async () => {
    stack = await recordStack(datalk, { project: "aci-ollama-cosmos", config: config("v1") });
    group = stack.one("azure-native:containerinstance:ContainerGroup").inputs as unknown as ContainerGroup;
    api = group.containers.find((container) => container.name === "api") as Container;
  });

  it("runs the app from the stack's own registry, probed where app/ serves", () => {
    expect(api.image).toBe(`${String(stack.outputs.registryServer)}/${APP.repository}:v1`);
    expect(api.readinessProbe.httpGet).toEqual({ path: APP.probePath, port: APP.port, scheme: "http" });
  });

  it("publishes the app's port only: Ollama is reachable from the app, not the internet", () => {
    expect(group.ipAddress).toMatchObject({ type: "Public", ports: [{ port: APP.port, protocol: "TCP" }] });
    expect(api.environmentVariables).toContainEqual({ name: "OLLAMA_BASE_URL", value: "http://localhost:11434" });
  });

  it("hands the app its Mongo connection string as a secure value, kept secret in state", () => {
    const index = api.environmentVariables.findIndex((variable) => variable.name === "MONGO_URI");
    expect(api.environmentVariables[index]).toEqual({ name: "MONGO_URI", secureValue: expect.stringMatching(/^mongodb:\/\/app:/) });
    const record = stack.one("azure-native:containerinstance:ContainerGroup");
    expect(record.secretPaths).toContain(`containers[1].environmentVariables[${index}].secureValue`);
    expect(JSON.stringify(record.redactedInputs)).not.toContain("mongodb://");
  });
});
