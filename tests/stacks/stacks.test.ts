import { reportProblems } from "../../src/offline/report";
import type { SynthReport } from "../../src/offline/report";
import { runStack } from "../harness";
import type { Recorded } from "../harness";

/** The Airflow chart's inputs (stacks also install other charts). */
function airflowChart(recorded: { ofType(type: string): { inputs: Record<string, unknown> }[] }): Record<string, unknown> {
  const found = recorded.ofType("kubernetes:helm.sh/v4:Chart").filter((r) => r.inputs.chart === "airflow");
  if (found.length !== 1) throw new Error(`expected one Airflow chart, found ${found.length}`);
  return found[0].inputs;
}

const STACKS = ["dev", "prod", "aci"] as const;
const results = new Map<string, { report: SynthReport; recorded: Recorded; outputs: Record<string, unknown> }>();

beforeAll(async () => {
  // One program run per stack, shared by every assertion below.
  for (const stack of STACKS) {
    const { run, report, recorded } = await runStack(stack);
    results.set(stack, { report, recorded, outputs: run.outputs });
  }
});

describe.each(STACKS)("stack %s", (stack) => {
  const get = () => results.get(stack)!;

  it("synthesises with no policy violation, schema error or secret leak", () => {
    expect(reportProblems(get().report)).toEqual([]);
  });

  it("parents every resource inside the stack", () => {
    const urns = new Set(get().recorded.records.map((r) => r.urn));
    const orphans = get().recorded.records.filter((r) => r.type !== "pulumi:pulumi:Stack" && (!r.parent || !urns.has(r.parent)));
    expect(orphans.map((r) => r.urn)).toEqual([]);
  });

  it("creates every custom resource through an explicit provider, never the ambient default", () => {
    // Under the mock monitor a resource on the ambient default provider has no provider reference.
    const ambient = get().recorded.records.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && (r.provider === null || r.provider.includes("::default")));
    expect(ambient.map((r) => r.urn)).toEqual([]);
  });

  it("exports the target it was configured with", () => {
    expect(get().outputs.target).toBe({ dev: "k3s", prod: "eks", aci: "aci" }[stack]);
  });
});

describe("stack dev", () => {
  it("puts workloads in a namespace that enforces the restricted Pod Security Standard", () => {
    const namespace = results.get("dev")!.recorded.one("kubernetes:core/v1:Namespace", "forja-namespace");
    expect(namespace.inputs.metadata).toMatchObject({ name: "forja", labels: { "pod-security.kubernetes.io/enforce": "restricted" } });
  });
});

/** Every image reference in a rendered object or Helm values: `image: "..."` strings and `{repository, tag}` maps. */
function imagesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(imagesIn);
  if (!value || typeof value !== "object") return [];
  const object = value as Record<string, unknown>;
  const found: string[] = [];
  if (typeof object.image === "string") found.push(object.image);
  if (typeof object.repository === "string" && typeof object.tag === "string") {
    // Bitnami charts keep the registry apart: `{registry, repository, tag}`.
    found.push(`${typeof object.registry === "string" && object.registry ? `${object.registry}/` : ""}${object.repository}:${object.tag}`);
  }
  return [...found, ...Object.values(object).flatMap(imagesIn)];
}

