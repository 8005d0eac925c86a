/**
 * Every component the package serves, built through the plugin's `construct`
 * with its args as a Python, Go, C#, Java or YAML program delivers them
 * (wire.ts: Outputs from other resources, secrets, literal data), registers
 * exactly the resources the same TypeScript program registers: same URNs,
 * parents, providers, dependencies, protection, inputs and secrets. A plain
 * arg given as an Output fails with a ForjaArgumentError naming it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aws from "@pulumi/aws";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ForjaArgumentError } from "../../components/core/errors";
import { k3sCapabilities } from "../../components/platform/k3s";
import { COMPONENTS } from "../../components/plugin/components";
import { packageProvider, SCHEMA_FILE } from "../../components/plugin/provider";
import type { ForjaProvider, PackageSchema } from "../../components/plugin/provider";
import { REPO_ROOT, record } from "../harness";
import type { Recorded } from "../harness";
import { constructOptions, overTheWire } from "./wire";

/** A consumer's program: the resources it creates first, and the component's args and providers wired from them. */
interface Program {
  args: pulumi.Inputs;
  providers: Record<string, pulumi.ProviderResource>;
}

/** Capabilities written out as data, as another language passes them (docs/other-languages.md). */
const K3S_CAPABILITIES = k3sCapabilities({ storageClass: "standard", ingressClass: "nginx" });
const ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC";
/** EKS capabilities as data, with the identifiers that come from other resources as Outputs (docs/other-languages.md). */
const eksCapabilities = (oidc: aws.iam.OpenIdConnectProvider, controllerReady?: pulumi.Output<string>) => ({
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.1.0.0/16" }], controllerReady },
  workloadIdentity: { kind: "irsa", oidcProviderArn: oidc.arn, issuerUrl: oidc.url.apply((url) => `https://${url}`) },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: { "docker.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub", "quay.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/quay" },
});
/** The account an ARN names: how a program wires the account id from a resource it has. */
const accountOf = (arn: pulumi.Output<string>): pulumi.Output<string> => arn.apply((value) => value.split(":")[4]);
const oidcProvider = (): aws.iam.OpenIdConnectProvider => new aws.iam.OpenIdConnectProvider("oidc", { url: ISSUER, clientIdLists: ["sts.amazonaws.com"], thumbprintLists: [] });
const bucketRead = (bucket: aws.s3.Bucket): pulumi.Output<string> =>
  pulumi.jsonStringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${bucket.arn}/*`] }] });

const CASES: Record<string, () => Program> = {
  WebService: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const namespace = new k8s.core.v1.Namespace("apps", { metadata: { name: "apps" } }, { provider: cluster });
    const password = new random.RandomPassword("db", { length: 24, special: false });
    return {
      args: {
        cluster: K3S_CAPABILITIES,
        namespace: namespace.metadata.name,
        image: "ghcr.io/acme/api:1.4.2",
        port: 8000,
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        autoscaling: { minReplicas: 2, maxReplicas: 5 },
        env: { MODE: "production", DB_HOST: pulumi.interpolate`postgres.${namespace.metadata.name}.svc` },
        // The engine marks RandomPassword.result secret; the mocks do not.
        secretEnv: { DB_PASSWORD: pulumi.secret(password.result) },
        ingress: { path: "/api" },
        servicePort: 80,
        command: ["uvicorn"],
        args: ["app:app", "--port", "8000"],
        imagePullSecrets: ["ghcr"],
        runAsUser: 10001,
        readOnlyRootFilesystem: true,
        labels: { team: "payments" },
      },
      providers: { kubernetes: cluster },
    };
  },
  WorkloadRole: () => {
    const bucket = new aws.s3.Bucket("dags");
    const oidc = new aws.iam.OpenIdConnectProvider("oidc", { url: ISSUER, clientIdLists: ["sts.amazonaws.com"], thumbprintLists: [] });
    return {
      args: {
        identity: { kind: "irsa", oidcProviderArn: oidc.arn, issuerUrl: ISSUER },
        namespace: "airflow",
        serviceAccounts: ["airflow-worker"],
        policies: { dags: bucketRead(bucket) },
        managedPolicies: ["AmazonS3ReadOnlyAccess"],
        region: "us-east-1",
        description: "Airflow workers",
        tags: { team: "data" },
      },
      providers: {},
    };
  },
  ImageMirror: () => {
    const key = new aws.kms.Key("registry", { enableKeyRotation: true });
    return {
      args: {
        accountId: "123456789012",
        region: "us-east-1",
        credentials: { ghcr: { username: "acme", accessToken: pulumi.secret("ghp_example") } },
        privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service"],
        kmsKeyArn: key.arn,
        upstreams: ["quay", "ghcr"],
        keepImages: 20,
        untaggedDays: 3,
        protect: true,
        tags: { team: "platform" },
      },
      providers: {},
    };
  },
  GenAiAccess: () => {
    const oidc = oidcProvider();
    return {
      args: {
        provider: "bedrock",
        modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        additionalModelIds: ["amazon.nova-pro-v1:0"],
        region: "us-east-1",
        accountId: accountOf(oidc.arn),
        cluster: eksCapabilities(oidc),
        namespace: "airflow",
        serviceAccounts: ["airflow-worker"],
        guardrail: { contentFilterStrength: "MEDIUM", deniedTopics: [{ name: "legal-advice", definition: "Advice on legal matters.", examples: ["Can I sue my landlord?"] }], blockedWords: ["internal-only"], anonymizePii: ["EMAIL"] },
        invocationLogging: { retentionDays: 14, textData: false },
        costGuard: { kind: "budget", monthlyLimitUsd: 500, emails: ["platform@acme.example"], thresholdPercents: [50, 100] },
        tags: { team: "data" },
      },
      providers: {},
    };
  },
  LlmGateway: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const namespace = new k8s.core.v1.Namespace("ai", { metadata: { name: "ai" } }, { provider: cluster });
    const owner = new random.RandomPassword("litellm-db", { length: 24, special: false });
    const oidc = oidcProvider();
    return {
      args: {
        cluster: eksCapabilities(oidc),
        namespace: namespace.metadata.name,
        models: [
          { name: "llama", backend: "ollama", model: "llama3.2:3b", apiBase: pulumi.interpolate`http://ollama.${namespace.metadata.name}.svc.cluster.local:11434`, rpm: 60 },
          { name: "claude-sonnet", backend: "bedrock", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", tpm: 100000 },
          { name: "gpt", backend: "openai", model: "gpt-4.1-mini", apiBase: "https://api.openai.com/v1", apiKey: pulumi.secret("sk-upstream") },
        ],
        databaseUrl: pulumi.secret(pulumi.interpolate`postgresql://litellm:${owner.result}@postgres.ai.svc.cluster.local:5432/litellm`),
        database: { podLabels: { "app.kubernetes.io/name": "postgres" }, ports: [5432] },
        replicas: 3,
        redis: { url: pulumi.secret("redis://:pw@redis.ai.svc.cluster.local:6379"), peer: { podLabels: { "app.kubernetes.io/name": "redis" }, ports: [6379] } },
        metrics: { scrapers: [{ namespace: "observability", podLabels: { "app.kubernetes.io/name": "prometheus" } }] },
        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } },
        keyDefaults: { rpmLimit: 30, tpmLimit: 20000 },
        keyUpperBounds: { rpmLimit: 120, maxBudgetUsd: 50, budgetDuration: "30d" },
        bedrockAccountId: accountOf(oidc.arn),
        bedrockRegion: "us-east-1",
        clients: [{ namespace: "apps", podLabels: { app: "api" } }],
        egressTo: [{ cidr: "10.2.0.0/16", ports: [3128] }],
        runAsUser: 10001,
        labels: { team: "ai" },
      },
      providers: { kubernetes: cluster },
    };
  },
  MilvusCluster: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const controller = new k8s.apps.v1.Deployment("alb-controller", { spec: { selector: {}, template: {} } }, { provider: cluster });
    const key = new aws.kms.Key("vectors", { enableKeyRotation: true });
    const sasl = new random.RandomPassword("kafka-sasl", { length: 24, special: false });
    return {
      args: {
        cluster: eksCapabilities(oidcProvider(), controller.id),
        namespace: "vectors",
        preset: "production",
        storage: "s3",
        s3: { rootPath: "milvus", kmsKeyArn: key.arn, noncurrentVersionExpirationDays: 14 },
        messageQueue: "external-kafka",
        externalKafka: { brokers: ["b-1.msk.example.com:9096", "b-2.msk.example.com:9096"], securityProtocol: "SASL_SSL", saslMechanism: "SCRAM-SHA-512", saslUsername: "milvus", saslPassword: pulumi.secret(sasl.result) },
        components: { queryNode: { replicas: 3, resources: { requests: { cpu: "2", memory: "8Gi" }, limits: { memory: "8Gi" } }, nodeSelector: { pool: "vectors" }, tolerations: [{ key: "pool", operator: "Equal", value: "vectors", effect: "NoSchedule" }] }, etcd: { replicas: 3, storageSize: "20Gi" } },
        createdWith: { storageSize: { etcd: "20Gi" } },
        access: "internal-load-balancer",
        loadBalancerSourceRanges: ["10.1.0.0/16"],
        clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" }, podLabels: { app: "api" } }],
        tls: { certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", privateKey: pulumi.secret("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n") },
        serviceMonitor: false,
        protect: false,
        values: { log: { level: "warn" } },
        tags: { team: "search" },
      },
      providers: { kubernetes: cluster },
    };
  },
  Postgres: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const namespace = new k8s.core.v1.Namespace("data", { metadata: { name: "data" } }, { provider: cluster });
    return {
      args: {
        cluster: K3S_CAPABILITIES,
        namespace: namespace.metadata.name,
        database: "app",
        databases: [{ name: "n8n", schemas: ["n8n"] }, { name: "litellm", owner: "gateway" }],
        storageSize: "20Gi",
        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        clients: [{ podLabels: { "app.kubernetes.io/name": "n8n" } }],
        protect: false,
        labels: { team: "data" },
      },
      providers: { kubernetes: cluster },
    };
  },
  Redis: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    return {
      args: { cluster: K3S_CAPABILITIES, namespace: "data", storageSize: "4Gi", clients: [{ namespaceLabels: {}, podLabels: { tier: "airflow" } }], protect: false },
      providers: { kubernetes: cluster },
    };
  },
  Airflow: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const namespace = new k8s.core.v1.Namespace("airflow", { metadata: { name: "airflow" } }, { provider: cluster });
    return {
      args: {
        cluster: K3S_CAPABILITIES,
        namespace: namespace.metadata.name,
        airflowVersion: "2.11.0",
        image: "icr.io/mjc-cr/mmjc-airflow-service:2.11.0-1",
        preset: "development",
        dags: { kind: "git-sync", gitRepository: "https://github.com/acme/dags.git", gitSubPath: "dags" },
        ingress: { host: "airflow.localtest.me" },
        env: { GENAI_PROVIDER: "openai", GENAI_MODEL_ID: "llama3.2:3b", GENAI_BASE_URL: pulumi.interpolate`http://llm-gateway.${namespace.metadata.name}.svc.cluster.local:4000` },
        secretEnv: { GENAI_API_KEY: pulumi.secret("sk-gateway") },
        protect: false,
        values: { config: { core: { parallelism: "64" } } },
      },
      providers: { kubernetes: cluster },
    };
  },
  AirflowOnEks: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.1.0.0/16" });
    const subnets = ["a", "b"].map((zone) => new aws.ec2.Subnet(`private-${zone}`, { vpcId: vpc.id, cidrBlock: zone === "a" ? "10.1.0.0/18" : "10.1.64.0/18", availabilityZone: `us-east-1${zone}` }));
    const nodes = new aws.ec2.SecurityGroup("nodes", { vpcId: vpc.id });
    return {
      args: {
        cluster: eksCapabilities(oidcProvider()),
        namespace: "airflow",
        vpcId: vpc.id,
        privateSubnetIds: subnets.map((subnet) => subnet.id),
        nodeSecurityGroupId: nodes.id,
        preset: "development",
        database: { instanceClass: "db.t4g.medium", backupRetentionDays: 3 },
        cache: { nodeType: "cache.t4g.small" },
        ingress: { host: "airflow.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
        logRetentionDays: 30,
        env: { GENAI_MODEL_ID: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", DATASETS: vpc.id.apply(() => "s3://datasets/raw") },
        rolePolicies: { extra: bucketRead(new aws.s3.Bucket("datasets")) },
        protect: false,
        tags: { team: "data" },
      },
      providers: { kubernetes: cluster },
    };
  },
  K3sCluster: () => ({
    args: {
      kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n"),
      context: "minikube",
      storageClass: "standard",
      ingressClass: "nginx",
      ingressController: "nginx",
      nodeArchitecture: "arm64",
      gpu: false,
      imageMirrors: { "docker.io": "registry.lab:5000/docker" },
    },
    providers: {},
  }),
  Ollama: () => {
    const cluster = new k8s.Provider("cluster", { kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") });
    const namespace = new k8s.core.v1.Namespace("ai", { metadata: { name: "ai" } }, { provider: cluster });
    return {
      args: {
        cluster: K3S_CAPABILITIES,
        namespace: namespace.metadata.name,
        models: ["qwen2.5:0.5b"],
        storageSize: "10Gi",
        resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "2Gi" } },
        keepAlive: "1h",
        numParallel: 2,
        maxLoadedModels: 1,
        clients: [{ podLabels: { "app.kubernetes.io/name": "chat" } }],
        runAsUser: 10001,
        protect: false,
        labels: { team: "ai" },
      },
      providers: { kubernetes: cluster },
    };
  },
  AciEnvironment: () => ({
    args: { location: "eastus", resourceGroupName: "rg-datalk", logRetentionDays: 60, registrySku: "Premium", softDeleteRetentionDays: 30, protect: false, tags: { team: "data" } },
    providers: {},
  }),
  CosmosMongo: () => {
    const group = new resources.ResourceGroup("data", { location: "eastus" });
    return {
      args: {
        resourceGroupName: group.name,
        location: "eastus",
        databaseName: "datalk",
        keyVault: { name: "datalk-kv", resourceGroupName: group.name },
        collections: [{ name: "sales", indexes: [{ keys: ["customerId"], unique: true }] }],
        capacityMode: "provisioned",
        maxThroughput: 2000,
        backup: "periodic",
        allowedIpRanges: ["203.0.113.7"],
        protect: false,
        tags: { team: "data" },
      },
      providers: {},
    };
  },
  OllamaContainerGroup: () => {
    const group = new resources.ResourceGroup("apps", { location: "eastus" });
    const identity = new managedidentity.UserAssignedIdentity("apps", { resourceGroupName: group.name });
    return {
      args: {
        // The environment's capabilities as data, fields wired from the resources a program already has.
        environment: {
          location: "eastus",
          resourceGroupName: group.name,
          registryServer: "datalk.azurecr.io",
          identityResourceId: identity.id,
          identityClientId: identity.clientId,
          identityPrincipalId: identity.principalId,
          keyVaultName: "datalk-kv",
          keyVaultUri: "https://datalk-kv.vault.azure.net/",
          workspaceId: "w",
          workspaceName: "datalk-logs",
          workspaceResourceId: "/subscriptions/s/workspaces/w",
        },
        models: ["llama3.2:1b"],
        modelStorage: "azure-files",
        modelShareQuotaGiB: 20,
        ollama: { cpu: 2, memoryInGB: 6, keepAlive: "30m" },
        apps: [{ name: "datalk-api", repository: "datalk-api", tag: "v1", port: 8000, probePath: "/docs", env: { LOG_LEVEL: "info" }, secureEnv: { MONGO_URI: pulumi.secret("mongodb://app:x@h:10255/datalk") } }],
        dnsNameLabel: "datalk-api",
        protect: false,
        tags: { team: "data" },
      },
      providers: {},
    };
  },
  EksCluster: () => {
    const admin = new aws.iam.Role("platform-admin", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) });
    const bucket = new aws.s3.Bucket("artifacts");
    return {
      args: {
        region: "us-east-1",
        availabilityZones: ["us-east-1a", "us-east-1b"],
        publicAccessCidrs: ["203.0.113.0/24"],
        vpcCidr: "10.1.0.0/16",
        natGateways: "single",
        adminRoleArns: [admin.arn],
        nodeGroups: { general: { minSize: 1, desiredSize: 2, maxSize: 3 } },
        nodeRolePolicies: { artifacts: bucketRead(bucket) },
        workloadIdentity: "pod-identity",
        imageMirrors: { "quay.io": "123456789012.dkr.ecr.us-east-1.amazonaws.com/quay" },
        flowLogs: true,
        protect: false,
        chartRepository: "https://aws.github.io/eks-charts",
        tags: { team: "platform" },
      },
      providers: {},
    };
  },
};

/** What a run registered, by URN (registration order is async), everything the engine would be sent. */
function registrations(recorded: Recorded): unknown[] {
  return [...recorded.records].sort((a, b) => a.urn.localeCompare(b.urn)).map(({ urn, parent, provider, dependsOn, protect, retainOnDelete, ignoreChanges, custom, inputs, secretPaths }) => ({
    urn,
    parent,
    provider,
    dependsOn: [...dependsOn].sort(),
    protect,
    retainOnDelete,
    ignoreChanges,
    custom,
    inputs,
    secretPaths: [...secretPaths].sort(),
  }));
}

