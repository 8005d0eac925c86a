/**
 * Stack files Pulumi accepts and Forja must accept too: the repository's own,
 * and the spellings real users write (anchors, merge keys, numbers where
 * Kubernetes takes them, secrets set per leaf, node groups, an existing VPC).
 */
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../src/config";
import type { StackConfig } from "../../src/config";
import { synth } from "../../src/offline/cli";
import { readStackFile } from "../../src/offline/stackfile";
import { REPO_ROOT } from "../harness";

const EKS = `config:
  aws:region: us-east-1
  forja:target: eks
  forja:eks:
    accountId: "111122223333"
    publicAccessCidrs: [203.0.113.0/24, 198.51.100.17/32]
`;

/** [what it shows, stack file text, what the parsed config must hold] */
const GOOD: [string, string, (config: StackConfig) => unknown, unknown][] = [
  [
    "services built from an anchor with merge keys",
    `config:
  forja:target: k3s
  forja:services:
    api: &service
      image: ghcr.io/acme/api:1.4.2
      port: 8000
      resources: &small
        requests: { cpu: 250m, memory: 256Mi }
        limits: { memory: 512Mi }
    worker:
      <<: *service
      port: 8001
      resources: *small
`,
    (c) => c.target === "k3s" && Object.fromEntries(Object.entries(c.services).map(([name, s]) => [name, s.port])),
    { api: 8000, worker: 8001 },
  ],
  [
    "quantities written as YAML numbers and an account id written as a number",
    `config:
  aws:region: eu-west-1
  forja:target: eks
  forja:eks:
    accountId: 111122223333
    publicAccessCidrs: [203.0.113.0/24]
  forja:services:
    api:
      image: ghcr.io/acme/api:1.4.2
      port: 8000
      resources: { requests: { cpu: 1, memory: 1Gi }, limits: { cpu: 2, memory: 1Gi } }
`,
    (c) => c.target === "eks" && [c.eks.accountId, c.services.api.resources.requests.cpu, c.services.api.resources.limits.cpu],
    ["111122223333", "1", "2"],
  ],
  [
    "secrets set leaf by leaf with --path",
    `config:
  forja:target: k3s
  forja:services:
    api:
      image: ghcr.io/acme/api:1.4.2
      port: 8000
      resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { memory: 512Mi } }
      secretEnv: [OPENAI_API_KEY, DB_PASSWORD]
      env: { MAX_TOKENS: "4096", MLFLOW_TRACKING_URI: "http://mlflow:5000" }
  forja:serviceSecrets:
    api:
      OPENAI_API_KEY: { secure: v1:AAAA }
      DB_PASSWORD: { secure: v1:BBBB }
`,
    (c) => c.target === "k3s" && Object.keys(c.services.api.secretEnv).sort(),
    ["DB_PASSWORD", "OPENAI_API_KEY"],
  ],
  [
    "node groups with a tainted GPU group, and a request equal to its limit in other units",
    `${EKS}    nodeGroups:
      system: { instanceTypes: [m6i.large], minSize: 2, desiredSize: 2, maxSize: 3 }
      gpu: { instanceTypes: [g5.xlarge], minSize: 0, desiredSize: 0, maxSize: 2 }
  forja:services:
    api:
      image: ghcr.io/acme/api:1.4.2
      port: 8000
      resources: { requests: { cpu: "0.5", memory: 1024Mi }, limits: { cpu: 500m, memory: 1Gi } }
`,
    (c) => c.target === "eks" && Object.keys(c.eks.nodeGroups ?? {}),
    ["system", "gpu"],
  ],
  [
    "an existing VPC",
    `config:
  aws:region: us-gov-west-1
  forja:target: eks
  forja:eks:
    accountId: "111122223333"
    privateEndpointOnly: true
    network:
      vpcId: vpc-0a1b2c3d4e5f60718
      vpcCidr: 10.40.0.0/16
      privateSubnetIds: [subnet-0a1b2c3d4e5f60711, subnet-0a1b2c3d4e5f60722]
    adminRoleArns: [arn:aws-us-gov:iam::111122223333:role/platform-admin]
`,
    (c) => c.target === "eks" && c.eks.network?.vpcId,
    "vpc-0a1b2c3d4e5f60718",
  ],
  [
    "registry credentials, every leaf secure, and private repositories with a name override",
    `${EKS}    imageMirror:
      upstreams: [docker-hub, quay, k8s, ecr-public]
      privateRepositories: [icr.io/mjc-cr/mmjc-airflow-service]
      repositoryNames: { icr.io/mjc-cr/mmjc-airflow-service: mjc/airflow }
  forja:registryCredentials:
    docker-hub: { username: { secure: v1:CCCC }, accessToken: { secure: v1:DDDD } }
`,
    (c) => c.target === "eks" && Object.keys(c.registryCredentials),
    ["docker-hub"],
  ],
  [
    "an internet-facing HTTPS route on a wildcard host with an egress to the internet on 443",
    `${EKS}  forja:services:
    web:
      image: ghcr.io/acme/web:2.0.1
      port: 8080
      resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
      ingress:
        path: /
        host: "*.shop.example.com"
        internetFacing: true
        certificateArn: arn:aws:acm:us-east-1:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a
        healthCheckPath: /healthz
      networkPolicy:
        egressTo: [{ cidr: 0.0.0.0/0, ports: [443] }]
`,
    (c) => c.target === "eks" && c.services.web.ingress?.host,
    "*.shop.example.com",
  ],
  [
    "46 tags: the most AWS leaves once Forja adds its own",
    `${EKS}  forja:tags:
${Array.from({ length: 46 }, (_, i) => `    team-${i}: data`).join("\n")}
`,
    (c) => Object.keys(c.tags).length,
    46,
  ],
  [
    "keys in the project's namespace written without it",
    `config:
  target: k3s
  namespace: ml-platform
`,
    (c) => [c.target, c.namespace],
    ["k3s", "ml-platform"],
  ],
  [
    "Ollama and Milvus CPU written as YAML numbers, as Kubernetes accepts them",
    `config:
  forja:target: k3s
  forja:ollama:
    models: [qwen2.5:0.5b]
    resources: { requests: { cpu: 0.5, memory: 1Gi }, limits: { cpu: 2, memory: 2Gi } }
  forja:milvus:
    components:
      queryNode: { resources: { requests: { cpu: 1, memory: 2Gi }, limits: { memory: 4Gi } } }
`,
    (c) => ["ollama" in c && [c.ollama?.resources?.requests.cpu, c.ollama?.resources?.limits.cpu], "milvus" in c && c.milvus?.components.queryNode?.resources?.requests.cpu],
    [["0.5", "2"], "1"],
  ],
  [
    "digest-pinned images, and an Airflow image whose tag is a build date",
    `config:
  forja:target: k3s
  forja:services:
    api:
      image: ghcr.io/acme/api@sha256:${"a".repeat(64)}
      port: 8000
      resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { memory: 512Mi } }
  forja:airflow:
    version: "2.10.5"
    image: icr.io/mjc-cr/mmjc-airflow-service:2025.10.29
`,
    (c) => ["airflow" in c && c.airflow?.image, c.target !== "aci" && c.services.api.image],
    ["icr.io/mjc-cr/mmjc-airflow-service:2025.10.29", `ghcr.io/acme/api@sha256:${"a".repeat(64)}`],
  ],
  [
    "images on EKS from a listed private repository and from the account's own ECR",
    `${EKS}    imageMirror:
      privateRepositories: [icr.io/team/api]
  forja:services:
    api:
      image: icr.io/team/api:1.4.2
      port: 8000
      resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { memory: 512Mi } }
    worker:
      image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/team/worker:2.0.1
      resources: { requests: { cpu: 250m, memory: 256Mi }, limits: { memory: 512Mi } }
`,
    (c) => c.target !== "aci" && Object.keys(c.services),
    ["api", "worker"],
  ],
  [
    "a production Milvus with more data nodes than the preset, and an https GenAI URL without credentials",
    `config:
  forja:target: k3s
  forja:environment: production
  forja:milvus:
    components:
      dataNode: { replicas: 4 }
  forja:genai:
    provider: openai
    modelId: gpt-4o-mini
    baseUrl: https://llm.example.com/v1
`,
    (c) => ["milvus" in c && c.milvus?.components.dataNode?.replicas, c.genai?.baseUrl],
    [4, "https://llm.example.com/v1"],
  ],
];

