/**
 * Broken component calls, as a TypeScript user with a cast or a plain
 * JavaScript caller makes them: each must throw ForjaArgumentError naming the
 * argument (never a TypeError), before anything is registered.
 */
import { ForjaArgumentError } from "../../components/core";
import { ImageMirror } from "../../components/image-mirror";
import type { ImageMirrorArgs } from "../../components/image-mirror";
import type { ClusterCapabilities } from "../../components/platform/capabilities";
import { EksCluster } from "../../components/platform/eks";
import type { EksClusterArgs } from "../../components/platform/eks";
import { K3sCluster, k3sCapabilities } from "../../components/platform/k3s";
import { WebService } from "../../components/web-service";
import type { WebServiceArgs } from "../../components/web-service";

const k3s = k3sCapabilities({});
const eks: ClusterCapabilities = {
  kind: "eks",
  storageClass: "gp3",
  ingress: { className: "alb", controller: "aws-alb", annotations: {}, sourcePeers: [{ cidr: "10.0.0.0/16" }] },
  workloadIdentity: { kind: "irsa", oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE", issuerUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE" },
  region: "us-east-1",
  nodeArchitecture: "amd64",
  gpu: false,
  imageMirrors: { "ghcr.io": "111122223333.dkr.ecr.us-east-1.amazonaws.com/ghcr" },
};
const resources = { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } };
const service: WebServiceArgs = { cluster: k3s, namespace: "shop", image: "ghcr.io/acme/api:1.4.2", port: 8000, resources };
const onEks: WebServiceArgs = { ...service, cluster: eks };
const cluster: EksClusterArgs = { region: "us-east-1", availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"], publicAccessCidrs: ["203.0.113.0/24"] };
const mirror: ImageMirrorArgs = { accountId: "111122223333", region: "us-east-1" };
const certificate = (region: string) => `arn:aws:acm:${region}:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a`;
const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`team-${i}`, "data"]));

/** Whatever a plain JavaScript caller might pass. */
const js = <T>(value: unknown): T => value as T;