/** The top-level args the schema marks plain that a case sets (the case runs under the mocks: its applies need resolved values). */
async function plainArgs(name: string): Promise<string[]> {
  const inputs = (JSON.parse(readFileSync(join(REPO_ROOT, SCHEMA_FILE), "utf8")) as PackageSchema).resources[`forja:index:${name}`].inputProperties;
  let set: string[] = [];
  await record(() => (set = Object.keys(CASES[name]().args)));
  return Object.keys(inputs).filter((key) => inputs[key].plain === true && set.includes(key));
}

/**
 * Runs the case with one arg replaced by an Output of the same value (from
 * another resource, so it travels as an Output) and says what went wrong:
 * undefined when construct refused it with a ForjaArgumentError naming the
 * arg and saying it was an Output.
 */
async function outputForPlain(name: string, arg: string, provider: ForjaProvider): Promise<string | undefined> {
  let failure: unknown = "accepted";
  await record(async () => {
    const { args, providers } = CASES[name]();
    const source = new k8s.core.v1.ConfigMap("source", {});
    const inputs = await overTheWire({ ...args, [arg]: source.id.apply(() => args[arg]) });
    await provider.construct("subject", `forja:index:${name}`, inputs, await constructOptions(providers)).catch((error: unknown) => (failure = error));
  }).catch((error: unknown) => (failure ??= error));
  if (failure === "accepted") return "accepted: the component used the Output as if it were plain data";
  if (!(failure instanceof ForjaArgumentError)) return `${(failure as Error).name}: ${(failure as Error).message}`;
  if (!failure.message.startsWith(`${name}: argument "${arg}" was "an Output"`)) return `not refused as an Output: ${failure.message}`;
  return undefined;
}

