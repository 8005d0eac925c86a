/**
 * Seed 004's ML platform from `forja:mlplatform` alone, on k3s (Minikube) or
 * eks: cert-manager, Istio (base, CNI, istiod, gateway), the KubeRay
 * operator, kube-prometheus-stack and, when configured, Argo CD, then the
 * seed's `ml-dev` workloads in forja:namespace. Every flow is declared here:
 *   gateway -> mlflow:5000 (mTLS), gateway -> <detector>-serve-svc:8000 (plaintext: Ray is outside the mesh)
 *   mlflow, its migration Job -> postgres:5432; mlflow -> object store:8333 (S3 on EKS)
 *   prometheus -> mlflow:5000 /metrics (plaintext: the named STRICT exception), Ray pods :8080 (PodMonitor)
 * Between Forja components a flow is `connect(client, server, ports)`; the
 * charts' pods (gateway, Prometheus) are named by their own labels.
 *   mlflow's sidecar -> istiod:15012
 * The mesh takes MLflow only (by its pod label): Postgres, the object store,
 * Ray and every Job stay outside it, guarded by NetworkPolicies (a Job with a
 * sidecar never completes; Ray's own Istio setup is not followed here).
 * Argo CD's Applications sync into namespaces of their own: Forja never
 * manages an object an Application syncs.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import { CertManager } from "../../components/cert-manager";
import type { Peer } from "../../components/core/peer";
import { GitOps } from "../../components/gitops";
import { IstioPolicy, IstioTlsMode } from "../../components/istio-policy";
import type { IstioAuthorizationArgs, IstioJwtArgs } from "../../components/istio-policy";
import { KubeRayOperator, RayService, rayDashboard } from "../../components/kuberay";
import { connect } from "../../components/core/connect";
import { Mlflow, MLFLOW_DEFAULTS } from "../../components/mlflow";
import { Monitoring } from "../../components/monitoring";
import { OBJECT_STORE_DEFAULTS, ObjectStore, ObjectStoreBackend } from "../../components/object-store";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { Postgres } from "../../components/postgres";
import { POSTGRES_DEFAULTS } from "../../components/postgres/defaults";
import { ServiceMesh } from "../../components/service-mesh";
import { appSelector } from "../../components/stateful-app/values";
import type { MlPlatformConfig } from "../config/mlplatform";

/** Fixed names: each object's name is part of how the others reach it. */
export const MLPLATFORM_NAMES = { postgres: "mlflow-db", objectStore: "mlflow-artifacts", mlflow: "mlflow", gateway: "ml-gateway", policy: "ml-dev" } as const;
/** Where the platform's charts put the pods the workloads talk to. */
const GATEWAY: Peer = { namespace: "istio-ingress", podLabels: { istio: "ingressgateway" } };
const GATEWAY_PRINCIPAL = "cluster.local/ns/istio-ingress/sa/istio-ingressgateway";
const ISTIOD: Peer = { namespace: "istio-system", podLabels: { app: "istiod" }, ports: [15012] };
const RAY_SERVE_PORT = 8000;
const SELF_SIGNED_ISSUER = "forja-selfsigned";
/**
 * The Ray head on a 2-CPU machine: half a CPU requested (Ray's default head
 * asks for a whole one, which with the platform and Prometheus does not fit).
 */
export const SMALL_RAY_HEAD = { requests: { cpu: "500m", memory: "1536Mi" }, limits: { cpu: "2", memory: "3Gi" } };

export interface MlPlatformContext {
  project: string;
  stack: string;
  production: boolean;
  cluster: ClusterCapabilities;
  /** forja:namespace, created by the program. */
  namespace: k8s.core.v1.Namespace;
  namespaceName: string;
  providers: { kubernetes: pulumi.ProviderResource; aws?: pulumi.ProviderResource };
  /** eks only: the region and tags of the S3 buckets. */
  aws?: { region: string; tags: Record<string, string> };
}

export interface MlPlatformOutputs {
  urls: Record<string, pulumi.Output<string> | string>;
  grafanaAdminPassword: pulumi.Output<string>;
  artifactsBucket: pulumi.Output<string>;
  argoCdNamespace?: pulumi.Output<string>;
}

