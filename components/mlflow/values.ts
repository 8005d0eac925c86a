/**
 * Pure parts of Mlflow: the plan (args checked, defaults filled), the app
 * spec the shared single-pod renderer turns into objects (no volume: the
 * state is in Postgres and the bucket), the `db upgrade` Job and the
 * ServiceMonitor.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { podDefaults } from "../core/pod";
import { mirrorImage, parseImage } from "../core/images";
import { kubernetesName, shortHash } from "../core/naming";
import type { Peer } from "../core/peer";
import { networkPolicyPeer, peerPorts, peerProblem } from "../core/peer";
import type { Resources } from "../core/resources";
import { restrictedContainerSecurityContext } from "../core/security";
import { hostReason } from "../core/validate";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { DNS_EGRESS, SCRATCH, appSelector, commonAppProblems, httpProbe, plainEnv, secretEnv } from "../stateful-app/values";
import type { MlflowArgs } from "./args";
import { MLFLOW_DEFAULTS, MLFLOW_INTERNAL_HOSTS } from "./defaults";

const COMPONENT = "Mlflow";
/** What a Postgres URL's scheme may be: SQLAlchemy's psycopg2 dialect (the `-full` image's driver). */
const BACKEND_URI_VARIABLE = "MLFLOW_BACKEND_STORE_URI";
const ARTIFACTS_VARIABLE = "MLFLOW_ARTIFACTS_DESTINATION";

export function planMlflow(name: string, args: MlflowArgs) {
  const problems = commonAppProblems(COMPONENT, name, args && { ...args, clients: undefined, resources: args.resources });
  if (!args || typeof args !== "object") problems.throwFirst();
  const plan = withDefaults(
    {
      image: MLFLOW_DEFAULTS.image,
      allowedHosts: [] as string[],
      resources: MLFLOW_DEFAULTS.resources as Resources,
      clients: [] as Peer[],
      metricsSources: [] as Peer[],
      meshSidecar: false,
      labels: {} as Record<string, string>,
    },
    args,
  );
  if (typeof plan.namespace !== "string") problems.add("namespace", plan.namespace, "the namespace's name (a plain string: the allowed host names are built from it)");
  // Without the extras (`-full`), the image has neither psycopg2 nor boto3 and MLflow fails at its first query.
  if (!/-full(@|$)/.test(parseImage(plan.image).tag ?? "")) problems.add("image", plan.image, 'an MLflow "-full" image (e.g. ghcr.io/mlflow/mlflow:v3.18.0-full): the core image has no Postgres driver or boto3');
  if (!plan.database || typeof plan.database !== "object" || !plan.database.urlSecret?.key || plan.database.urlSecret.name === undefined) problems.add("database.urlSecret", plan.database?.urlSecret, "the Secret and key holding the Postgres URL (e.g. Postgres.ownerSecretNames[owner], key url)");
  for (const [argument, peer] of [["database.peer", plan.database?.peer], ["artifacts.peer", plan.artifacts?.peer]] as const) {
    if (!peer || typeof peer !== "object") problems.add(argument, peer, "the pods (or CIDR) to reach, with their ports");
    else if (!peer.ports?.length) problems.add(`${argument}.ports`, peer.ports, "the ports to reach (egress is opened on these only)");
    else problems.check(argument, peer, peerProblem(peer));
  }
  if (!plan.artifacts || plan.artifacts.bucket === undefined || plan.artifacts.bucket === "") problems.add("artifacts.bucket", plan.artifacts?.bucket, "the artifacts bucket");
  plan.allowedHosts.forEach((host, i) => problems.check(`allowedHosts[${i}]`, host, hostReason(host.replace(/:\d+$/, ""))));
  [...plan.clients.map((p, i) => [`clients[${i}]`, p] as const), ...plan.metricsSources.map((p, i) => [`metricsSources[${i}]`, p] as const)].forEach(([argument, peer]) => problems.check(argument, peer, peerProblem(peer)));
  problems.throwFirst();
  return plan;
}
export type MlflowPlan = ReturnType<typeof planMlflow>;

/**
 * Every Host header MLflow answers: its Service by each in-cluster name, with
 * and without the port, the caller's hosts, and pod addresses (probes and
 * scrapes). Anything else gets 403 (DNS-rebinding protection).
 */
export function allowedHosts(name: string, plan: Pick<MlflowPlan, "namespace" | "allowedHosts">): string[] {
  const names = [name, `${name}.${plan.namespace}`, `${name}.${plan.namespace}.svc`, `${name}.${plan.namespace}.svc.cluster.local`];
  return [...names.flatMap((host) => [host, `${host}:${MLFLOW_DEFAULTS.port}`]), ...plan.allowedHosts, ...MLFLOW_INTERNAL_HOSTS];
}

/** The pod's env: the database URL and S3 keys by Secret reference only. */
function mlflowEnv(plan: MlflowPlan): k8s.types.input.core.v1.EnvVar[] {
  const a = plan.artifacts;
  return [
    ...plainEnv({ HOME: "/tmp", PYTHONDONTWRITEBYTECODE: "1" }),
    ...secretEnv(plan.database.urlSecret.name, { [BACKEND_URI_VARIABLE]: plan.database.urlSecret.key }),
    { name: ARTIFACTS_VARIABLE, value: pulumi.interpolate`s3://${a.bucket}` },
    ...(a.url !== undefined
      ? [{ name: "MLFLOW_S3_ENDPOINT_URL", value: a.url }, ...plainEnv({ AWS_DEFAULT_REGION: "us-east-1", AWS_S3_ADDRESSING_STYLE: "path" })]
      : []),
    ...(a.credentialsSecret !== undefined ? secretEnv(a.credentialsSecret, { AWS_ACCESS_KEY_ID: "AWS_ACCESS_KEY_ID", AWS_SECRET_ACCESS_KEY: "AWS_SECRET_ACCESS_KEY" }) : []),
  ];
}