describe("construct through the package provider", () => {
  const provider = packageProvider();

  it("has a case for every component the package serves", () => {
    expect(Object.keys(CASES).sort()).toEqual(COMPONENTS.map((component) => component.name).sort());
  });

  it("receives args as the engine delivers them: Outputs for args from other resources, nested Outputs, secrets, plain literals", async () => {
    let inputs: pulumi.Inputs = {};
    await record(async () => (inputs = await overTheWire(CASES.WebService().args)));
    const env = inputs.env as Record<string, unknown>;
    const secretEnv = inputs.secretEnv as Record<string, pulumi.Output<string>>;
    expect(pulumi.Output.isInstance(inputs.namespace)).toBe(true);
    expect(pulumi.Output.isInstance(env.DB_HOST)).toBe(true);
    expect(env.MODE).toBe("production");
    expect(await (secretEnv.DB_PASSWORD as unknown as { isSecret: Promise<boolean> }).isSecret).toBe(true);
    expect(inputs.cluster).toEqual(K3S_CAPABILITIES);
  });

  describe.each(COMPONENTS.map((component) => [component.name, component] as const))("%s", (name, Component) => {
    let typescript: Recorded;
    let constructed: Recorded;
    let state: pulumi.Inputs = {};

    beforeAll(async () => {
      typescript = await record(() => {
        const { args, providers } = CASES[name]();
        new Component("subject", args as never, { providers });
      });
      constructed = await record(async () => {
        const { args, providers } = CASES[name]();
        const result = await provider.construct("subject", `forja:index:${name}`, await overTheWire(args), await constructOptions(providers));
        state = result.state;
      });
    }, 120_000);

    it("registers exactly what the TypeScript program registers", () => {
      expect(typescript.records.length).toBeGreaterThan(1);
      expect(registrations(constructed)).toEqual(registrations(typescript));
    });

    it("returns the outputs its schema declares", async () => {
      const schema = JSON.parse(await provider.getSchema()) as PackageSchema;
      expect(Object.keys(state).sort()).toEqual(Object.keys(schema.resources[`forja:index:${name}`].properties).sort());
    });

    it("refuses each plain arg it sets given as an Output, naming it", async () => {
      const plain = await plainArgs(name);
      const failures: Record<string, string> = {};
      for (const arg of plain) {
        const failure = await outputForPlain(name, arg, provider);
        if (failure !== undefined) failures[arg] = failure;
      }
      expect(plain.length).toBeGreaterThan(0);
      expect(failures).toEqual({});
    }, 120_000);
  });

  it("takes K3sCluster's capabilities output as `cluster`: the resources the literal makes, shaped by the capabilities passed", async () => {
    const literal = await record(async () => {
      const { args, providers } = CASES.WebService();
      await provider.construct("subject", "forja:index:WebService", await overTheWire(args), await constructOptions(providers));
    });
    const passed = await record(async () => {
      const k3s = await provider.construct("lab", "forja:index:K3sCluster", await overTheWire(CASES.K3sCluster().args), {});
      const { args, providers } = CASES.WebService();
      // What a Python or YAML program holds: the component's output, one Output of the whole value.
      const inputs = await overTheWire({ ...args, cluster: pulumi.output(k3s.state.capabilities) });
      await provider.construct("subject", "forja:index:WebService", inputs, await constructOptions(providers));
    });
    const subject = (recorded: Recorded) => registrations(recorded).filter((r) => (r as { urn: string }).urn.includes("::subject"));
    const [minikube] = passed.records.filter((r) => r.type === "forja:index:K3sCluster");
    expect(subject(passed).map((r) => (r as { urn: string }).urn)).toEqual(subject(literal).map((r) => (r as { urn: string }).urn));
    // The case's cluster is Minikube's (nginx), the literal K3s's defaults: the Ingress follows what was passed.
    expect(passed.one("kubernetes:networking.k8s.io/v1:Ingress").inputs).toMatchObject({ spec: { ingressClassName: "nginx" } });
    expect(minikube).toBeDefined();
  });

  it("passes an EksCluster's capabilities output into MilvusCluster: its load balancer still waits for the ALB controller", async () => {
    const recorded = await record(async () => {
      const eks = CASES.EksCluster();
      const platform = await provider.construct("platform", "forja:index:EksCluster", await overTheWire({ ...eks.args, workloadIdentity: "irsa" }), await constructOptions(eks.providers));
      const milvus = CASES.MilvusCluster();
      const inputs = await overTheWire({ ...milvus.args, cluster: pulumi.output(platform.state.capabilities) });
      await provider.construct("vectors", "forja:index:MilvusCluster", inputs, await constructOptions(milvus.providers));
    });
    const controller = recorded.records.find((r) => r.name === "platform-alb-controller" && r.type.startsWith("kubernetes:helm.sh"));
    const balancer = recorded.records.find((r) => r.type === "kubernetes:core/v1:Service" && (r.inputs as { spec?: { type?: string } }).spec?.type === "LoadBalancer");
    expect(controller).toBeDefined();
    expect(balancer?.dependsOn).toContain(controller?.urn);
    expect((balancer?.inputs as { metadata: { annotations: Record<string, string> } }).metadata.annotations["forja.dev/ingress-controller"]).toBe("kube-system/platform-alb-controller");
  });

  it("previews a component whose cluster is not created yet without its resources and with its outputs unknown", async () => {
    let state: pulumi.Inputs = {};
    const recorded = await record(async () => {
      const { args, providers } = CASES.WebService();
      const inputs = await overTheWire({ ...args, cluster: pulumi.output(pulumi.unknown) });
      state = (await provider.construct("subject", "forja:index:WebService", inputs, await constructOptions(providers))).state;
    });
    expect(recorded.records.filter((r) => r.urn.includes("::subject")).map((r) => r.type)).toEqual(["forja:index:WebService"]);
    expect(Object.values(state).every((value) => pulumi.isUnknown(value))).toBe(true);
  });

  it("names the component it does not have", async () => {
    await expect(provider.construct("x", "forja:index:Nope", {}, {})).rejects.toThrow("The forja package has no component forja:index:Nope; it has forja:index:WebService");
  });
});
