/**
 * A consumer asserting that forja/testing refuses a program, as docs/testing.md
 * shows: the refusal rejects recordStack, nothing resurfaces later as an
 * unhandled rejection, and the next run in the same file still records.
 */
import * as k8s from "@pulumi/kubernetes";
import { K3sCluster } from "forja/k3s";
import { recordStack } from "forja/testing";
import { WebService } from "forja/web-service";

function program(port: number) {
  return () => {
    const cluster = new K3sCluster("lab", {});
    const apps = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster.provider });
    const api = new WebService(
      "api",
      { cluster: cluster.capabilities, namespace: apps.metadata.name, image: "ghcr.io/acme/api:1.4.2", port, resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } } },
      { providers: { kubernetes: cluster.provider } },
    );
    return { url: api.url };
  };
}

describe("a refused program under forja/testing", () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => process.on("unhandledRejection", onUnhandled));
  afterAll(() => process.off("unhandledRejection", onUnhandled));

  it("rejects recordStack with the component's argument error", async () => {
    await expect(recordStack(program(70000), { project: "consumer" })).rejects.toThrow(/WebService: argument "port" was 70000/);
  });

  it("leaves nothing behind: no unhandled rejection, and the next program records", async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
    const stack = await recordStack(program(8000), { project: "consumer" });
    expect(stack.outputs.url).toBe("http://api.apps.svc.cluster.local:8000");
  });
});