/** The tracking server: uid 1000, read-only root (a /tmp emptyDir), `--allowed-hosts`, Prometheus metrics on /metrics. */
export function mlflowSpec(name: string, plan: MlflowPlan, serviceAccountName?: string): AppPodSpec {
  const port = "http";
  return {
    name,
    app: "mlflow",
    namespace: plan.namespace,
    cluster: plan.cluster,
    image: plan.image,
    uid: MLFLOW_DEFAULTS.uid,
    readOnlyRootFilesystem: true,
    port: { name: port, containerPort: MLFLOW_DEFAULTS.port },
    command: ["mlflow"],
    args: [
      "server",
      "--host=0.0.0.0",
      // Explicit: a Service named mlflow would otherwise set MLFLOW_PORT=tcp://... (service links are off too).
      `--port=${MLFLOW_DEFAULTS.port}`,
      `--workers=${MLFLOW_DEFAULTS.workers}`,
      `--backend-store-uri=$(${BACKEND_URI_VARIABLE})`,
      "--serve-artifacts",
      `--artifacts-destination=$(${ARTIFACTS_VARIABLE})`,
      `--allowed-hosts=${allowedHosts(name, plan).join(",")}`,
      `--expose-prometheus=${MLFLOW_DEFAULTS.metricsDirectory}`,
    ],
    env: mlflowEnv(plan),
    resources: plan.resources,
    readiness: httpProbe("/health", port),
    liveness: httpProbe("/health", port, { periodSeconds: 20, failureThreshold: 5 }),
    startup: httpProbe("/health", port, { failureThreshold: 30 }),
    serviceAccountName,
    // The label opts this pod in even where the namespace does not inject (istiod's object selector).
    templateLabels: { "sidecar.istio.io/inject": String(plan.meshSidecar) },
    // The app starts once its proxy does: its first query to Postgres goes through the sidecar.
    podAnnotations: plan.meshSidecar ? { "proxy.istio.io/config": JSON.stringify({ holdApplicationUntilProxyStarts: true }) } : undefined,
    labels: plan.labels,
  };
}

const egressRule = (peer: Peer) => ({ ...peer, ports: peer.ports ?? [] });

export function mlflowNetwork(plan: MlflowPlan): AppNetwork {
  return {
    clients: [...plan.clients, ...plan.metricsSources],
    egress: [egressRule(plan.database.peer), egressRule(plan.artifacts.peer), ...(plan.meshControlPlane ? [egressRule(plan.meshControlPlane)] : [])],
  };
}

/** The migration Job's pods: labels of their own, so the server's Service never selects them. */
export function migrationSelector(name: string): Record<string, string> {
  return appSelector({ name, app: "mlflow-migrate" });
}

/**
 * `mlflow db upgrade` as a plain Job (upstream's chart makes it a Helm hook,
 * which a v4 Chart never runs), named after the image: a new MLflow runs its
 * migrations once, and the server waits for them (it depends on the Job).
 */
export function renderMigrationJob(name: string, plan: MlflowPlan): k8s.batch.v1.JobArgs {
  const labels = { ...plan.labels, ...migrationSelector(name), "app.kubernetes.io/version": parseImage(plan.image).tag ?? "digest" };
  return {
    metadata: { name: kubernetesName([name, "migrate", shortHash(plan.image)]), namespace: plan.namespace, labels },
    spec: {
      backoffLimit: MLFLOW_DEFAULTS.migrationBackoffLimit,
      activeDeadlineSeconds: MLFLOW_DEFAULTS.migrationDeadlineSeconds,
      template: {
        // Outside the mesh: a sidecar would keep the Job from ever completing.
        metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } },
        spec: {
          restartPolicy: "OnFailure",
          ...podDefaults({ user: MLFLOW_DEFAULTS.uid }),
          nodeSelector: { "kubernetes.io/arch": plan.cluster.nodeArchitecture },
          containers: [
            {
              name: "migrate",
              image: mirrorImage(plan.image, plan.cluster.imageMirrors),
              imagePullPolicy: "IfNotPresent",
              command: ["mlflow", "db", "upgrade", `$(${BACKEND_URI_VARIABLE})`],
              env: [...plainEnv({ HOME: "/tmp", PYTHONDONTWRITEBYTECODE: "1" }), ...secretEnv(plan.database.urlSecret.name, { [BACKEND_URI_VARIABLE]: plan.database.urlSecret.key })],
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: SCRATCH.name, mountPath: SCRATCH.mountPath }],
            },
          ],
          volumes: [{ name: SCRATCH.name, emptyDir: { sizeLimit: SCRATCH.sizeLimit } }],
        },
      },
    },
  };
}

/** The migration pods reach DNS and the database only, and take no traffic. */
export function renderMigrationNetworkPolicy(name: string, plan: MlflowPlan): k8s.networking.v1.NetworkPolicyArgs {
  const db = plan.database.peer;
  return {
    metadata: { name: kubernetesName([name, "migrate"]), namespace: plan.namespace, labels: { ...plan.labels, ...migrationSelector(name) } },
    spec: {
      podSelector: { matchLabels: migrationSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [DNS_EGRESS, { to: [networkPolicyPeer(db)], ports: peerPorts(db.ports) }],
    },
  };
}

/** /metrics on the server's port, every 30 s. */
export function mlflowServiceMonitorSpec(name: string): Record<string, unknown> {
  return { selector: { matchLabels: appSelector({ name, app: "mlflow" }) }, endpoints: [{ port: "http", path: "/metrics", interval: "30s" }] };
}
