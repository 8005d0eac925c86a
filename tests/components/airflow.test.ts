import * as pulumi from "@pulumi/pulumi";
import { Airflow } from "../../components/airflow";
import type { AirflowArgs } from "../../components/airflow";
import { CHART_TOP_LEVEL_KEYS } from "../../components/airflow/defaults";
import { validateAirflow } from "../../components/airflow/settings";
import type { AirflowRefs } from "../../components/airflow/values";
import { CHECKSUM_PENDING, airflowNames, airflowValues, brokerUrl, metadataUrl, secretsChecksum, secretsChecksumOutput, uiIngress } from "../../components/airflow/values";
import { settle } from "../../components/core/outputs";
import type { PlainObject } from "../../components/core/merge";
import { chartValues } from "../../components/helm/chart";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { k3sCapabilities } from "../../components/platform/k3s";
import { onCluster, record } from "../harness";
import type { Recorded } from "../harness";
import { AIRFLOW_SCHEMA, keysMissingFromChart, schemaErrors, unknownTopLevelKeys } from "./airflow-chart";

const k3s = k3sCapabilities({});
const ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com";
const eks: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.0.0.0/16" }], controllerReady: "alb-controller-ready" },
  workloadIdentity: { kind: "irsa", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X", issuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/X" },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: { "docker.io": `${ECR}/docker-hub`, "quay.io": `${ECR}/quay`, "public.ecr.aws": `${ECR}/ecr-public`, "icr.io/mjc-cr/mmjc-airflow-service": `${ECR}/mjc-cr/mmjc-airflow-service` },
};
const base: AirflowArgs = { cluster: k3s, namespace: "forja", preset: "development", protect: false };