describe("good stack files", () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "forja-good-stacks-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    GOOD.forEach(([, text], i) => writeFileSync(join(project, `Pulumi.good${i}.yaml`), text));
  });

  it("every stack file of the repository still parses", () => {
    const stacks = readdirSync(REPO_ROOT).filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f)).map((f) => f.slice("Pulumi.".length, -".yaml".length));
    expect(stacks.sort()).toEqual(["aci", "appgear", "dev", "mlplatform", "prod"]);
    for (const stack of stacks) expect(() => parseStackConfig(readStackFile(REPO_ROOT, stack))).not.toThrow();
  });

  it.each(GOOD.map(([label, , pick, expected], i) => [label, i, pick, expected] as const))("accepts %s", (_label, i, pick, expected) => {
    expect(pick(parseStackConfig(readStackFile(project, `good${i}`)))).toEqual(expected);
  });

  it("synthesises anchored services and a GPU node group end to end", async () => {
    const errors: string[] = [];
    const output = { log: () => undefined, error: (text: string) => errors.push(text) };
    const code = await synth(["--stack", "good0", "--out", join(project, "out")], project, output);
    const gpu = await synth(["--stack", "good3", "--out", join(project, "out")], project, output);
    expect(errors).toEqual([]);
    expect([code, gpu]).toEqual([0, 0]);
  });
});