describe("stack prod", () => {
  const prod = () => results.get("prod")!;

  it("lists the EKS platform and the ECR mirror", () => {
    const counts = prod().recorded.counts();
    expect(counts).toMatchObject({
      "forja:index:EksCluster": 1,
      "forja:index:ImageMirror": 1,
      "eks:index:Cluster": 1,
      "eks:index:ManagedNodeGroup": 1,
      "aws:ec2/natGateway:NatGateway": 3,
      "aws:ecr/pullThroughCacheRule:PullThroughCacheRule": 5,
      "aws:ecr/repository:Repository": 1,
    });
  });

  it("pulls every image of every Kubernetes object and Helm release through the stack's ECR", () => {
    const images = [...prod().report.kubernetes.map((k) => k.object), ...prod().report.helm.map((h) => h.values)].flatMap(imagesIn);
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images.filter((image) => !image.startsWith("111122223333.dkr.ecr.us-east-1.amazonaws.com/"))).toEqual([]);
  });

  it("exports the platform: cluster name, OIDC, egress IPs, kubeconfig as a secret", () => {
    const outputs = prod().outputs;
    expect(outputs).toMatchObject({ kubeconfig: "[secret]", registry: "111122223333.dkr.ecr.us-east-1.amazonaws.com" });
    expect(outputs.egressIps).toHaveLength(3);
    expect(String(outputs.oidcProviderArn)).toMatch(/^arn:aws:iam::111122223333:oidc-provider\//);
    expect(outputs.capabilities).toMatchObject({ kind: "eks", storageClass: "gp3", workloadIdentity: { kind: "irsa", oidcProviderArn: outputs.oidcProviderArn } });
  });

  it("protects the workload namespace, whose deletion would take every volume claim with it", () => {
    const namespace = prod().recorded.one("kubernetes:core/v1:Namespace", "forja-namespace");
    expect([namespace.protect, namespace.retainOnDelete]).toEqual([true, true]);
    expect(results.get("dev")!.recorded.one("kubernetes:core/v1:Namespace", "forja-namespace").protect).toBe(false);
  });

  it("restricts the AWS provider to the configured account", () => {
    expect(prod().recorded.one("pulumi:providers:aws").inputs).toMatchObject({ region: "us-east-1", allowedAccountIds: '["111122223333"]' });
  });

  it("routes the echo service through the internal ALB group", () => {
    const ingress = prod().recorded.one("kubernetes:networking.k8s.io/v1:Ingress", "echo-ingress").inputs as { metadata: { annotations: Record<string, string> }; spec: { ingressClassName: string } };
    expect(ingress.spec.ingressClassName).toBe("alb");
    expect(ingress.metadata.annotations).toMatchObject({ "alb.ingress.kubernetes.io/scheme": "internal", "alb.ingress.kubernetes.io/group.name": "forja-internal" });
  });
});

describe("stack dev services", () => {
  it("runs the echo service behind Traefik in the forja namespace", () => {
    const dev = results.get("dev")!;
    const ingress = dev.recorded.one("kubernetes:networking.k8s.io/v1:Ingress", "echo-ingress").inputs as { metadata: { namespace: string }; spec: { ingressClassName: string } };
    expect(ingress).toMatchObject({ metadata: { namespace: "forja" }, spec: { ingressClassName: "traefik" } });
    expect(dev.outputs.services).toEqual({ echo: "http://echo.forja.svc.cluster.local:8080" });
  });
});