/** What the class computes, without the SDK: the refs for an EKS install with S3 DAGs, remote logs, an ALB and RDS's CA. */
function eksRefs(version: string, image?: string, user: PlainObject = {}) {
  const args: AirflowArgs = {
    cluster: eks,
    namespace: "airflow",
    airflowVersion: version,
    image,
    dags: { kind: "s3", s3Uri: "s3://dags-bucket/dags" },
    remoteLogging: { baseLogFolder: "s3://logs-bucket/logs", region: "us-east-1" },
    ingress: { host: "airflow.example.com", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" },
    values: user,
  };
  const s = validateAirflow("airflow", args);
  const refs: AirflowRefs = {
    names: airflowNames("airflow"),
    cluster: eks,
    serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/airflow" },
    env: { GENAI_MODEL_ID: "anthropic.claude-3-5-sonnet-20241022-v2:0", AWS_REGION: "us-east-1" },
    secretEnv: [],
    remoteLogging: args.remoteLogging,
    dagsS3Uri: "s3://dags-bucket/dags",
    ingress: args.ingress,
    namespace: "airflow",
    secretsChecksum: "0123abcd",
    databaseCa: true,
  };
  return { s, refs };
}

function eksValues(version: string, image?: string, user: PlainObject = {}): PlainObject {
  const { s, refs } = eksRefs(version, image, user);
  return chartValues({ computed: airflowValues(s, refs), user: s.userValues, mirrors: eks.imageMirrors });
}

describe("validateAirflow", () => {
  it.each<[string, Partial<AirflowArgs>, RegExp]>([
    ["Airflow 2-only keys with Airflow 3", { values: { webserver: { replicas: 2 } } }, /argument "values" was \["webserver"\]; expected no Airflow 2-only keys with airflowVersion 3.1.7/],
    ["Airflow 3-only keys with Airflow 2", { airflowVersion: "2.11.0", values: { ingress: { apiServer: { enabled: true } } } }, /argument "values" was \["ingress.apiServer"\]; expected no Airflow 3-only keys/],
    ["an image without a tag", { image: "icr.io/mjc-cr/mmjc-airflow-service" }, /argument "image" was "icr.io\/mjc-cr\/mmjc-airflow-service"; expected an Airflow image pinned to a tag other than latest, or a digest \(.*has no tag/],
    ["the seed's latest tag", { image: "icr.io/mjc-cr/mmjc-airflow-service:latest" }, /"image".*moving tag "latest"/],
    ["an internet-facing UI without the opt-in", { cluster: eks, ingress: { scheme: "internet-facing", certificateArn: "arn:aws:acm:us-east-1:1:certificate/x" } }, /argument "ingress.allowPublicAccess" was missing; expected true to make the Airflow UI and API internet-facing/],
    ["an internet-facing scheme smuggled through values", { cluster: eks, ingress: {}, values: { ingress: { apiServer: { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing" } } } } }, /"ingress.allowPublicAccess" was missing; expected true when values set alb.ingress.kubernetes.io\/scheme: internet-facing/],
    ["an internet-facing UI without a certificate", { cluster: eks, ingress: { scheme: "internet-facing", allowPublicAccess: true } }, /"ingress.certificateArn" was missing/],
    ["a misspelt top-level key", { values: { workrs: { replicas: 3 } } }, /argument "values" was \["workrs"\]; expected top-level keys of the Airflow chart 1.19.0/],
    ["chart naming overrides", { values: { useStandardNaming: true, fullnameOverride: "af" } }, /argument "values" was \["useStandardNaming","fullnameOverride"\]; expected no naming overrides: Forja refers to the chart's Secrets/],
    ["Airflow 2.9", { airflowVersion: "2.9.3" }, /argument "airflowVersion" was "2.9.3"/],
    ["DAGs from S3 on a cluster without workload identity", { dags: { kind: "s3", s3Uri: "s3://b/dags" } }, /argument "cluster.workloadIdentity.kind" was "none"; expected "irsa" or "pod-identity": DAGs from S3/],
    ["an unknown preset", { preset: "huge" as never }, /argument "preset" was "huge"; expected one of "development", "production"/],
    ["git-sync without a repository", { dags: { kind: "git-sync" } }, /"dags.gitRepository" was missing/],
    ["a release name too long for the chart's object names", {}, /argument "name"/],
  ])("rejects %s", (label, change, expected) => {
    const name = label.startsWith("a release name") ? "an-airflow-release-name-far-too-long" : "airflow";
    expect(() => validateAirflow(name, { ...base, ...change })).toThrow(expected);
  });

  it("registers nothing on bad args and refuses the ambient provider", () => {
    expect(() => new Airflow("airflow", { ...base, image: "apache/airflow" }, onCluster())).toThrow(/argument "image"/);
    expect(() => new Airflow("airflow", base)).toThrow(/argument "opts.providers.kubernetes" was missing/);
    expect(() => new Airflow("airflow", undefined as never)).toThrow(/argument "args" was missing/);
  });
});

describe("connection URLs", () => {
  it("verify RDS against its CA bundle and ElastiCache's certificate over rediss://, credentials URL-encoded", () => {
    expect(metadataUrl("airflow", "p@ss/word", "db.example.com", 5432, "airflow", "require")).toBe("postgresql://airflow:p%40ss%2Fword@db.example.com:5432/airflow?sslmode=require");
    expect(metadataUrl("airflow_app", "pw", "db.example.com", 5432, "airflow", "verify-full", "/opt/airflow/database-ca/ca.pem")).toBe(
      "postgresql://airflow_app:pw@db.example.com:5432/airflow?sslmode=verify-full&sslrootcert=/opt/airflow/database-ca/ca.pem",
    );
    expect(brokerUrl("tok", "cache.example.com", 6379, true)).toBe("rediss://:tok@cache.example.com:6379/0?ssl_cert_reqs=CERT_REQUIRED");
    expect(brokerUrl("tok", "redis.forja.svc", 6379, false)).toBe("redis://:tok@redis.forja.svc:6379/0");
  });
});

describe.each([
  ["3.1.7", "apiServer"],
  ["2.11.0", "webserver"],
])("chart values for Airflow %s", (version, uiSection) => {
  const airflow3 = version.startsWith("3");
  const values = eksValues(version, airflow3 ? undefined : "icr.io/mjc-cr/mmjc-airflow-service:2.11.0-forja.1");
  const get = (path: string) => path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);

  it("validate against chart 1.19.0's values.schema.json, with only keys the chart defines", () => {
    expect(schemaErrors(values)).toEqual([]);
    expect(unknownTopLevelKeys(values)).toEqual([]);
    expect(keysMissingFromChart(values)).toEqual([]);
  });

  it("run the CeleryExecutor on the external database and broker through pre-created Secrets", () => {
    expect(values).toMatchObject({
      executor: "CeleryExecutor",
      airflowVersion: version,
      postgresql: { enabled: false },
      redis: { enabled: false },
      data: { metadataSecretName: "airflow-metadata", brokerUrlSecretName: "airflow-broker-url" },
      fernetKeySecretName: "airflow-fernet-key",
    });
    const versionKeys = Object.keys(values).filter((key) => /^(apiServer|apiSecretKeySecretName|jwtSecretName|dagProcessor|webserver|webserverSecretKeySecretName)$/.test(key));
    expect(versionKeys.sort()).toEqual(airflow3 ? ["apiSecretKeySecretName", "apiServer", "dagProcessor", "jwtSecretName"] : ["webserver", "webserverSecretKeySecretName"]);
    expect(values[airflow3 ? "jwtSecretName" : "webserverSecretKeySecretName"]).toBe(airflow3 ? "airflow-jwt-secret" : "airflow-webserver-secret-key");
  });

  it("turn Helm hooks off on both jobs and keep them; the create-user Job waits for the migration Job through the v4 Chart's depends-on", () => {
    expect(values.migrateDatabaseJob).toMatchObject({ enabled: true, useHelmHooks: false, ttlSecondsAfterFinished: null });
    expect(values.createUserJob).toMatchObject({ enabled: true, useHelmHooks: false, ttlSecondsAfterFinished: null });
    expect(get("createUserJob.jobAnnotations")).toEqual({ "config.kubernetes.io/depends-on": "batch/namespaces/airflow/Job/airflow-run-airflow-migrations" });
    const args = (values.createUserJob as { args: string[] }).args;
    expect(args[2]).toBe('exec airflow users create -r Admin -u "admin" -e "admin@example.com" -f Airflow -l Admin -p "$FORJA_ADMIN_PASSWORD"');
    expect((values.createUserJob as { env: unknown[] }).env).toEqual([{ name: "FORJA_ADMIN_PASSWORD", valueFrom: { secretKeyRef: { name: "airflow-admin", key: "password" } } }]);
  });

  it("send task logs to S3 through a keyless aws connection", () => {
    expect(get("config.logging")).toEqual({ remote_logging: "True", remote_base_log_folder: "s3://logs-bucket/logs", remote_log_conn_id: "aws_default", encrypt_s3_logs: "False" });
  });

  it("run the seed's StatsD exporter and pull every image through the mirrors, pinned", () => {
    expect(get("statsd.enabled")).toBe(true);
    expect(get("images.statsd")).toEqual({ repository: `${ECR}/quay/prometheus/statsd-exporter`, tag: "v0.28.0" });
    const airflowImage = get("images.airflow");
    expect(airflowImage).toEqual(
      airflow3
        ? { repository: `${ECR}/docker-hub/apache/airflow`, tag: "3.1.7", digest: null, pullPolicy: "IfNotPresent" }
        : { repository: `${ECR}/mjc-cr/mmjc-airflow-service`, tag: "2.11.0-forja.1", digest: null, pullPolicy: "IfNotPresent" },
    );
    const sidecar = (get("workers.extraContainers") as { image: string }[])[0];
    expect(sidecar.image).toBe(`${ECR}/ecr-public/aws-cli/aws-cli:2.27.0`);
  });

  it(`route the ${uiSection} through an internal ALB of its own, health-checked, with TLS, from an Ingress outside the chart`, () => {
    // The chart renders no Ingress: only the Ingress beside it waits for the ALB controller, never the chart's pods.
    expect(values.ingress).toBeUndefined();
    expect(JSON.stringify(values)).not.toContain("alb-controller-ready");
    const { s, refs } = eksRefs(version, airflow3 ? undefined : "icr.io/mjc-cr/mmjc-airflow-service:2.11.0-forja.1");
    const ingress = uiIngress(s, refs) as { metadata: PlainObject; spec: PlainObject };
    expect(ingress.spec).toEqual({
      ingressClassName: "alb",
      rules: [{ host: "airflow.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: `airflow-${uiSection === "apiServer" ? "api-server" : "webserver"}`, port: { number: 8080 } } } }] } }],
    });
    expect(ingress.metadata).toMatchObject({ name: "airflow-ui", namespace: "airflow" });
    expect(ingress.metadata.annotations).toEqual({
        "forja.dev/ingress-controller": "alb-controller-ready",
        "alb.ingress.kubernetes.io/scheme": "internal",
        "alb.ingress.kubernetes.io/target-type": "ip",
        "alb.ingress.kubernetes.io/healthcheck-path": airflow3 ? "/api/v2/monitor/health" : "/health",
        "alb.ingress.kubernetes.io/group.name": "airflow-airflow",
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/certificate-arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
    });
  });

  it("mount the database's CA bundle in every Airflow container and hash Forja's Secrets into every pod", () => {
    expect(values.volumes).toEqual([{ name: "database-ca", configMap: { name: "airflow-database-ca" } }]);
    expect(values.volumeMounts).toEqual([{ name: "database-ca", mountPath: "/opt/airflow/database-ca", readOnly: true }]);
    expect(values.airflowPodAnnotations).toEqual({ "forja.dev/secrets-checksum": "0123abcd" });
  });

  it("run as many tasks per worker as its memory limit holds, not the chart's 16", () => {
    expect(get("config.celery.worker_concurrency")).toBe(8);
    expect(get("workers.resources")).toEqual({ requests: { cpu: "400m", memory: "1536Mi" }, limits: { memory: "4Gi" } });
  });

  it("copy DAGs from S3 into every component that parses or runs them, with the role on their service accounts", () => {
    const sections = airflow3 ? ["scheduler", "workers", "triggerer", "dagProcessor"] : ["scheduler", "workers", "triggerer"];
    for (const section of sections) {
      expect(get(`${section}.extraVolumeMounts`)).toEqual([{ name: "s3-dags", mountPath: "/opt/airflow/dags", readOnly: true }]);
      expect((get(`${section}.extraInitContainers`) as { env: unknown[] }[])[0].env).toContainEqual({ name: "DAGS_S3_URI", value: "s3://dags-bucket/dags" });
      expect(get(`${section}.serviceAccount.annotations`)).toEqual({ "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/airflow" });
    }
    expect(get(`${uiSection}.serviceAccount.annotations`)).toEqual({ "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/airflow" });
    expect(get("statsd.serviceAccount.annotations")).toBeUndefined();
  });

  it("run two of everything behind disruption budgets in production, workers and triggerers without log volumes (logs go to S3)", () => {
    for (const section of [uiSection, "scheduler", "triggerer", ...(airflow3 ? ["dagProcessor"] : [])]) {
      expect(get(`${section}.replicas`)).toBe(2);
      expect(get(`${section}.podDisruptionBudget`)).toEqual({ enabled: true, config: { maxUnavailable: 1 } });
    }
    expect(get("config.logging.remote_logging")).toBe("True");
    expect(get("workers.celery")).toEqual({ replicas: 2, persistence: { enabled: false } });
    expect(get("triggerer.persistence")).toEqual({ enabled: false });
  });

  it("pass extra env (GenAiAccess) to every Airflow container, by name (the order a package consumer's map arrives in)", () => {
    expect(values.env).toEqual([
      { name: "AWS_REGION", value: "us-east-1" },
      { name: "GENAI_MODEL_ID", value: "anthropic.claude-3-5-sonnet-20241022-v2:0" },
    ]);
  });
});

describe("chart values against the schema", () => {
  it("fail on a value the schema rejects, and the top-level check catches what the schema lets through", () => {
    expect(schemaErrors(eksValues("3.1.7", undefined, { workers: { celery: { replicas: "two" } } })).join()).toMatch(/\/workers\/celery\/replicas must be integer,null/);
    expect(unknownTopLevelKeys({ ...eksValues("3.1.7"), workrs: {} })).toEqual(["workrs"]);
    expect(schemaErrors({ ...eksValues("3.1.7"), workrs: {} })).toEqual([]);
  });

  it("CHART_TOP_LEVEL_KEYS is the schema's own list", () => {
    expect([...CHART_TOP_LEVEL_KEYS].sort()).toEqual(Object.keys(AIRFLOW_SCHEMA.properties).sort());
  });
});

describe("Airflow on K3s", () => {
  let recorded: Recorded;
  beforeAll(async () => {
    recorded = await record(() => new Airflow("airflow", { ...base, ingress: { host: "airflow.localtest.me" }, secretEnv: { GENAI_API_KEY: "sk-test-0123456789abcdef" } }, onCluster()));
  });

  it("brings its own Postgres and Redis, generated keys in Secrets, and the chart as a template", () => {
    expect(recorded.counts()).toEqual({
      "forja:index:Airflow": 1,
      "forja:index:Postgres": 1,
      "forja:index:Redis": 1,
      // fernet key; api secret key, JWT secret, admin password (Airflow 3); Postgres superuser and airflow owner; Redis.
      "random:index/randomBytes:RandomBytes": 1,
      "random:index/randomPassword:RandomPassword": 6,
      // ... and the secret env.
      "kubernetes:core/v1:Secret": 10,
      "kubernetes:core/v1:Service": 2,
      "kubernetes:networking.k8s.io/v1:Ingress": 1,
      "kubernetes:core/v1:ConfigMap": 1,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": 2,
      "kubernetes:apps/v1:StatefulSet": 2,
      "kubernetes:batch/v1:Job": 1,
      "kubernetes:helm.sh/v4:Chart": 1,
    });
  });

  it("installs chart 1.19.0 as a template after its Secrets and databases, on the in-cluster Postgres and Redis", () => {
    const chart = recorded.one("kubernetes:helm.sh/v4:Chart");
    // A template install: Pulumi applies every object itself, the migration Job included, and runs no Helm hook.
    expect(recorded.ofType("kubernetes:helm.sh/v3:Release")).toEqual([]);
    expect(chart.inputs.values).toMatchObject({ migrateDatabaseJob: { enabled: true, useHelmHooks: false }, createUserJob: { useHelmHooks: false } });
    expect(chart.inputs).toMatchObject({ chart: "airflow", version: "1.19.0", name: "airflow", namespace: "forja", repositoryOpts: { repo: "https://airflow.apache.org" } });
    const values = chart.inputs.values as PlainObject;
    expect(schemaErrors(values)).toEqual([]);
    expect(values).toMatchObject({ workers: { celery: { replicas: 1, persistence: { storageClassName: "local-path" } } }, scheduler: { replicas: 1, podDisruptionBudget: { enabled: false } } });
    const dependencies = new Set(chart.dependsOn);
    // Pulumi expands a component dependency into its resources: the database setup Job and both servers.
    const airflow = recorded.one("forja:index:Airflow").urn;
    for (const record of [...recorded.ofType("kubernetes:core/v1:Secret").filter((r) => r.parent === airflow), recorded.one("kubernetes:batch/v1:Job"), ...recorded.ofType("kubernetes:apps/v1:StatefulSet")]) {
      expect(dependencies.has(record.urn)).toBe(true);
    }
    const metadata = recorded.ofType("kubernetes:core/v1:Secret").find((r) => (r.inputs.metadata as { name: string }).name === "airflow-metadata");
    expect((metadata?.inputs.stringData as { connection: string }).connection).toMatch(/^postgresql:\/\/airflow:[A-Za-z0-9]{32}@airflow-postgres\.forja\.svc\.cluster\.local:5432\/airflow\?sslmode=disable$/);
  });

  it("hands secret env to every Airflow container from its own Secret, never through the chart's values", () => {
    const values = recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject;
    expect(values.extraEnvFrom).toBe("- secretRef:\n    name: airflow-env\n");
    expect(JSON.stringify(values)).not.toContain("sk-test");
    expect(recorded.ofType("kubernetes:core/v1:Secret").find((r) => r.name === "airflow-env")?.secretPaths).toContain("stringData");
  });

  it("lets only Airflow's pods reach its databases", () => {
    for (const policy of recorded.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
      const from = ((policy.inputs.spec as { ingress: { from: unknown[] }[] }).ingress[0].from);
      expect(from[0]).toEqual({ podSelector: { matchLabels: { tier: "airflow", release: "airflow" } } });
    }
  });

  it("never shows a generated secret outside a Pulumi secret: resource inputs, Helm values, manifests", () => {
    const generated = recorded.records.filter((r) => r.type.startsWith("random:")).map((r) => String(r.outputs.result ?? r.outputs.base64));
    expect(generated).toHaveLength(7);
    const visible = JSON.stringify(recorded.records.map((r) => r.redactedInputs));
    for (const value of generated) expect(visible).not.toContain(value.slice(0, 16));
    for (const secret of recorded.ofType("kubernetes:core/v1:Secret")) expect(secret.secretPaths).toContain("stringData");
  });

  it("passes every policy and the Kubernetes schema", () => {
    expect(recorded.policyViolations(false)).toEqual([]);
    expect(recorded.schemaErrors()).toEqual([]);
  });

  it("routes the UI through an Ingress of its own on the cluster's class, not the chart's", () => {
    const ingress = recorded.one("kubernetes:networking.k8s.io/v1:Ingress").inputs as { metadata: PlainObject; spec: { ingressClassName: string; rules: { host: string }[] } };
    expect([ingress.metadata.name, ingress.spec.ingressClassName, ingress.spec.rules[0].host]).toEqual(["airflow-ui", "traefik", "airflow.localtest.me"]);
    expect((recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject).ingress).toBeUndefined();
  });
});

describe("protection", () => {
  it("protects the Fernet key and the in-cluster databases only: every other key may be regenerated", async () => {
    const recorded = await record(() => new Airflow("airflow", { ...base, protect: true }, onCluster()));
    const generated = recorded.records.filter((r) => r.type.startsWith("random:") && r.protect).map((r) => r.name);
    expect(generated.sort()).toEqual(["airflow-fernet-key", "airflow-postgres-user-airflow-password", "airflow-postgres-superuser-password", "airflow-redis-password"].sort());
  });
});

describe("a changed Secret", () => {
  const checksumOf = async (apiKey: string) => {
    const recorded = await record(() => new Airflow("airflow", { ...base, secretEnv: { GENAI_API_KEY: apiKey } }, onCluster()));
    return ((recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject).airflowPodAnnotations as Record<string, string>)["forja.dev/secrets-checksum"];
  };

  it("changes the annotation every Airflow pod template carries, so the pods roll", async () => {
    const [before, same, after] = [await checksumOf("sk-test-0123456789abcdef"), await checksumOf("sk-test-0123456789abcdef"), await checksumOf("sk-test-fedcba9876543210")];
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(same).toBe(before);
    expect(after).not.toBe(before);
  });

  it("hashes Secrets' data whatever the order of their keys, and no value shows in the hash input", () => {
    expect(secretsChecksum([{ a: "1", b: "2" }])).toBe(secretsChecksum([{ b: "2", a: "1" }]));
    expect(secretsChecksum([{ a: "1" }, { b: "2" }])).not.toBe(secretsChecksum([{ a: "1" }, { b: "3" }]));
  });

  it("gives the chart a known checksum even while a preview cannot know a password (a transform would turn an unknown into null)", async () => {
    const pending = secretsChecksumOutput([{ password: pulumi.output(pulumi.unknown) as pulumi.Output<string> }]);
    expect(await settle(pending)).toMatchObject({ known: true, value: CHECKSUM_PENDING });
    const known = secretsChecksumOutput([{ password: "p" }]);
    expect(await settle(known)).toMatchObject({ known: true, secret: false, value: secretsChecksum([{ password: "p" }]) });
  });
});

describe("Airflow 2 keys", () => {
  it("creates the webserver secret key instead of the API secret and JWT secret", async () => {
    const recorded = await record(() => new Airflow("legacy", { ...base, airflowVersion: "2.10.5" }, onCluster()));
    const names = recorded.ofType("kubernetes:core/v1:Secret").map((r) => (r.inputs.metadata as { name: string }).name).filter((n) => n.startsWith("legacy-") && !n.includes("postgres") && !n.includes("redis"));
    expect(names.sort()).toEqual(["legacy-admin", "legacy-broker-url", "legacy-fernet-key", "legacy-metadata", "legacy-webserver-secret-key"]);
    const values = recorded.one("kubernetes:helm.sh/v4:Chart").inputs.values as PlainObject;
    expect(values).toMatchObject({ airflowVersion: "2.10.5", images: { airflow: { repository: "docker.io/apache/airflow", tag: "2.10.5" } }, webserver: { replicas: 1 } });
    expect(schemaErrors(values)).toEqual([]);
  });
});

describe("an image pinned by digest", () => {
  it("is what every Airflow container runs, the chart's default image included", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    const values = eksValues("3.1.7", `docker.io/apache/airflow@${digest}`);
    expect(values).toMatchObject({ defaultAirflowRepository: `${ECR}/docker-hub/apache/airflow`, defaultAirflowDigest: digest, images: { airflow: { tag: null, digest } } });
    expect(schemaErrors(values)).toEqual([]);
  });
});

describe("DAGs from git", () => {
  it("turn on the chart's git-sync with a pinned, mirrored image, valid for the schema", () => {
    const s = validateAirflow("airflow", { ...base, dags: { kind: "git-sync", gitRepository: "https://github.com/acme/dags.git", gitSubPath: "dags", syncIntervalSeconds: 30 } });
    const refs = { names: airflowNames("airflow"), cluster: k3s, env: {}, secretEnv: [], namespace: "forja", secretsChecksum: "0" };
    const values = chartValues({ computed: airflowValues(s, refs), mirrors: { "registry.k8s.io": "mirror.example.com/k8s" } });
    expect(values.dags).toMatchObject({ gitSync: { enabled: true, repo: "https://github.com/acme/dags.git", branch: "main", subPath: "dags", period: "30s" } });
    expect((values.images as PlainObject).gitSync).toEqual({ repository: "mirror.example.com/k8s/git-sync/git-sync", tag: "v4.4.2" });
    expect(schemaErrors(values)).toEqual([]);
    expect(keysMissingFromChart(values)).toEqual([]);
  });
});