/** The gateway's policy when JWT is on: MLflow as before, the detector's /predict with a valid token only. */
function gatewayJwt(config: MlPlatformConfig): { jwt: IstioJwtArgs[]; authorization: IstioAuthorizationArgs[] } {
  if (!config.jwt) return { jwt: [], authorization: [] };
  const withPort = (h: string) => [h, `${h}:*`];
  const { detector, mlflow } = config.hosts;
  return {
    jwt: [{ name: "gateway-jwt", namespace: GATEWAY.namespace, podLabels: GATEWAY.podLabels!, issuer: config.jwt.issuer, jwksUri: config.jwt.jwksUri }],
    authorization: [
      {
        name: "gateway-access",
        namespace: GATEWAY.namespace,
        podLabels: GATEWAY.podLabels!,
        rules: [{ hosts: withPort(mlflow) }, { hosts: withPort(detector), paths: ["/health", "/metrics"] }, { hosts: withPort(detector), paths: ["/predict"], requestPrincipals: ["*"] }],
      },
    ],
  };
}

export function composeMlPlatform(config: MlPlatformConfig, ctx: MlPlatformContext): MlPlatformOutputs {
  const { cluster, namespaceName } = ctx;
  const mlflowPods = appSelector({ name: MLPLATFORM_NAMES.mlflow, app: "mlflow" });
  // The Namespace's output name: whatever is created in it waits for it.
  const namespace = ctx.namespace.metadata.name;
  const opts = (dependsOn: pulumi.Input<pulumi.Resource>[] = []): pulumi.ComponentResourceOptions => ({ providers: ctx.providers, dependsOn });

  // The platform: each chart in a namespace of its own.
  if (config.certManager) new CertManager("cert-manager", { cluster, selfSignedIssuer: SELF_SIGNED_ISSUER, protect: ctx.production }, opts());
  const mesh = new ServiceMesh("mesh", { cluster, size: config.size, cniPlatform: config.cniPlatform, protect: ctx.production }, opts());
  const kuberay = new KubeRayOperator("kuberay", { cluster, protect: ctx.production }, opts());
  const monitoring = new Monitoring("monitoring", { cluster, dashboards: [rayDashboard()], protect: ctx.production }, opts());
  const gitops = config.gitops
    ? new GitOps(
        "gitops",
        {
          cluster,
          repository: { url: config.gitops.repository, sshPrivateKey: config.deployKey ?? pulumi.secret("") },
          applications: config.gitops.applications.map((app) => ({ ...app })),
          protect: ctx.production,
        },
        opts(),
      )
    : undefined;
  if (gitops && !config.deployKey) pulumi.log.warn("forja:mlplatformDeployKey is not set: Argo CD cannot fetch the repository until you run `pulumi config set --secret mlplatformDeployKey \"$(cat deploy-key)\"`", gitops);

  // The seed's ml-dev workloads, each connection named once: the server admits the client, the client's egress allows the server.
  const component = (name: string) => ({ name, namespace: namespaceName });
  const mlflowRef = component(MLPLATFORM_NAMES.mlflow);
  const mlflowToDb = connect(mlflowRef, component(MLPLATFORM_NAMES.postgres), [POSTGRES_DEFAULTS.port]);
  const mlflowToStore = connect(mlflowRef, component(MLPLATFORM_NAMES.objectStore), [OBJECT_STORE_DEFAULTS.s3Port]);
  const postgres = new Postgres(
    MLPLATFORM_NAMES.postgres,
    {
      cluster,
      namespace,
      databases: [{ name: "mlflow", owner: "mlflow" }],
      storageSize: config.storage.postgres,
      // MLflow's server and its migration Job (every pod of the component).
      clients: [mlflowToDb.ingress],
      protect: ctx.production,
    },
    opts([ctx.namespace]),
  );
  const s3 = cluster.kind === "eks";
  const store = new ObjectStore(
    MLPLATFORM_NAMES.objectStore,
    {
      cluster,
      namespace,
      buckets: [config.artifactsBucket],
      backend: s3 ? ObjectStoreBackend.S3 : ObjectStoreBackend.SeaweedFs,
      storageSize: config.storage.objectStore,
      clients: [mlflowToStore.ingress],
      serviceAccounts: s3 ? [MLPLATFORM_NAMES.mlflow] : undefined,
      s3: s3 && ctx.aws ? { region: ctx.aws.region, bucketPrefix: config.bucketPrefix ?? `${ctx.project}-${ctx.stack}`, tags: ctx.aws.tags } : undefined,
      protect: ctx.production,
    },
    opts([ctx.namespace]),
  );
  const bucket = store.buckets.apply((b) => b[config.artifactsBucket]);
  const mlflow = new Mlflow(
    MLPLATFORM_NAMES.mlflow,
    {
      cluster,
      namespace: namespaceName,
      image: config.mlflowImage,
      database: { urlSecret: { name: postgres.ownerSecretNames.apply((n) => n.mlflow), key: "url" }, peer: mlflowToDb.egress },
      // S3 has no pods to name: the store's clientPeer is HTTPS there.
      artifacts: { bucket, url: store.url, credentialsSecret: store.credentialsSecretName, serviceAccountAnnotations: store.serviceAccountAnnotations, peer: s3 ? store.clientPeer : mlflowToStore.egress },
      allowedHosts: [config.hosts.mlflow],
      // The gateway is the chart's Deployment, not a Forja component: only MLflow's half is Forja's to write.
      clients: [GATEWAY],
      metricsSources: [monitoring.prometheusPeer],
      monitoringReady: monitoring.ready,
      meshSidecar: true,
      meshControlPlane: ISTIOD,
      databaseReady: [ctx.namespace, postgres],
      // istiod first: its injector must see MLflow's pod.
      serverReady: [...store.ready, ...mesh.ready],
    },
    opts([ctx.namespace]),
  );
  const detector = new RayService(
    config.detector.name,
    {
      cluster,
      namespace,
      operatorReady: kuberay.ready,
      monitoringReady: monitoring.ready,
      app: { importPath: config.detector.importPath },
      image: config.detector.image,
      headResources: config.size === "small" ? SMALL_RAY_HEAD : undefined,
      workers: { replicas: config.detector.workers },
      imagePullSecrets: config.detector.imagePullSecrets,
    },
    opts([ctx.namespace]),
  );
  const jwt = gatewayJwt(config);
  new IstioPolicy(
    MLPLATFORM_NAMES.policy,
    {
      namespace,
      meshReady: mesh.ready,
      gateway: { name: MLPLATFORM_NAMES.gateway, hosts: [config.hosts.detector, config.hosts.mlflow], selector: GATEWAY.podLabels },
      routes: [
        { name: config.detector.name, hosts: [config.hosts.detector], destination: { host: detector.serveServiceName, port: RAY_SERVE_PORT } },
        { name: MLPLATFORM_NAMES.mlflow, hosts: [config.hosts.mlflow], destination: { host: mlflow.serviceName, port: MLFLOW_DEFAULTS.port } },
      ],
      destinations: [
        { name: MLPLATFORM_NAMES.mlflow, host: pulumi.interpolate`${mlflow.serviceName}.${namespaceName}.svc.cluster.local`, tlsMode: IstioTlsMode.IstioMutual },
        { name: config.detector.name, host: pulumi.interpolate`${detector.serveServiceName}.${namespaceName}.svc.cluster.local`, tlsMode: IstioTlsMode.Disable },
      ],
      // Prometheus is outside the mesh: plaintext on MLflow's port, and the policy below lets it read /metrics only.
      mtls: { mode: "STRICT", scrapeExceptions: [{ name: "mlflow-metrics", podLabels: mlflowPods, ports: [MLFLOW_DEFAULTS.port] }] },
      jwt: jwt.jwt,
      authorization: [
        { name: MLPLATFORM_NAMES.mlflow, podLabels: mlflowPods, rules: [{ principals: [GATEWAY_PRINCIPAL] }, { paths: ["/metrics"], methods: ["GET"] }] },
        ...jwt.authorization,
      ],
    },
    opts([ctx.namespace]),
  );
  return {
    urls: {
      mlflow: mlflow.url,
      detector: detector.serveUrl,
      mlflowPublic: `http://${config.hosts.mlflow}/`,
      detectorPublic: `http://${config.hosts.detector}/`,
    },
    grafanaAdminPassword: monitoring.grafanaAdminPassword,
    artifactsBucket: bucket,
    ...(gitops ? { argoCdNamespace: gitops.namespace } : {}),
  };
}
