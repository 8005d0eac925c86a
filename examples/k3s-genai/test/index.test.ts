/**
 * This project's unit tests, as its team would write them: `forja/testing`
 * runs the program under mocks (no cluster, no Pulumi CLI) and records every
 * resource it would create.
 */
import { recordStack } from "forja/testing";
import type { RecordedStack, ResourceRecord } from "forja/testing";
import { genai } from "../program.js";

const config = (overrides: Record<string, string> = {}) => ({ "k3s-genai:apiImage": "ghcr.io/acme/chat-api:1.4.2", ...overrides });

interface PolicySpec {
  podSelector: { matchLabels: Record<string, string> };
  ingress?: { from?: { podSelector?: { matchLabels: Record<string, string> } }[] }[];
  egress?: { to?: { podSelector?: { matchLabels: Record<string, string> } }[]; ports?: { port: number }[] }[];
}
interface PodTemplate {
  spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string; env?: { name: string }[] }[] } } };
}

const labelsOf = (workload: ResourceRecord) => (workload.inputs as unknown as PodTemplate).spec.template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([key, value]) => labels[key] === value);

let stack: RecordedStack;
beforeAll(async () => {
  stack = await recordStack(genai, { project: "k3s-genai", config: config() });
});

/** The NetworkPolicy whose pods are `workload`'s. */
function policyOf(workload: ResourceRecord): PolicySpec {
  const labels = labelsOf(workload);
  const policies = stack.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").map((policy) => policy.inputs.spec as unknown as PolicySpec);
  const [policy] = policies.filter((spec) => matches(spec.podSelector.matchLabels, labels));
  return policy;
}
const workload = (name: string) => [...stack.ofType("kubernetes:apps/v1:Deployment"), ...stack.ofType("kubernetes:apps/v1:StatefulSet")].find((record) => record.name.startsWith(name)) as ResourceRecord;
const admits = (target: string, client: string) => (policyOf(workload(target)).ingress ?? []).some((rule) => (rule.from ?? []).some((peer) => peer.podSelector !== undefined && matches(peer.podSelector.matchLabels, labelsOf(workload(client)))));

describe("k3s-genai", () => {
  it("builds the chat API, the gateway, Ollama, Postgres and Redis", () => {
    expect(stack.counts()).toMatchObject({
      "forja:index:WebService": 1,
      "forja:index:LlmGateway": 1,
      "forja:index:Ollama": 1,
      "forja:index:Postgres": 1,
      "forja:index:Redis": 1,
    });
    expect(stack.outputs).toMatchObject({ url: "http://chat-api.genai.svc.cluster.local:8000", models: ["chat"] });
  });

  it("lets only the gateway call Ollama, and only the gateway and the API reach Postgres and Redis", () => {
    expect(admits("ollama", "gateway")).toBe(true);
    expect(admits("ollama", "chat-api")).toBe(false);
    for (const store of ["postgres", "redis"]) {
      expect({ store, gateway: admits(store, "gateway"), api: admits(store, "chat-api") }).toEqual({ store, gateway: true, api: true });
    }
    expect(admits("gateway", "chat-api")).toBe(true);
  });

  it("lets the API open connections to DNS, the gateway, Postgres and Redis, nothing else", () => {
    const reaches = (policyOf(workload("chat-api")).egress ?? []).map((rule) => {
      const to = (rule.to ?? []).map((peer) => peer.podSelector?.matchLabels ?? {});
      const names = ["gateway", "postgres", "redis"].filter((name) => to.some((labels) => matches(labels, labelsOf(workload(name)))));
      return `${names.join(",") || JSON.stringify(to)}:${(rule.ports ?? []).map((port) => port.port).join(",")}`;
    });
    expect(reaches).toEqual(['[{"k8s-app":"kube-dns"}]:53,53', "gateway:4000", "postgres:5432", "redis:6379"]);
  });

  it("hands the API its virtual key, database URL and Redis URL through a Secret, never in clear text", () => {
    const secrets = stack.ofType("kubernetes:core/v1:Secret").filter((secret) => JSON.stringify(secret.inputs).includes("LLM_API_KEY"));
    expect(secrets).toHaveLength(1);
    expect(secrets[0].secretPaths.length).toBeGreaterThan(0);
    expect(JSON.stringify(secrets[0].redactedInputs)).not.toMatch(/postgresql:\/\/|redis:\/\//);
    const api = (workload("chat-api").inputs as unknown as PodTemplate).spec.template.spec.containers[0];
    expect(JSON.stringify(api)).not.toMatch(/LLM_API_KEY|postgresql:\/\//);
  });

  it("refuses a port out of range before anything is created", async () => {
    await expect(recordStack(genai, { project: "k3s-genai", config: config({ "k3s-genai:apiPort": "70000" }) })).rejects.toThrow(/WebService: argument "port" was 70000/);
  });
});
