/**
 * Config time sees everything: every section's component validator runs in
 * parseStackConfig (which `pulumi up` runs before the first resource), and
 * its problem arrives under the stack key, never as "<Component>: argument".
 */
import { SECTION_VALIDATORS, StackConfigError, parseStackConfig } from "../../src/config";
import type { ConfigSource } from "../../src/config";

function problemsOf(values: Record<string, unknown>): string[] {
  const flat = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  const source: ConfigSource = { project: "forja", stack: "test", values: flat, secretKeys: [] };
  try {
    parseStackConfig(source);
  } catch (error) {
    if (error instanceof StackConfigError) return error.problems;
    throw error;
  }
  return [];
}

const k3s = (extra: Record<string, unknown>) => ({ "forja:target": "k3s", ...extra });
const eks = (extra: Record<string, unknown>) => ({ "forja:target": "eks", "aws:region": "us-east-1", "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["198.51.100.0/24"] }, ...extra });
const aci = (section: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ "forja:target": "aci", "azure-native:location": "eastus", "forja:aci": { mongo: { capacityMode: "serverless" }, ...section }, ...extra });
const longModel = `${"m".repeat(130)}:1`;
const ollamaGroup = { models: ["llama3.2:1b"], storage: "empty-dir" };

/** One mistake only a section's component validator knows, and the stack key it must be reported under. */
const CASES: Record<string, [Record<string, unknown>, RegExp]> = {
  services: [k3s({ "forja:services": { api: { image: "nginx", port: 80, resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi" } } } } }), /^forja:services\.api\.image = "nginx"/],
  milvus: [k3s({ "forja:milvus": { components: { etcd: { replicas: 2 } } } }), /^forja:milvus\.components\.etcd\.replicas = 2: expected an odd number/],
  airflow: [k3s({ "forja:airflow": { image: "apache/airflow:latest" } }), /^forja:airflow\.image = "apache\/airflow:latest"/],
  appgear: [
    k3s({ "forja:appgear": { models: [{ name: "llama 70b", provider: "groq", model: "llama-3.3-70b-versatile" }] } }),
    /^forja:appgear\.models\[0\]\.name = "llama 70b": expected a model name/,
  ],
  mlplatform: [k3s({ "forja:mlplatform": { detector: { image: "docker.io/rayproject/ray:2.52.0-py311" }, mlflowImage: "ghcr.io/mlflow/mlflow:v3.18.0" } }), /^forja:mlplatform\.mlflowImage = "ghcr\.io\/mlflow\/mlflow:v3\.18\.0": expected an MLflow "-full" image/],
  eks: [eks({ "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["0.0.0.0/0"] } }), /^forja:eks\.publicAccessCidrs = /],
  k3s: [k3s({ "forja:k3s": { storageClass: "Fast SSD" } }), /^forja:k3s\.storageClass = "Fast SSD"/],
  aci: [aci({ resourceGroupName: "rg." }), /^forja:aci\.resourceGroupName = "rg\."/],
  cosmos: [aci({ mongo: { capacityMode: "serverless", collections: [{ name: "a$b" }] } }), /^forja:aci\.mongo\.collections/],
  ollama: [k3s({ "forja:ollama": { models: ["qwen2.5:0.5b"], resources: { requests: { cpu: "4", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } } } }), /^forja:ollama\.resources\.requests\.cpu = "4": expected a request no larger than its limit \(2\)/],
  "aci environment": [aci({}, { "azure-native:location": "East US" }), /^azure-native:location = "East US": expected an Azure region name/],
  "aci ollama": [aci({ ollama: { ...ollamaGroup, cpu: 0.005 } }), /^forja:aci\.ollama\.cpu = 0\.005: expected a positive number in steps of 0\.01/],
  genai: [eks({ "forja:genai": { modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0" } }), /^forja:genai\.modelId = "anthropic\.claude-sonnet-4-5-20250929-v1:0": expected an inference profile id/],
  // LiteLLM names models in at most 128 characters; Ollama takes longer names.
  "llm gateway": [k3s({ "forja:ollama": { models: [longModel] }, "forja:genai": { modelId: longModel, gateway: { replicas: 1 } } }), /^forja:genai\.modelId = "m+:1": expected a model name/],
};

describe("every section's validator is wired at config time", () => {
  it("lists every section", () => {
    expect(Object.keys(SECTION_VALIDATORS).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s: its component's rule is reported under the stack key", (_section, [values, expected]) => {
    const problems = problemsOf(values);
    expect(problems).toContainEqual(expect.stringMatching(expected));
    expect(problems.join("\n")).not.toMatch(/argument "/);
  });
});
