/**
 * Seed 002 rebuilt on Forja, as another team's Pulumi project would: an EKS
 * cluster, GHCR images pulled through ECR, two HTTP services routed on one
 * internet-facing ALB (/service and /), HPA on both, and four queue workers
 * sharing one database secret.
 *
 *   pulumi config set aws:region sa-east-1
 *   pulumi config set accountId 111122223333
 *   pulumi config set --path 'publicAccessCidrs[0]' 198.51.100.0/24
 *   pulumi config set ghcrCredentialArn arn:aws:secretsmanager:...:secret:ecr-pullthroughcache/ghcr
 *   pulumi config set certificateArn arn:aws:acm:...
 *   pulumi config set imageTag 2025.10.29
 *   pulumi config set --secret databaseUrl 'postgresql://...'
 *   pulumi config set databaseCidr 10.20.0.0/24     # where the database lives
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ImageMirror } from "forja/image-mirror";
import { EksCluster } from "forja/eks";
import { WebService } from "forja/web-service";
import type { WebServiceArgs } from "forja/web-service";

const config = new pulumi.Config();
const awsConfig = new pulumi.Config("aws");
const region = awsConfig.require("region");
const accountId = config.require("accountId");
const imageTag = config.require("imageTag");

const aws_ = new aws.Provider("aws", { region: region as aws.Region, allowedAccountIds: [accountId] });
const mirror = new ImageMirror(
  "registry",
  { accountId, region, upstreams: ["ghcr", "ecr-public"], credentials: { ghcr: { credentialArn: config.require("ghcrCredentialArn") } }, protect: true },
  { providers: { aws: aws_ } },
);
const cluster = new EksCluster(
  "financial-move",
  {
    region,
    availabilityZones: ["a", "b", "c"].map((zone) => `${region}${zone}`),
    publicAccessCidrs: config.requireObject<string[]>("publicAccessCidrs"),
    nodeRolePolicies: { "image-mirror": mirror.nodePolicyJson },
    imageMirrors: mirror.mirrors,
  },
  { providers: { aws: aws_ } },
);

// Deleting the namespace would delete everything in it: protected, and kept if removed from the program.
const namespace = new k8s.core.v1.Namespace("prod", { metadata: { name: "prod", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } }, { provider: cluster.provider, protect: true, retainOnDelete: true });
const common = {
  cluster: cluster.capabilities,
  namespace: namespace.metadata.name,
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
  // Default deny is enforced: name the one place these services talk to.
  networkPolicy: { egressTo: [{ cidr: config.require("databaseCidr"), ports: [5432] }] },
} satisfies Partial<WebServiceArgs>;
// cluster.provider waits for the nodes and add-ons; Ingresses wait for the ALB controller on their own.
const opts = { providers: { kubernetes: cluster.provider, aws: aws_ }, dependsOn: [namespace] };
const image = (name: string) => `ghcr.io/financiai-move/${name}:${imageTag}`;
const route = (path: string) => ({ path, internetFacing: true, certificateArn: config.require("certificateArn") });
const databaseUrl = config.requireSecret("databaseUrl");

export const taskService = new WebService(
  "task-service",
  { ...common, image: image("task-service"), port: 8000, autoscaling: { minReplicas: 2, maxReplicas: 10 }, ingress: route("/service"), secretEnv: { DATABASE_URL: databaseUrl } },
  opts,
).url;
export const walletService = new WebService(
  "wallet-cryptotraders-service",
  { ...common, image: image("wallet-cryptotraders-service"), port: 5000, autoscaling: { minReplicas: 2, maxReplicas: 10 }, ingress: route("/"), secretEnv: { DATABASE_URL: databaseUrl } },
  opts,
).url;
for (const worker of ["order-history-worker", "pnl-worker", "user-order-worker", "user-wallet-composition"]) {
  new WebService(worker, { ...common, image: image(worker), replicas: 1, secretEnv: { DATABASE_URL: databaseUrl }, env: { APP_ENV: "production" } }, opts);
}

export const egressIps = cluster.egressIps;
export const kubeconfig = cluster.kubeconfig;