type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("stack Milvus (forja:milvus)", () => {
  const milvusChart = (stack: string) => results.get(stack)!.report.helm.find((h) => h.chart === "milvus")!;

  it("prod: chart 4.2.57 in cluster mode, production preset, Kafka not Pulsar, S3 through IRSA on the regional endpoint", () => {
    const chart = milvusChart("prod");
    const values = chart.values as Values;
    expect(chart).toMatchObject({ type: "kubernetes:helm.sh/v4:Chart", version: "4.2.57", namespace: "milvus", name: "milvus" });
    expect(values.image.all).toEqual({ repository: "111122223333.dkr.ecr.us-east-1.amazonaws.com/docker-hub/milvusdb/milvus", tag: "v2.5.27" });
    expect(values).toMatchObject({
      cluster: { enabled: true },
      pulsarv3: { enabled: false },
      dataNode: { replicas: 2 },
      etcd: { replicaCount: 3, persistence: { enabled: true, storageClass: "gp3" } },
      kafka: { enabled: true, replicaCount: 3, image: { repository: "docker-hub/bitnamilegacy/kafka" }, zookeeper: { replicaCount: 3 } },
      minio: { enabled: false },
      externalS3: { enabled: true, useIAM: true, host: "s3.us-east-1.amazonaws.com" },
    });
    const account = results.get("prod")!.recorded.one("kubernetes:core/v1:ServiceAccount", "forja-milvus-sa").inputs as Values;
    expect(account.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::111122223333:role\/forja-milvus-storage-role-/);
  });

  it("prod: protects the Milvus namespace and bucket, and exports how to connect", () => {
    const recorded = results.get("prod")!.recorded;
    for (const [type, name] of [["kubernetes:core/v1:Namespace", "forja-milvus-namespace"], ["aws:s3/bucket:Bucket", "forja-milvus-bucket"]]) {
      expect([name, recorded.one(type, name).protect, recorded.one(type, name).retainOnDelete]).toEqual([name, true, true]);
    }
    expect(results.get("prod")!.outputs.milvus).toMatchObject({ endpoint: "milvus.milvus.svc.cluster.local:19530", rootCredentialsSecretName: "milvus-root-credentials", bucketName: expect.stringMatching(/^forja-milvus-bucket-/) });
  });

  it("prod: the stack's own workload namespace reaches 19530, no one outside Milvus's namespace reaches 9091, and etcd has a policy/v1 budget", () => {
    const recorded = results.get("prod")!.recorded;
    const ingress = (recorded.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "forja-milvus-netpol").inputs as Values).spec.ingress;
    expect(ingress).toEqual([
      { from: [{ podSelector: {} }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "forja" } }, podSelector: {} }], ports: [{ protocol: "TCP", port: 19530 }] },
    ]);
    expect((recorded.one("kubernetes:policy/v1:PodDisruptionBudget", "forja-milvus-pdb-etcd").inputs as Values).spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": "milvus" } },
    });
    expect((milvusChart("prod").values as Values).etcd.pdb).toEqual({ create: false });
  });

  it("dev: development preset on MinIO with generated credentials, no default credential in any artifact", () => {
    const values = milvusChart("dev").values as Values;
    expect(values).toMatchObject({ dataNode: { replicas: 1 }, etcd: { replicaCount: 1 }, minio: { enabled: true, replicas: 4, existingSecret: "milvus-minio-credentials" }, externalS3: { enabled: false } });
    expect(JSON.stringify(results.get("dev")!.report)).not.toMatch(/minioadmin/i);
    expect(results.get("dev")!.recorded.one("kubernetes:networking.k8s.io/v1:Ingress", "forja-milvus-attu-ingress").inputs).toMatchObject({ spec: { ingressClassName: "traefik" } });
  });
});