/** [what is wrong, the call, the argument the error must name, what the message must say] */
const CALLS: [string, () => unknown, string, RegExp?][] = [
  // WebService
  ["WebService without args", () => new WebService("api", js(undefined)), "args"],
  ["WebService with a string for args", () => new WebService("api", js("ghcr.io/acme/api:1.4.2")), "args"],
  ["WebService without a cluster", () => new WebService("api", js({ ...service, cluster: undefined })), "cluster"],
  ["WebService on an unknown ingress controller", () => new WebService("api", { ...service, cluster: js({ ...k3s, ingress: { ...k3s.ingress, controller: "haproxy" } }) }), "cluster.ingress.controller"],
  ["WebService without a namespace", () => new WebService("api", js({ ...service, namespace: undefined })), "namespace"],
  ["WebService in kube-system", () => new WebService("api", { ...service, namespace: "kube-system" }), "namespace", /a namespace of your own/],
  ["WebService in the default namespace", () => new WebService("api", { ...service, namespace: "default" }), "namespace"],
  ["WebService without an image", () => new WebService("api", js({ ...service, image: undefined })), "image"],
  ["WebService with a number for an image", () => new WebService("api", js({ ...service, image: 42 })), "image"],
  ["WebService on an unpinned image", () => new WebService("api", { ...service, image: "nginx" }), "image", /pinned/],
  ["WebService on an image name over 255 characters", () => new WebService("api", { ...service, image: `ghcr.io/acme/${"a".repeat(250)}:1.0` }), "image", /registries allow 255/],
  ["WebService on an image too long once mirrored", () => new WebService("api", { ...onEks, image: `ghcr.io/acme/${"a".repeat(236)}:1.0` }), "image", /registry mirror/],
  ["WebService without resources", () => new WebService("api", js({ ...service, resources: undefined })), "resources"],
  ["WebService without requests", () => new WebService("api", js({ ...service, resources: { limits: { memory: "512Mi" } } })), "resources.requests"],
  ["WebService requesting more CPU than its limit", () => new WebService("api", { ...service, resources: { requests: { cpu: "1500m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } } }), "resources.requests.cpu", /no larger than its limit \(1\)/],
  ["WebService requesting more memory than its limit", () => new WebService("api", { ...service, resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1000Mi" } } }), "resources.requests.memory"],
  ["WebService with a zero memory limit", () => new WebService("api", { ...service, resources: { requests: { cpu: "250m", memory: "0" }, limits: { memory: "0" } } }), "resources.limits.memory"],
  ["WebService with a number for a CPU request", () => new WebService("api", js({ ...service, resources: { requests: { cpu: 1, memory: "256Mi" }, limits: { memory: "512Mi" } } })), "resources.requests.cpu"],
  ["WebService with a port as a string", () => new WebService("api", js({ ...service, port: "8000" })), "port"],
  ["WebService on port 0", () => new WebService("api", { ...service, port: 0 }), "port"],
  ["WebService worker with a service port", () => new WebService("api", { ...service, port: undefined, servicePort: 80 }), "servicePort"],
  ["WebService with extra ports as an object", () => new WebService("api", js({ ...service, extraPorts: { metrics: 9090 } })), "extraPorts"],
  ["WebService with a port name over 15 characters", () => new WebService("api", { ...service, extraPorts: [{ name: "prometheus-metrics", port: 9090 }] }), "extraPorts[0].name"],
  ["WebService with fractional replicas", () => new WebService("api", { ...service, replicas: 1.5 }), "replicas"],
  ["WebService with replicas outside its autoscaling", () => new WebService("api", { ...service, replicas: 10, autoscaling: { minReplicas: 2, maxReplicas: 4 } }), "replicas"],
  ["WebService autoscaling from zero", () => new WebService("api", { ...service, autoscaling: { minReplicas: 0, maxReplicas: 4 } }), "autoscaling.minReplicas"],
  ["WebService with env as a list", () => new WebService("api", js({ ...service, env: ["MODE=fast"] })), "env"],
  ["WebService with a number in env", () => new WebService("api", js({ ...service, env: { PORT: 8000 } })), "env.PORT"],
  ["WebService with an OpenAI key in plain env", () => new WebService("api", { ...service, env: { LLM: "sk-proj-4f9XkQ2mZ8pL1vN6bR3tY7wE0aS5dF" } }), "env.LLM", /OpenAI/],
  ["WebService with an AWS access key in plain env", () => new WebService("api", { ...service, env: { ID: "AKIAIOSFODNN7EXAMPLE" } }), "env.ID", /AWS access key id/],
  ["WebService with a private key in plain env", () => new WebService("api", { ...service, env: { TLS: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----" } }), "env.TLS", /PEM/],
  ["WebService with a Slack token in plain env", () => new WebService("api", { ...service, env: { NOTIFY: "xoxp-1234567890-abcdefghij" } }), "env.NOTIFY", /Slack/],
  ["WebService with env over the ConfigMap limit", () => new WebService("api", { ...service, env: { CORPUS: "c".repeat(1024 * 1024 + 1) } }), "env", /1048576 bytes/],
  ["WebService with a name in env and secretEnv", () => new WebService("api", { ...service, env: { MODE: "a" }, secretEnv: { MODE: "b" } }), "secretEnv.MODE"],
  ["WebService with a misspelt probe", () => new WebService("api", js({ ...service, probes: { readyness: { tcp: {} } } })), "probes.readyness"],
  ["WebService probing a path without a slash", () => new WebService("api", { ...service, probes: { readiness: { http: { path: "healthz" } } } }), "probes.readiness.http.path"],
  ["WebService with a zero probe timeout", () => new WebService("api", { ...service, probes: { readiness: { tcp: {}, timeoutSeconds: 0 } } }), "probes.readiness.timeoutSeconds"],
  ["WebService routing a path without a slash", () => new WebService("api", { ...service, ingress: { path: "api" } }), "ingress.path"],
  ["WebService with an unknown path type", () => new WebService("api", { ...service, ingress: { path: "/", pathType: js("ImplementationSpecific") } }), "ingress.pathType"],
  ["WebService with a URL for a host", () => new WebService("api", { ...service, ingress: { path: "/", host: "https://shop.example.com/" } }), "ingress.host", /not a URL/],
  ["WebService with a path in its host", () => new WebService("api", { ...service, ingress: { path: "/", host: "shop.example.com/v1" } }), "ingress.host"],
  ["WebService with internetFacing as a string", () => new WebService("api", { ...onEks, ingress: { path: "/", internetFacing: js("true"), certificateArn: certificate("us-east-1") } }), "ingress.internetFacing"],
  ["WebService with a certificate that is not an ACM ARN", () => new WebService("api", { ...onEks, ingress: { path: "/", certificateArn: "arn:aws:acm:us-east-1:111122223333:certificate/web" } }), "ingress.certificateArn"],
  ["WebService with a certificate of another region", () => new WebService("api", { ...onEks, ingress: { path: "/", certificateArn: certificate("sa-east-1") } }), "ingress.certificateArn", /us-east-1/],
  ["WebService with a certificate on Traefik", () => new WebService("api", { ...service, ingress: { path: "/", certificateArn: certificate("us-east-1") } }), "ingress.certificateArn", /traefik/],
  ["WebService with a health check path without a slash", () => new WebService("api", { ...onEks, ingress: { path: "/", healthCheckPath: "ping" } }), "ingress.healthCheckPath"],
  ["WebService with a policy ARN for a role", () => new WebService("api", { ...onEks, roleArn: "arn:aws:iam::111122223333:policy/s3-read" }), "roleArn"],
  ["WebService with a GovCloud role in us-east-1", () => new WebService("api", { ...onEks, roleArn: "arn:aws-us-gov:iam::111122223333:role/app" }), "roleArn", /partition/],
  ["WebService with a role policy that is not JSON", () => new WebService("api", { ...onEks, rolePolicies: { s3: "allow s3" } }), "rolePolicies.s3"],
  ["WebService admitting the whole internet", () => new WebService("api", { ...service, networkPolicy: { ingressFrom: [{ cidr: "0.0.0.0/0" }] } }), "networkPolicy.ingressFrom[0].cidr"],
  ["WebService admitting both halves of the internet", () => new WebService("api", { ...service, networkPolicy: { ingressFrom: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }] } }), "networkPolicy.ingressFrom"],
  ["WebService with an egress block that is not a CIDR", () => new WebService("api", { ...service, networkPolicy: { egressTo: [{ cidr: "10.0.0.0/33" }] } }), "networkPolicy.egressTo[0].cidr"],
  ["WebService with a misspelt network policy direction", () => new WebService("api", js({ ...service, networkPolicy: { ingress: [] } })), "networkPolicy.ingress"],
  ["WebService running as root", () => new WebService("api", { ...service, runAsUser: 0 }), "runAsUser"],
  ["WebService with readOnlyRootFilesystem as a string", () => new WebService("api", js({ ...service, readOnlyRootFilesystem: "false" })), "readOnlyRootFilesystem"],
  ["WebService overriding a label Forja sets", () => new WebService("api", { ...service, labels: { "app.kubernetes.io/instance": "other" } }), "labels.app.kubernetes.io/instance"],
  ["WebService with a misspelt argument", () => new WebService("api", js({ ...service, replica: 3 })), "replica"],
  ["WebService with pull secrets as a string", () => new WebService("api", js({ ...service, imagePullSecrets: "ghcr" })), "imagePullSecrets"],
  ["WebService with capitals in its name", () => new WebService("Api", service), "name"],
  // EksCluster
  ["EksCluster without args", () => new EksCluster("prod", js(undefined)), "args"],
  ["EksCluster in a region that does not exist", () => new EksCluster("prod", { ...cluster, region: "us-east-9", availabilityZones: ["us-east-9a", "us-east-9b"] }), "region"],
  ["EksCluster without a region", () => new EksCluster("prod", js({ ...cluster, region: undefined })), "region"],
  ["EksCluster with zones as a string", () => new EksCluster("prod", js({ ...cluster, availabilityZones: "us-east-1a,us-east-1b" })), "availabilityZones"],
  ["EksCluster open to 000.0.0.0/0", () => new EksCluster("prod", { ...cluster, publicAccessCidrs: ["000.0.0.0/0"] }), "publicAccessCidrs", /0\.0\.0\.0\/0 opens the API server/],
  ["EksCluster open to two halves of the internet", () => new EksCluster("prod", { ...cluster, publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }), "publicAccessCidrs", /opens the API server/],
  ["EksCluster open to 203.0.113.7/0", () => new EksCluster("prod", { ...cluster, publicAccessCidrs: ["203.0.113.7/0"] }), "publicAccessCidrs"],
  ["EksCluster with a private range on its public endpoint", () => new EksCluster("prod", { ...cluster, publicAccessCidrs: ["192.168.0.0/16"] }), "publicAccessCidrs[0]"],
  ["EksCluster with endpoint CIDRs as a string", () => new EksCluster("prod", js({ ...cluster, publicAccessCidrs: "203.0.113.0/24" })), "publicAccessCidrs"],
  ["EksCluster with an unknown NAT layout", () => new EksCluster("prod", { ...cluster, natGateways: js("per-zone") }), "natGateways"],
  ["EksCluster with a misspelt workload identity", () => new EksCluster("prod", { ...cluster, workloadIdentity: js("irs") }), "workloadIdentity"],
  ["EksCluster with a short account in an admin role", () => new EksCluster("prod", { ...cluster, adminRoleArns: ["arn:aws:iam::11112222333:role/admin"] }), "adminRoleArns[0]"],
  ["EksCluster with an AWS-reserved tag", () => new EksCluster("prod", { ...cluster, tags: { "aws:cloudformation:stack-name": "x" } }), "tags.aws:cloudformation:stack-name"],
  ["EksCluster with 49 tags", () => new EksCluster("prod", { ...cluster, tags: tags(49) }), "tags", /at most 48 tags/],
  ["EksCluster with a tag value over 256 characters", () => new EksCluster("prod", { ...cluster, tags: { owner: "o".repeat(300) } }), "tags.owner"],
  ["EksCluster with a VPC address without a prefix", () => new EksCluster("prod", { ...cluster, vpcCidr: "10.0.0.0" }), "vpcCidr"],
  ["EksCluster with a Kubernetes version as a number", () => new EksCluster("prod", js({ ...cluster, kubernetesVersion: 1.3 })), "kubernetesVersion"],
  ["EksCluster with privateEndpointOnly as a string", () => new EksCluster("prod", js({ ...cluster, publicAccessCidrs: [], privateEndpointOnly: "yes" })), "privateEndpointOnly"],
  ["EksCluster with no node groups", () => new EksCluster("prod", { ...cluster, nodeGroups: {} }), "nodeGroups"],
  ["EksCluster with a fractional node count", () => new EksCluster("prod", { ...cluster, nodeGroups: { general: { minSize: 2.5 } } }), "nodeGroups.general.minSize"],
  ["EksCluster with a misspelt node group setting", () => new EksCluster("prod", { ...cluster, nodeGroups: { general: js({ instanceType: "m6i.large" }) } }), "nodeGroups.general.instanceType"],
  ["EksCluster with a chart repository over HTTP", () => new EksCluster("prod", { ...cluster, chartRepository: "http://charts.example.com" }), "chartRepository"],
  ["EksCluster with a misspelt argument", () => new EksCluster("prod", js({ ...cluster, vpcCIDR: "10.0.0.0/16" })), "vpcCIDR"],
  ["EksCluster in an existing network of 0.0.0.0/0", () => new EksCluster("prod", { ...cluster, network: { vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidr: "0.0.0.0/0", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"] } }), "network.vpcCidr"],
  // ImageMirror
  ["ImageMirror without args", () => new ImageMirror("mirror", js(undefined)), "args"],
  ["ImageMirror with the account id as a number", () => new ImageMirror("mirror", js({ ...mirror, accountId: 111122223333 })), "accountId"],
  ["ImageMirror in a region that does not exist", () => new ImageMirror("mirror", { ...mirror, region: "eu-west-7" }), "region"],
  ["ImageMirror with upstreams as a string", () => new ImageMirror("mirror", js({ ...mirror, upstreams: "quay" })), "upstreams"],
  ["ImageMirror with an upstream twice", () => new ImageMirror("mirror", { ...mirror, upstreams: ["k8s", "k8s"] }), "upstreams[1]"],
  ["ImageMirror with a credential secret of another account", () => new ImageMirror("mirror", { ...mirror, credentials: { ghcr: { credentialArn: "arn:aws:secretsmanager:us-east-1:444455556666:secret:ecr-pullthroughcache/ghcr" } } }), "credentials.ghcr.credentialArn"],
  ["ImageMirror with both credential forms", () => new ImageMirror("mirror", { ...mirror, credentials: { "docker-hub": { credentialArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub", username: "bot", accessToken: "t" } } }), "credentials.docker-hub"],
  ["ImageMirror with an empty user name", () => new ImageMirror("mirror", { ...mirror, credentials: { "docker-hub": { username: "", accessToken: "dckr_pat_2b3e36beeb386dfdaacb9b46004" } } }), "credentials.docker-hub.username"],
  ["ImageMirror with a tagged private repository", () => new ImageMirror("mirror", { ...mirror, privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service:2025.10.29"] }), "privateRepositories[0]"],
  ["ImageMirror with a private repository inside a cache prefix", () => new ImageMirror("mirror", { ...mirror, privateRepositories: ["icr.io/quay/tools"] }), "privateRepositories[0]", /cache prefix quay\//],
  ["ImageMirror with a key id instead of a KMS ARN", () => new ImageMirror("mirror", { ...mirror, kmsKeyArn: "0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a" }), "kmsKeyArn"],
  ["ImageMirror keeping no images", () => new ImageMirror("mirror", { ...mirror, keepImages: 0 }), "keepImages"],
  ["ImageMirror with an AWS-reserved tag", () => new ImageMirror("mirror", { ...mirror, tags: { "aws:owner": "x" } }), "tags.aws:owner"],
  // K3sCluster
  ["K3sCluster with a string for args", () => new K3sCluster("lab", js("~/.kube/config")), "args"],
  ["K3sCluster with an unknown ingress controller", () => new K3sCluster("lab", { ingressController: js("haproxy") }), "ingressController"],
  ["K3sCluster with an architecture in uname spelling", () => new K3sCluster("lab", { nodeArchitecture: js("x86_64") }), "nodeArchitecture"],
  ["K3sCluster with gpu as a string", () => new K3sCluster("lab", js({ gpu: "false" })), "gpu"],
  ["K3sCluster with a storage class with spaces", () => new K3sCluster("lab", { storageClass: "Local Path" }), "storageClass"],
  ["K3sCluster with an empty kubeconfig", () => new K3sCluster("lab", { kubeconfig: "" }), "kubeconfig"],
  ["K3sCluster with a misspelt argument", () => new K3sCluster("lab", js({ kubeContext: "default" })), "kubeContext"],
];

describe("bad component calls", () => {
  it("are at least sixty", () => {
    expect(CALLS.length).toBeGreaterThanOrEqual(60);
  });

  // Rows have 3 or 4 cells: take each as one array (jest passes `done` for a parameter beyond a row's length).
  it.each(CALLS.map((row) => [row[0], row] as const))("refuses %s", (_label, [, call, argument, message]) => {
    let error: unknown;
    try {
      call();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ForjaArgumentError);
    expect((error as ForjaArgumentError).argument).toBe(argument);
    expect((error as Error).message).toContain(`argument "${argument}"`);
    expect((error as Error).message).toMatch(message ?? /expected/);
  });
});