describe("stack aci (seed 001)", () => {
  const aci = () => results.get("aci")!;
  const group = () => aci().recorded.one("azure-native:containerinstance:ContainerGroup");

  it("composes the environment, Cosmos DB for MongoDB and the Ollama container group", () => {
    expect(aci().recorded.counts()).toMatchObject({
      "forja:index:AciEnvironment": 1,
      "forja:index:CosmosMongo": 1,
      "forja:index:OllamaContainerGroup": 1,
      "azure-native:containerregistry:Registry": 1,
      "azure-native:keyvault:Vault": 1,
      "azure-native:keyvault:Secret": 1,
      "azure-native:cosmosdb:MongoDBResourceMongoUserDefinition": 1,
      "azure-native:storage:FileShare": 1,
      "azure-native:containerinstance:ContainerGroup": 1,
    });
  });

  it("runs the configured app image from the stack's registry, with the user's connection string as a secure value", () => {
    const server = String(aci().recorded.one("azure-native:containerregistry:Registry").outputs.loginServer);
    const app = (group().inputs.containers as { name: string; image: string; environmentVariables: Record<string, unknown>[] }[]).find((c) => c.name === "datalk-api")!;
    expect(app.image).toBe(`${server}/datalk-api:v1`);
    const mongoUri = app.environmentVariables.find((v) => v.name === "MONGO_URI")!;
    expect(Object.keys(mongoUri)).toEqual(["name", "secureValue"]);
    const stored = (aci().recorded.one("azure-native:keyvault:Secret").inputs.properties as { value: string }).value;
    expect(mongoUri.secureValue).toBe(stored);
    expect(stored).toMatch(/^mongodb:\/\/app:[^@]+@forja-mongo-[a-z0-9]+\.mongo\.cosmos\.azure\.com:10255\/datalk\?/);
  });

  it("publishes port 8000 only and waits for the registry role, the app's database user and the Ollama cache rule", () => {
    expect((group().inputs.ipAddress as { ports: unknown[] }).ports).toEqual([{ port: 8000, protocol: "TCP" }]);
    expect(group().dependsOn).toEqual(
      expect.arrayContaining(
        [
          aci().recorded.one("azure-native:authorization:RoleAssignment", "forja-acr-pull"),
          aci().recorded.one("azure-native:cosmosdb:MongoDBResourceMongoUserDefinition"),
          aci().recorded.one("azure-native:containerregistry:CacheRule"),
        ].map((r) => r.urn),
      ),
    );
    expect([group().deleteBeforeReplace, group().replaceOnChanges]).toEqual([true, expect.arrayContaining(["containers[*].resources", "containers[*].ports", "ipAddress", "subnetIds", "diagnostics"])]);
  });

  it("creates the seed app's collections with their indexes, so its first insert finds them", () => {
    const collections = aci().recorded.ofType("azure-native:cosmosdb:MongoDBResourceMongoDBCollection").map((c) => [c.inputs.collectionName, c.inputs.resource]);
    expect(collections).toEqual([
      ["conversations", { id: "conversations", indexes: [{ key: { keys: ["_id"] } }, { key: { keys: ["userId", "updatedAt"] } }] }],
      ["messages", { id: "messages", indexes: [{ key: { keys: ["_id"] } }, { key: { keys: ["conversationId", "createdAt"] } }] }],
    ]);
  });

  it("protects what holds data in production", () => {
    for (const type of ["azure-native:cosmosdb:DatabaseAccount", "azure-native:keyvault:Vault", "azure-native:containerregistry:Registry", "azure-native:storage:StorageAccount"]) {
      expect([type, aci().recorded.one(type).protect]).toEqual([type, true]);
    }
    expect(aci().recorded.one("azure-native:cosmosdb:DatabaseAccount").inputs.capabilities).toEqual([{ name: "EnableMongo" }, { name: "EnableMongoRoleBasedAccessControl" }]);
  });

  it("exports the app URL, the Ollama URL inside the group and where the connection string lives", () => {
    expect(aci().outputs).toMatchObject({ ollamaUrl: "http://localhost:11434", appUrl: expect.stringMatching(/^http:\/\/datalk-api\.[0-9a-f]+\.eastus\.azurecontainer\.io:8000$/) });
    expect(String(aci().outputs.mongoSecretUri)).toMatch(/^https:\/\/forja-[a-z0-9]+\.vault\.azure\.net\/secrets\/forja-mongo-connection-string$/);
  });
});

describe("stack dev Ollama", () => {
  it("runs a small model on K3s: a StatefulSet on local-path, reachable at its ClusterIP Service", () => {
    const dev = results.get("dev")!;
    const set = dev.recorded.one("kubernetes:apps/v1:StatefulSet", "ollama-statefulset").inputs as { metadata: { namespace: string }; spec: { volumeClaimTemplates: { spec: { storageClassName: string } }[]; template: { spec: { initContainers: { command: string[] }[] } } } };
    expect(set.metadata.namespace).toBe("forja");
    expect(set.spec.volumeClaimTemplates[0].spec.storageClassName).toBe("local-path");
    expect(set.spec.template.spec.initContainers[0].command[2]).toContain("'qwen2.5:0.5b'");
    expect(dev.outputs.ollamaUrl).toBe("http://ollama.forja.svc.cluster.local:11434");
  });
});

/** Every resource a record depends on, directly or through its dependencies. */
function dependencyClosure(recorded: Recorded, urn: string, seen = new Set<string>()): Set<string> {
  for (const dependency of recorded.byUrn(urn).dependsOn) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    dependencyClosure(recorded, dependency, seen);
  }
  return seen;
}

describe.each(["dev", "prod"])("stack %s generated secrets", (stack) => {
  it("never appear in resources.json, helm.json, a manifest or the outputs", () => {
    const { report, recorded } = results.get(stack)!;
    const generated = recorded.records.filter((r) => r.type.startsWith("random:")).map((r) => String(r.outputs.result ?? r.outputs.base64));
    expect(generated.length).toBeGreaterThanOrEqual(5);
    const artifacts = JSON.stringify([report.resources, report.helm, report.kubernetes.map((k) => k.object), report.outputs]);
    expect(generated.filter((value) => artifacts.includes(value.slice(0, 16)))).toEqual([]);
  });
});

describe("stack prod airflow", () => {
  const prod = () => results.get("prod")!;

  it("builds RDS, ElastiCache and the buckets while the EKS cluster is: none of them depends on it, even transitively", () => {
    const recorded = prod().recorded;
    const cluster = recorded.one("eks:index:Cluster").urn;
    const airflow = recorded.one("forja:index:AirflowOnEks").urn;
    const data = ["aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:s3/bucket:Bucket"].flatMap((type) => recorded.ofType(type)).filter((r) => r.parent === airflow);
    // RDS, ElastiCache, the logs and DAGs buckets and their access-log bucket.
    expect(data).toHaveLength(5);
    for (const record of data) expect(dependencyClosure(recorded, record.urn).has(cluster)).toBe(false);
    // The node security group comes from the cluster, so only the ingress rules wait for it.
    for (const rule of recorded.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) expect(dependencyClosure(recorded, rule.urn).has(cluster)).toBe(true);
  });

  it("starts the chart without waiting for the ALB controller: only the UI's Ingress does", () => {
    const recorded = prod().recorded;
    const controller = recorded.ofType("kubernetes:helm.sh/v3:Release").find((r) => r.name.endsWith("alb-controller"));
    expect(controller).toBeDefined();
    const chart = recorded.ofType("kubernetes:helm.sh/v4:Chart").find((r) => r.inputs.chart === "airflow");
    expect(dependencyClosure(recorded, chart!.urn).has(controller!.urn)).toBe(false);
    const ingress = recorded.ofType("kubernetes:networking.k8s.io/v1:Ingress").find((r) => (r.inputs.metadata as { name: string }).name === "airflow-ui");
    expect(dependencyClosure(recorded, ingress!.urn).has(controller!.urn)).toBe(true);
  });

  it("runs the seed's image from ECR as Airflow 2 and exports the seed's outputs", () => {
    const values = airflowChart(prod().recorded).values as { airflowVersion: string; images: { airflow: unknown } };
    expect(values.airflowVersion).toBe("2.10.5");
    expect(values.images.airflow).toEqual({ repository: "111122223333.dkr.ecr.us-east-1.amazonaws.com/mjc-cr/mmjc-airflow-service", tag: "2.10.5-mmjc.1", digest: null, pullPolicy: "IfNotPresent" });
    expect(prod().outputs.airflow).toMatchObject({
      rdsEndpoint: expect.stringMatching(/\.rds\.amazonaws\.com:5432$/),
      redisEndpoint: expect.stringMatching(/\.cache\.amazonaws\.com$/),
      s3BucketNames: { logs: expect.any(String), dags: expect.any(String) },
      roleArn: expect.stringMatching(/^arn:aws:iam::111122223333:role\//),
      adminSecretName: "airflow-admin",
    });
  });
});

describe("stack dev airflow", () => {
  it("runs Airflow 3 on its own Postgres and Redis behind Traefik", () => {
    const dev = results.get("dev")!;
    // Two Postgres: Airflow's and the GenAI gateway's (forja:genai.gateway).
    expect(dev.recorded.counts()).toMatchObject({ "forja:index:Airflow": 1, "forja:index:Postgres": 2, "forja:index:Redis": 1 });
    const ingress = dev.recorded.ofType("kubernetes:networking.k8s.io/v1:Ingress").find((r) => (r.inputs.metadata as { name: string }).name === "airflow-ui");
    expect((ingress?.inputs.spec as { ingressClassName: string }).ingressClassName).toBe("traefik");
    expect(dev.outputs.airflow).toMatchObject({ uiUrl: "http://airflow.localtest.me/", adminUsername: "admin", adminSecretName: "airflow-admin" });
  });
});
