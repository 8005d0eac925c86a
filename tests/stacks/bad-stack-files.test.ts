/**
 * Broken stack files, as a hostile or hurried user writes them. Each one goes
 * through the synth command (`npm start -- --stack <name>`) in process and
 * must exit non-zero with one paragraph naming the stack file and the key.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ZOD_PHRASING } from "../../src/config/wording";
import { synth } from "../../src/offline/cli";
import { REPO_ROOT } from "../harness";

type Config = Record<string, unknown>;

const secure = (cipher = "v1:c2VjcmV0") => ({ secure: cipher });
const service = (over: Config = {}): Config => ({
  image: "ghcr.io/acme/api:1.4.2",
  port: 8000,
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
  ...over,
});
/** A service without a port: no Service, no route. */
const worker = (over: Config = {}): Config => Object.fromEntries(Object.entries(service(over)).filter(([key]) => key !== "port"));
const k3s = (extra: Config = {}, services: Config = { api: service() }): Config => ({ "forja:target": "k3s", "forja:services": services, ...extra });
const eks = (section: Config = {}, extra: Config = {}): Config => ({
  "aws:region": "us-east-1",
  "forja:target": "eks",
  "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["203.0.113.0/24"], ...section },
  ...extra,
});
const eksService = (over: Config, section: Config = {}): Config => eks(section, { "forja:services": { api: service(over) } });
const aci = (extra: Config = {}): Config => ({ "azure-native:location": "eastus", "forja:target": "aci", ...extra });
const mirror = (imageMirror: Config): Config => eks({ imageMirror });
const env = (variables: Config): Config => k3s({}, { api: service({ env: variables }) });
const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`team-${i}`, "data"]));
const certificate = (region = "us-east-1") => `arn:aws:acm:${region}:111122223333:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a`;
const secretArn = (name: string, account = "111122223333", region = "us-east-1") => `arn:aws:secretsmanager:${region}:${account}:secret:${name}`;

/** [what is wrong, the stack file (config, or raw YAML text), what the message must say] */
const CASES: [string, Config | string, RegExp][] = [
  // Target, environment, unknown keys
  ["an unknown target", { "forja:target": "gke" }, /forja:target = "gke": expected one of "eks"\|"k3s"\|"aci"/],
  ["no target at all", { "forja:namespace": "apps" }, /forja:target = \(missing\)/],
  ["a target in capitals", { "forja:target": "EKS" }, /forja:target = "EKS"/],
  ["an environment that does not exist", k3s({ "forja:environment": "staging" }), /forja:environment = "staging"/],
  ["an unknown top-level key", k3s({ "forja:replicas": "3" }), /forja:replicas is not a known key/],
  ["a nested key written flat", k3s({ "forja:k3s.storageClass": "standard" }), /forja:k3s\.storageClass is not a known key \(nest it/],
  ["a misspelt section key", k3s({ "forja:k3s": { storageclass: "standard" } }), /forja:k3s\.storageclass is not a known key/],
  ["a section for another target", k3s({ "forja:eks": { accountId: "111122223333" } }), /forja:eks is set but forja:target is "k3s"/],
  // Reserved names
  ["kube-system as the workload namespace", k3s({ "forja:namespace": "kube-system" }), /forja:namespace = "kube-system": expected a namespace of your own/],
  ["default as the workload namespace", k3s({ "forja:namespace": "default" }), /forja:namespace = "default": expected a namespace of your own/],
  ["kube-public as the workload namespace", eks({}, { "forja:namespace": "kube-public" }), /forja:namespace = "kube-public"/],
  ["kube-node-lease as the workload namespace", k3s({ "forja:namespace": "kube-node-lease" }), /forja:namespace = "kube-node-lease"/],
  ["a namespace with capitals and underscores", k3s({ "forja:namespace": "Data_Platform" }), /forja:namespace = "Data_Platform": expected a DNS-1123 label/],
  ["a namespace of 64 characters", k3s({ "forja:namespace": `ml-${"x".repeat(61)}` }), /forja:namespace = "ml-x+": expected a DNS-1123 label/],
  // Tags
  ["an AWS-reserved tag key", eks({}, { "forja:tags": { "aws:createdBy": "platform" } }), /forja:tags\.aws:createdBy: expected a key not starting with "aws:"/],
  ["an AWS-reserved tag key in capitals", eks({}, { "forja:tags": { "AWS:Owner": "platform" } }), /forja:tags\.AWS:Owner: expected a key not starting with "aws:"/],
  ["more tags than AWS allows with Forja's own", eks({}, { "forja:tags": tags(47) }), /forja:tags = "47 tags": expected at most 46 tags \(AWS allows 50 per resource/],
  ["a tag key of 129 characters", eks({}, { "forja:tags": { [`cost-${"c".repeat(124)}`]: "x" } }), /forja:tags\.cost-c+: expected a tag key of 1-128/],
  ["a tag value of 257 characters", eks({}, { "forja:tags": { owner: "o".repeat(257) } }), /forja:tags\.owner = "o+": expected a value of at most 256/],
  ["a tag value that is a number", eks({}, { "forja:tags": { "cost-center": 4200 } }), /forja:tags\.cost-center = 4200: expected a string/],
  ["a tag in Forja's own namespace", eks({}, { "forja:tags": { "forja:stack": "other" } }), /forja:tags\.forja:stack: expected a key outside "forja:"/],
  ["a tag key with a character AWS refuses", eks({}, { "forja:tags": { "owner#1": "data" } }), /forja:tags\.owner#1: expected a tag key of 1-128 letters, digits/],
  ["an Azure-reserved tag name", aci({ "forja:tags": { microsoftOwner: "x" } }), /forja:tags\.microsoftOwner: expected a key not starting with "microsoft"/],
  ["an Azure tag name with a slash", aci({ "forja:tags": { "team/owner": "x" } }), /forja:tags\.team\/owner: expected a tag key of 1-512/],
  // Secrets: every leaf
  ["a kubeconfig in plain text", k3s({ "forja:kubeconfig": "apiVersion: v1\nkind: Config\n" }), /forja:kubeconfig holds a credential in plain text: set it with `pulumi config set --secret kubeconfig/],
  [
    "one secure secret leaf beside a plaintext sibling",
    k3s({ "forja:serviceSecrets": { api: { API_TOKEN: secure(), DB_PASSWORD: "hunter2" } } }, { api: service({ secretEnv: ["API_TOKEN", "DB_PASSWORD"] }) }),
    /forja:serviceSecrets\.api\.DB_PASSWORD holds a credential in plain text: set it with `pulumi config set --secret --path 'serviceSecrets\.api\.DB_PASSWORD'/,
  ],
  ["a registry user in plain text beside its secure token", eks({ imageMirror: { upstreams: ["docker-hub"] } }, { "forja:registryCredentials": { "docker-hub": { username: "acme-bot", accessToken: secure() } } }), /forja:registryCredentials\.docker-hub\.username holds a credential in plain text/],
  ["registry credentials entirely in plain text", eks({}, { "forja:registryCredentials": { ghcr: { username: "acme-bot", accessToken: "ghp_0123456789abcdefghijklmnopqrstuvwxyz" } } }), /forja:registryCredentials\.ghcr\.accessToken holds a credential in plain text/],
  ["a secretEnv name without a value", k3s({}, { api: service({ secretEnv: ["API_TOKEN"] }) }), /forja:serviceSecrets\.api\.API_TOKEN is not set/],
  ["secrets for a service that does not exist", k3s({ "forja:serviceSecrets": { worker: { TOKEN: secure() } } }), /forja:serviceSecrets\.worker is set but there is no forja:services\.worker/],
  ["a secret value no secretEnv lists", k3s({ "forja:serviceSecrets": { api: { TOKEN: secure(), EXTRA: secure() } } }, { api: service({ secretEnv: ["TOKEN"] }) }), /forja:serviceSecrets\.api\.EXTRA is set but forja:services\.api\.secretEnv does not list it/],
  ["a secure value in plain env", k3s({}, { api: service({ env: { API_KEY: secure() } }) }), /forja:services\.api\.env\.API_KEY is a secret, but Forja uses it in plain text/],
  ["a secure tag value", eks({}, { "forja:tags": { owner: secure() } }), /forja:tags\.owner is a secret, but Forja uses it in plain text/],
  ["a kubeconfig on the EKS target", eks({}, { "forja:kubeconfig": secure() }), /forja:kubeconfig is set but forja:target is "eks"/],
  // Credentials in plain env, by name and by value
  ["a password in plain env", env({ DB_PASSWORD: "hunter2" }), /forja:services\.api\.env\.DB_PASSWORD: expected no credentials in plain env \(its name says/],
  ["a GitHub token by name", env({ GITHUB_TOKEN: "redacted" }), /forja:services\.api\.env\.GITHUB_TOKEN: expected no credentials in plain env/],
  ["an AWS secret key by name", env({ AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }), /forja:services\.api\.env\.AWS_SECRET_ACCESS_KEY: expected no credentials/],
  ["an OpenAI key under an innocent name", env({ LLM_CONFIG: "sk-proj-4f9XkQ2mZ8pL1vN6bR3tY7wE0aS5dF" }), /forja:services\.api\.env\.LLM_CONFIG: expected no credentials in plain env \(its value looks like an OpenAI/],
  ["an AWS access key id under an innocent name", env({ AWS_ID: "AKIAIOSFODNN7EXAMPLE" }), /forja:services\.api\.env\.AWS_ID: .*an AWS access key id/],
  ["a GitHub token value", env({ GH: "ghp_16C7e42F292c6912E7710c838347Ae178B4a" }), /forja:services\.api\.env\.GH: .*a GitHub token/],
  ["a Docker Hub token value", env({ REGISTRY_LOGIN: "dckr_pat_2b3e36beeb386dfdaacb9b46004" }), /forja:services\.api\.env\.REGISTRY_LOGIN: .*Docker Hub access token/],
  ["a Slack token value", env({ SLACK_HOOK: "xoxb-2048-4096-AbCdEfGhIjKlMnOp" }), /forja:services\.api\.env\.SLACK_HOOK: .*a Slack token/],
  ["a PEM private key", env({ TLS_KEY_PEM: "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----" }), /forja:services\.api\.env\.TLS_KEY_PEM: .*a PEM private key/],
  ["a database URL with a password", env({ DATABASE_URL: "postgresql://app:s3cret@db.internal:5432/app" }), /forja:services\.api\.env\.DATABASE_URL: .*a URL with a password/],
  ["a Redis URL with only a password", env({ CACHE: "rediss://:s3cret@redis.internal:6380/0" }), /forja:services\.api\.env\.CACHE: .*a URL with a password/],
  ["a JSON Web Token", env({ SESSION: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U" }), /forja:services\.api\.env\.SESSION: .*a JSON Web Token/],
  ["a connection string with a password", env({ SQL: "Server=db;Database=app;User Id=sa;Password=hunter2;" }), /forja:services\.api\.env\.SQL: .*a connection string/],
  // Plain env shape and size
  ["an env value written as a YAML number", env({ PORT: 8080 }), /forja:services\.api\.env\.PORT = 8080: expected a string \(quote numbers and booleans\)/],
  ["an env value written as a YAML boolean", env({ DEBUG: true }), /forja:services\.api\.env\.DEBUG = true: expected a string/],
  ["an env name with a dash", env({ "APP-ENV": "prod" }), /forja:services\.api\.env\.APP-ENV: expected an environment variable name/],
  ["env values over the ConfigMap limit", env({ PROMPTS: "p".repeat(1024 * 1024) }), /forja:services\.api\.env = "10485\d\d bytes": expected at most 1048576 bytes in total/],
  ["the same name in env and secretEnv", k3s({ "forja:serviceSecrets": { api: { MODE: secure() } } }, { api: service({ env: { MODE: "fast" }, secretEnv: ["MODE"] }) }), /forja:serviceSecrets\.api\.MODE: expected a name not also set in env/],
  // Resources
  ["a CPU request above its limit", k3s({}, { api: service({ resources: { requests: { cpu: "2", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } } }) }), /forja:services\.api\.resources\.requests\.cpu = "2": expected a request no larger than its limit \(500m\)/],
  ["a memory request above its limit in other units", k3s({}, { api: service({ resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1000Mi" } } }) }), /forja:services\.api\.resources\.requests\.memory = "1Gi": expected a request no larger than its limit \(1000Mi\)/],
  ["a decimal memory request above a binary limit", k3s({}, { api: service({ resources: { requests: { cpu: "250m", memory: "2G" }, limits: { memory: "1Gi" } } }) }), /forja:services\.api\.resources\.requests\.memory = "2G"/],
  ["a fractional CPU request above a millicore limit", k3s({}, { api: service({ resources: { requests: { cpu: 0.5, memory: "256Mi" }, limits: { cpu: "400m", memory: "512Mi" } } }) }), /forja:services\.api\.resources\.requests\.cpu = "0.5": expected a request no larger than its limit \(400m\)/],
  ["no resources", k3s({}, { api: { image: "ghcr.io/acme/api:1.4.2", port: 8000 } }), /forja:services\.api\.resources = \(missing\)/],
  ["no memory limit", k3s({}, { api: service({ resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1" } } }) }), /forja:services\.api\.resources\.limits\.memory = \(missing\)/],
  ["a quantity that is not one", k3s({}, { api: service({ resources: { requests: { cpu: "lots", memory: "256Mi" }, limits: { memory: "512Mi" } } }) }), /forja:services\.api\.resources\.requests\.cpu = "lots": expected a Kubernetes quantity/],
  ["a negative quantity", k3s({}, { api: service({ resources: { requests: { cpu: "-1", memory: "256Mi" }, limits: { memory: "512Mi" } } }) }), /forja:services\.api\.resources\.requests\.cpu = "-1": expected a quantity >= 0/],
  ["a zero memory limit", k3s({}, { api: service({ resources: { requests: { cpu: "250m", memory: "0" }, limits: { memory: "0" } } }) }), /forja:services\.api\.resources\.limits\.memory = "0": expected a memory limit above 0/],
  ["a quantity with a space", k3s({}, { api: service({ resources: { requests: { cpu: "250 m", memory: "256Mi" }, limits: { memory: "512Mi" } } }) }), /forja:services\.api\.resources\.requests\.cpu = "250 m"/],
  // Images
  ["an image without a tag", k3s({}, { api: service({ image: "nginx" }) }), /forja:services\.api\.image = "nginx": expected an image pinned to a tag other than latest/],
  ["an image on latest", k3s({}, { api: service({ image: "ghcr.io/acme/api:latest" }) }), /forja:services\.api\.image = "ghcr\.io\/acme\/api:latest"/],
  ["an image with capitals in its path", k3s({}, { api: service({ image: "ghcr.io/Acme/API:1.0" }) }), /forja:services\.api\.image = "ghcr\.io\/Acme\/API:1\.0"/],
  ["an image name longer than registries allow", k3s({}, { api: service({ image: `ghcr.io/acme/${"a".repeat(250)}:1.0` }) }), /forja:services\.api\.image = .*registries allow 255/],
  ["an image digest that is not one", k3s({}, { api: service({ image: "ghcr.io/acme/api@sha256:xyz" }) }), /forja:services\.api\.image = "ghcr\.io\/acme\/api@sha256:xyz"/],
  ["an image tag of 129 characters", k3s({}, { api: service({ image: `ghcr.io/acme/api:${"1".repeat(129)}` }) }), /forja:services\.api\.image = "ghcr\.io\/acme\/api:1+"/],
  // Ports, replicas, autoscaling, probes
  ["port 0", k3s({}, { api: service({ port: 0 }) }), /forja:services\.api\.port = 0: expected an integer port 1-65535/],
  ["a port above 65535", k3s({}, { api: service({ port: 80800 }) }), /forja:services\.api\.port = 80800: expected an integer port 1-65535/],
  ["a port written as a string", k3s({}, { api: service({ port: "8000" }) }), /forja:services\.api\.port = "8000": expected (a number|an integer) \(unquote it/],
  ["a servicePort on a worker", k3s({}, { worker: worker({ servicePort: 80 }) }), /forja:services\.worker\.servicePort = 80: expected no servicePort on a worker/],
  ["an extra port clashing with the main one", k3s({}, { api: service({ extraPorts: [{ name: "metrics", port: 8000 }] }) }), /forja:services\.api\.extraPorts\[0\]\.port = 8000: expected a port distinct/],
  ["an extra port named http", k3s({}, { api: service({ extraPorts: [{ name: "http", port: 9090 }] }) }), /forja:services\.api\.extraPorts\[0\]\.name = "http"/],
  ["negative replicas", k3s({}, { api: service({ replicas: -1 }) }), /forja:services\.api\.replicas = -1: expected a non-negative integer/],
  ["replicas outside the autoscaling bounds", k3s({}, { api: service({ replicas: 1, autoscaling: { minReplicas: 2, maxReplicas: 4 } }) }), /forja:services\.api\.replicas = 1: expected a count within autoscaling's 2-4/],
  ["autoscaling with min above max", k3s({}, { api: service({ autoscaling: { minReplicas: 5, maxReplicas: 2 } }) }), /forja:services\.api\.autoscaling\.maxReplicas = 2: expected an integer >= minReplicas \(5\)/],
  ["a CPU target above 100%", k3s({}, { api: service({ autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 150 } }) }), /forja:services\.api\.autoscaling\.cpuUtilization = 150: expected a percentage 1-100/],
  ["a probe path without a slash", k3s({}, { api: service({ probes: { readiness: { http: { path: "health" } } } }) }), /forja:services\.api\.probes\.readiness\.http\.path = "health": expected a path starting with "\/"/],
  ["a probe with two checks", k3s({}, { api: service({ probes: { readiness: { http: { path: "/health" }, tcp: {} } } }) }), /forja:services\.api\.probes\.readiness = .*: expected exactly one of http, tcp or exec/],
  ["an exec probe without a command", k3s({}, { api: service({ probes: { liveness: { exec: { command: [] } } } }) }), /forja:services\.api\.probes\.liveness\.exec\.command = \[\]: expected a non-empty list/],
  ["a TCP probe on a worker without a port", k3s({}, { worker: worker({ probes: { readiness: { tcp: {} } } }) }), /forja:services\.worker\.probes\.readiness = .*: expected a port \(the service has none\)/],
  // Ingress
  ["a route path without a slash", k3s({}, { api: service({ ingress: { path: "api" } }) }), /forja:services\.api\.ingress\.path = "api": expected a path starting with "\/"/],
  ["a route on a worker", k3s({}, { worker: worker({ ingress: { path: "/jobs" } }) }), /forja:services\.worker\.ingress = .*: expected no ingress on a worker/],
  ["a host given as a URL", k3s({}, { api: service({ ingress: { path: "/", host: "https://api.example.com" } }) }), /forja:services\.api\.ingress\.host = "https:\/\/api\.example\.com": expected a host name, not a URL \(drop the scheme: "api\.example\.com"\)/],
  ["a host with a port", k3s({}, { api: service({ ingress: { path: "/", host: "api.example.com:443" } }) }), /forja:services\.api\.ingress\.host = "api\.example\.com:443": expected a host name without port/],
  ["a host that is an IP address", k3s({}, { api: service({ ingress: { path: "/", host: "203.0.113.10" } }) }), /forja:services\.api\.ingress\.host = "203\.0\.113\.10": expected a host name: Ingress rules match names/],
  ["a host in capitals", k3s({}, { api: service({ ingress: { path: "/", host: "API.Example.com" } }) }), /forja:services\.api\.ingress\.host = "API\.Example\.com": expected a lower-case DNS name/],
  ["a health-check path without a slash", eksService({ ingress: { path: "/api", healthCheckPath: "healthz" } }), /forja:services\.api\.ingress\.healthCheckPath = "healthz": expected a path starting with "\/"/],
  ["an IAM server certificate instead of an ACM one", eksService({ ingress: { path: "/", internetFacing: true, certificateArn: "arn:aws:iam::111122223333:server-certificate/web" } }), /forja:services\.api\.ingress\.certificateArn = "arn:aws:iam::111122223333:server-certificate\/web": expected an ACM certificate ARN/],
  ["a certificate from another region", eksService({ ingress: { path: "/", internetFacing: true, certificateArn: certificate("eu-west-1") } }), /forja:services\.api\.ingress\.certificateArn = .*: expected a certificate in us-east-1, the cluster's region/],
  ["a certificate on a Traefik ingress", k3s({}, { api: service({ ingress: { path: "/", certificateArn: certificate() } }) }), /forja:services\.api\.ingress\.certificateArn = .*: expected no ACM certificate on a traefik ingress/],
  ["an internet-facing route without TLS", eksService({ ingress: { path: "/", internetFacing: true } }), /forja:services\.api\.ingress\.certificateArn = \(missing\): expected a certificate for an internet-facing route/],
  ["a path type in lower case", k3s({}, { api: service({ ingress: { path: "/", pathType: "prefix" } }) }), /forja:services\.api\.ingress\.pathType = "prefix"/],
  ["two services on one host and path", k3s({}, { api: service({ ingress: { path: "/api", host: "shop.example.com" } }), web: service({ ingress: { path: "/api/", host: "shop.example.com" } }) }), /forja:services\.web\.ingress\.path = "\/api\/": expected a route no other service claims: forja:services\.api already routes shop\.example\.com \/api/],
  [
    "a load balancer group mixing HTTPS and plain HTTP",
    eks({}, { "forja:services": { api: service({ ingress: { path: "/api", group: "shop", internetFacing: true, certificateArn: certificate() } }), web: service({ ingress: { path: "/", group: "shop", internetFacing: true, allowPlainHttp: true } }) } }),
    /forja:services\.web\.ingress\.group = "shop": expected a load balancer group whose routes agree on scheme and TLS/,
  ],
  ["a group name with spaces", eksService({ ingress: { path: "/", group: "My Shop" } }), /forja:services\.api\.ingress\.group = "My Shop"/],
  ["a plain-HTTP opt-out on an internal route", eksService({ ingress: { path: "/", allowPlainHttp: true } }), /forja:services\.api\.ingress\.allowPlainHttp = true: expected allowPlainHttp only on an internet-facing route/],
  // Roles
  ["a policy ARN as the role", eksService({ roleArn: "arn:aws:iam::111122223333:policy/app-s3" }), /forja:services\.api\.roleArn = "arn:aws:iam::111122223333:policy\/app-s3": expected an IAM role ARN/],
  ["a user ARN as the role", eksService({ roleArn: "arn:aws:iam::111122223333:user/deploy" }), /forja:services\.api\.roleArn = "arn:aws:iam::111122223333:user\/deploy"/],
  ["a China role in a us-east-1 cluster", eksService({ roleArn: "arn:aws-cn:iam::111122223333:role/app" }), /forja:services\.api\.roleArn = "arn:aws-cn:iam::111122223333:role\/app": expected a role of the aws partition/],
  ["a role on K3s", k3s({}, { api: service({ roleArn: "arn:aws:iam::111122223333:role/app" }) }), /forja:services\.api\.roleArn is set but forja:target "k3s" gives pods no cloud role/],
  ["a role policy that is not JSON", eksService({ rolePolicies: { s3: "s3:GetObject on my-bucket" } }), /forja:services\.api\.rolePolicies\.s3 = "s3:GetObject on my-bucket": expected an IAM policy document/],
  ["both a role and role policies", eksService({ roleArn: "arn:aws:iam::111122223333:role/app", rolePolicies: { s3: { Version: "2012-10-17", Statement: [] } } }), /forja:services\.api\.rolePolicies = \["s3"\]: expected either roleArn/],
  // Network policy peers
  ["ingress from 0.0.0.0/0", k3s({}, { api: service({ networkPolicy: { ingressFrom: [{ cidr: "0.0.0.0/0" }] } }) }), /forja:services\.api\.networkPolicy\.ingressFrom\[0\]\.cidr = "0\.0\.0\.0\/0": expected a narrower block/],
  ["ingress from the internet with leading zeros", k3s({}, { api: service({ networkPolicy: { ingressFrom: [{ cidr: "000.0.0.0/0" }] } }) }), /forja:services\.api\.networkPolicy\.ingressFrom\[0\]\.cidr = "000\.0\.0\.0\/0": expected a narrower block/],
  ["ingress from the internet behind a host address", k3s({}, { api: service({ networkPolicy: { ingressFrom: [{ cidr: "203.0.113.7/0" }] } }) }), /forja:services\.api\.networkPolicy\.ingressFrom\[0\]\.cidr = "203\.0\.113\.7\/0": expected a narrower block/],
  ["an egress block that is not a CIDR", k3s({}, { api: service({ networkPolicy: { egressTo: [{ cidr: "10.0.0.0/33", ports: [5432] }] } }) }), /forja:services\.api\.networkPolicy\.egressTo\[0\] = \{"cidr":"10\.0\.0\.0\/33","ports":\[5432\]\}: expected an IPv4 or IPv6 CIDR in cidr, such as 10\.0\.0\.0\/8 \(got 10\.0\.0\.0\/33\)/],
  ["a peer that is both a block and pods", k3s({}, { api: service({ networkPolicy: { egressTo: [{ cidr: "10.20.0.0/24", namespace: "db" }] } }) }), /forja:services\.api\.networkPolicy\.egressTo\[0\] = .*: expected either cidr or namespace\/pod selectors, not both/],
  ["a peer naming its namespace twice", k3s({}, { api: service({ networkPolicy: { ingressFrom: [{ namespace: "web", namespaceLabels: { team: "web" } }] } }) }), /forja:services\.api\.networkPolicy\.ingressFrom\[0\] = .*: expected at most one of namespace and namespaceLabels/],
  ["ingress on a port the container does not listen on", k3s({}, { api: service({ networkPolicy: { ingressFrom: [{ namespace: "web", ports: [9090] }] } }) }), /forja:services\.api\.networkPolicy\.ingressFrom\[0\]\.ports = \[9090\]: expected ports the container listens on/],
  // Other service settings
  ["a service running as root", k3s({}, { api: service({ runAsUser: 0 }) }), /forja:services\.api\.runAsUser = 0: expected a non-root UID/],
  ["a pull secret name with spaces", k3s({}, { api: service({ imagePullSecrets: ["GHCR creds"] }) }), /forja:services\.api\.imagePullSecrets\[0\] = "GHCR creds"/],
  ["a label Forja sets itself", k3s({}, { api: service({ labels: { "app.kubernetes.io/name": "other" } }) }), /forja:services\.api\.labels\.app\.kubernetes\.io\/name: expected a label Forja does not set itself/],
  ["a misspelt service key", k3s({}, { api: service({ replica: 3 }) }), /forja:services\.api\.replica is not a known key/],
  ["a service name with capitals", k3s({}, { Api: service() }), /forja:services\.Api: expected a DNS-1123 label of at most 52 characters/],
  ["a service name of 60 characters", k3s({}, { [`api-${"x".repeat(56)}`]: service() }), /forja:services\.api-x+: expected a DNS-1123 label of at most 52 characters/],
  // EKS: region, account, endpoint
  ["EKS without a region", { "forja:target": "eks", "forja:eks": { accountId: "111122223333", publicAccessCidrs: ["203.0.113.0/24"] } }, /aws:region is missing/],
  ["a region that does not exist", eks({}, { "aws:region": "us-east-9" }), /aws:region = "us-east-9": expected an AWS region/],
  ["a region in capitals", eks({}, { "aws:region": "US-EAST-1" }), /aws:region = "US-EAST-1": expected an AWS region .*did you mean us-east-1\?/],
  ["an account id that lost its leading zero", eks({ accountId: 12345678901 }), /forja:eks\.accountId = "12345678901": expected a 12-digit AWS account id/],
  ["EKS without its section", { "aws:region": "us-east-1", "forja:target": "eks" }, /forja:eks is missing/],
  ["an API endpoint open to 0.0.0.0/0", eks({ publicAccessCidrs: ["0.0.0.0/0"] }), /forja:eks\.publicAccessCidrs = .*: expected your own CIDRs: 0\.0\.0\.0\/0 opens the API server/],
  ["an API endpoint open to 000.0.0.0/0", eks({ publicAccessCidrs: ["000.0.0.0/0"] }), /forja:eks\.publicAccessCidrs = .*0\.0\.0\.0\/0 opens the API server/],
  ["an API endpoint open to 203.0.113.7/0", eks({ publicAccessCidrs: ["203.0.113.7/0"] }), /forja:eks\.publicAccessCidrs = .*0\.0\.0\.0\/0 opens the API server/],
  ["an API endpoint open to two halves of the internet", eks({ publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] }), /forja:eks\.publicAccessCidrs = .*0\.0\.0\.0\/0 opens the API server/],
  ["a private range on the public endpoint", eks({ publicAccessCidrs: ["10.0.0.0/8"] }), /forja:eks\.publicAccessCidrs\[0\] = "10\.0\.0\.0\/8": expected a public address block/],
  ["an endpoint CIDR that is a word", eks({ publicAccessCidrs: ["office"] }), /forja:eks\.publicAccessCidrs\[0\] = "office": expected an IPv4 CIDR/],
  ["an endpoint CIDR with host bits", eks({ publicAccessCidrs: ["203.0.113.7/24"] }), /forja:eks\.publicAccessCidrs\[0\] = "203\.0\.113\.7\/24": expected the network address 203\.0\.113\.0\/24/],
  ["an endpoint CIDR listed twice", eks({ publicAccessCidrs: ["203.0.113.0/24", "203.0.113.0/24"] }), /forja:eks\.publicAccessCidrs\[1\] = "203\.0\.113\.0\/24": expected each CIDR once/],
  ["an IPv6 endpoint CIDR", eks({ publicAccessCidrs: ["::/0"] }), /forja:eks\.publicAccessCidrs\[0\] = "::\/0": expected an IPv4 CIDR/],
  ["a public endpoint and privateEndpointOnly", eks({ privateEndpointOnly: true }), /forja:eks\.publicAccessCidrs = \["203\.0\.113\.0\/24"\]: expected none when privateEndpointOnly is true/],
  ["no way to reach the API server", eks({ publicAccessCidrs: [] }), /forja:eks\.publicAccessCidrs = \[\]: expected the CIDRs `pulumi up` runs from/],
  // EKS: network
  ["a VPC wider than /16", eks({ vpcCidr: "10.0.0.0/8" }), /forja:eks\.vpcCidr = "10\.0\.0\.0\/8": expected an IPv4 CIDR from \/16 to \/20/],
  ["a VPC CIDR that is not a network address", eks({ vpcCidr: "10.0.1.0/16" }), /forja:eks\.vpcCidr = "10\.0\.1\.0\/16": expected a network address \(10\.0\.0\.0\/16\)/],
  ["a link-local VPC", eks({ vpcCidr: "169.254.0.0/16" }), /forja:eks\.vpcCidr = "169\.254\.0\.0\/16": expected a private range/],
  ["a zone of another region", eks({ availabilityZones: ["us-east-1a", "us-west-2b"] }), /forja:eks\.availabilityZones\[1\] = "us-west-2b": expected a zone of us-east-1/],
  ["a zone listed twice", eks({ availabilityZones: ["us-east-1a", "us-east-1a"] }), /forja:eks\.availabilityZones = .*: expected distinct zones/],
  ["a zone without a subnet slot", eks({ availabilityZones: ["us-east-1a", "us-east-1d"] }), /forja:eks\.availabilityZones = .*: expected zones ending in a, b or c/],
  ["a single zone", eks({ availabilityZones: ["us-east-1a"] }), /forja:eks\.availabilityZones = \["us-east-1a"\]: expected 2 or 3 zones/],
  ["a NAT layout that does not exist", eks({ natGateways: "per_az" }), /forja:eks\.natGateways = "per_az"/],
  ["a misspelt workload identity", eks({ workloadIdentity: "irs" }), /forja:eks\.workloadIdentity = "irs"/],
  ["a Kubernetes version as a YAML number", eks({ kubernetesVersion: 1.3 }), /forja:eks\.kubernetesVersion = 1\.3: expected a string \(quote it: .*1\.30 as 1\.3/],
  ["a user ARN as a cluster admin", eks({ adminRoleArns: ["arn:aws:iam::111122223333:user/alice"] }), /forja:eks\.adminRoleArns\[0\] = "arn:aws:iam::111122223333:user\/alice": expected an IAM role ARN/],
  ["a cluster admin listed twice", eks({ adminRoleArns: ["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/admin"] }), /forja:eks\.adminRoleArns\[1\] = .*: expected each role once/],
  ["an existing network beside vpcCidr", eks({ vpcCidr: "10.1.0.0/16", network: { vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidr: "10.1.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"] } }), /forja:eks\.vpcCidr = "10\.1\.0\.0\/16": expected unset when network is given/],
  ["an existing VPC named instead of its id", eks({ network: { vpcId: "prod-vpc", vpcCidr: "10.1.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60722"] } }), /forja:eks\.network\.vpcId = "prod-vpc": expected a VPC id/],
  ["an existing network with one private subnet", eks({ network: { vpcId: "vpc-0a1b2c3d4e5f60718", vpcCidr: "10.1.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d4e5f60711"] } }), /forja:eks\.network\.privateSubnetIds = .*: expected a private subnet in at least 2 zones/],
  ["a chart repository over plain HTTP", eks({ chartRepository: "http://charts.internal/eks" }), /forja:eks\.chartRepository = "http:\/\/charts\.internal\/eks": expected an https:\/\/ or oci:\/\/ chart repository URL/],
  // EKS: node groups
  ["node sizes out of order", eks({ nodes: { minSize: 5, desiredSize: 3, maxSize: 6 } }), /forja:eks\.nodes = .*: expected 0 <= minSize <= desiredSize <= maxSize/],
  ["a node disk below 20 GiB", eks({ nodes: { diskSizeGiB: 8 } }), /forja:eks\.nodes\.diskSizeGiB = 8: expected 20 to 16384 GiB/],
  ["a node group mixing architectures", eks({ nodeGroups: { general: { instanceTypes: ["m7g.xlarge", "m6i.xlarge"] } } }), /forja:eks\.nodeGroups\.general\.instanceTypes = .*: expected instance types of one architecture/],
  ["a GPU group of CPU instances", eks({ nodeGroups: { general: {}, gpu: { instanceTypes: ["m6i.xlarge"], gpu: true } } }), /forja:eks\.nodeGroups\.gpu\.instanceTypes = .*: expected NVIDIA GPU instance types/],
  ["only tainted node groups", eks({ nodeGroups: { gpu: { instanceTypes: ["g5.xlarge"] } } }), /forja:eks\.nodeGroups = .*: expected at least one untainted node group/],
  ["a taint effect in the Kubernetes spelling", eks({ nodeGroups: { general: {}, spot: { taints: [{ key: "spot", effect: "NoSchedule" }] } } }), /forja:eks\.nodeGroups\.spot\.taints\[0\]\.effect = "NoSchedule"/],
  ["both nodes and nodeGroups.general", eks({ nodes: { minSize: 2 }, nodeGroups: { general: { minSize: 3 } } }), /forja:eks\.nodes and forja:eks\.nodeGroups\.general are both set/],
  ["more nodes than a managed node group takes", eks({ nodeGroups: { general: { minSize: 3, desiredSize: 3, maxSize: 1000 } } }), /forja:eks\.nodeGroups\.general\.maxSize = 1000: expected at most 450 nodes/],
  // EKS: image mirror
  ["an upstream ECR cannot cache", mirror({ upstreams: ["gcr"] }), /forja:eks\.imageMirror\.upstreams\[0\] = "gcr"/],
  ["an upstream listed twice", mirror({ upstreams: ["quay", "quay"] }), /forja:eks\.imageMirror\.upstreams\[1\] = "quay": expected each upstream once/],
  ["Docker Hub without a credential", mirror({ upstreams: ["docker-hub"] }), /forja:eks\.imageMirror\.credentialArns\.docker-hub = \(missing\): expected a credential/],
  ["a credential secret outside ecr-pullthroughcache/", mirror({ credentialArns: { "docker-hub": secretArn("dockerhub") } }), /forja:eks\.imageMirror\.credentialArns\.docker-hub = .*: expected the ARN of a Secrets Manager secret named ecr-pullthroughcache\//],
  ["a credential secret in another account", mirror({ credentialArns: { ghcr: secretArn("ecr-pullthroughcache/ghcr", "444455556666") } }), /forja:eks\.imageMirror\.credentialArns\.ghcr = .*: expected a secret in account 111122223333, region us-east-1/],
  ["a credential secret in another region", mirror({ credentialArns: { ghcr: secretArn("ecr-pullthroughcache/ghcr", "111122223333", "eu-west-1") } }), /forja:eks\.imageMirror\.credentialArns\.ghcr = .*: expected a secret in account 111122223333, region us-east-1/],
  [
    "a credential ARN and an inline credential for one upstream",
    eks({ imageMirror: { credentialArns: { ghcr: secretArn("ecr-pullthroughcache/ghcr") } } }, { "forja:registryCredentials": { ghcr: { username: secure(), accessToken: secure() } } }),
    /forja:eks\.imageMirror\.credentialArns\.ghcr and forja:registryCredentials\.ghcr are both set/,
  ],
  ["a credential for an upstream that is not cached", mirror({ upstreams: ["quay"], credentialArns: { ghcr: secretArn("ecr-pullthroughcache/ghcr") } }), /forja:eks\.imageMirror\.credentialArns\.ghcr: expected a credential for a cached upstream/],
  ["a private repository with a tag", mirror({ privateRepositories: ["icr.io/mjc-cr/mmjc-airflow-service:2025.10.29"] }), /forja:eks\.imageMirror\.privateRepositories\[0\] = "icr\.io\/mjc-cr\/mmjc-airflow-service:2025\.10\.29": expected a repository without tag or digest/],
  ["a private repository listed twice in two spellings", mirror({ privateRepositories: ["docker.io/acme/etl", "acme/etl"] }), /forja:eks\.imageMirror\.privateRepositories\[1\] = "acme\/etl": expected each repository once/],
  ["two private repositories with one ECR name", mirror({ privateRepositories: ["icr.io/team/etl", "quay.io/team/etl"] }), /forja:eks\.imageMirror\.privateRepositories\[1\] = "quay\.io\/team\/etl": expected a distinct ECR repository name/],
  ["a KMS key in another region", mirror({ kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a" }), /forja:eks\.imageMirror\.kmsKeyArn = .*: expected a key in us-east-1/],
  ["keeping zero images", mirror({ keepImages: 0 }), /forja:eks\.imageMirror\.keepImages = 0: expected an integer >= 1/],
  ["a repository name for no listed repository", mirror({ privateRepositories: ["icr.io/team/etl"], repositoryNames: { "icr.io/team/api": "team-api" } }), /forja:eks\.imageMirror\.repositoryNames\.icr\.io\/team\/api: expected a name for a source listed/],
  ["registry credentials on K3s", k3s({ "forja:registryCredentials": { ghcr: { username: secure(), accessToken: secure() } } }), /forja:registryCredentials is set but forja:target is "k3s": only the eks target mirrors images/],
  // K3s
  ["a kubeconfig and a kubeconfig path", k3s({ "forja:kubeconfig": secure(), "forja:k3s": { kubeconfigPath: "~/.kube/k3s.yaml" } }), /forja:kubeconfig and forja:k3s\.kubeconfigPath are both set/],
  ["an ingress controller that does not exist", k3s({ "forja:k3s": { ingressController: "nginxx" } }), /forja:k3s\.ingressController = "nginxx"/],
  ["an architecture in uname spelling", k3s({ "forja:k3s": { nodeArchitecture: "x86_64" } }), /forja:k3s\.nodeArchitecture = "x86_64"/],
  ["gpu as a string", k3s({ "forja:k3s": { gpu: "yes" } }), /forja:k3s\.gpu = "yes": expected true or false \(unquoted\)/],
  ["a storage class with a space", k3s({ "forja:k3s": { storageClass: "Fast SSD" } }), /forja:k3s\.storageClass = "Fast SSD": expected a DNS-1123 name/],
  // ACI
  ["ACI without a location", { "forja:target": "aci" }, /azure-native:location is missing/],
  ["a resource group name ending in a dot", aci({ "forja:aci": { resourceGroupName: "forja-prod." } }), /forja:aci\.resourceGroupName = "forja-prod\.": expected 1-90 letters/],
  ["services on ACI", aci({ "forja:services": { api: service() } }), /forja:services is set but forja:target is "aci"/],
  ["a kubeconfig on ACI", aci({ "forja:kubeconfig": secure() }), /forja:kubeconfig is set but forja:target is "aci"/],
  // One message style: Forja's words for every schema error
  ["a minimum in zod's words", k3s({ "forja:ollama": { models: ["qwen2.5:0.5b"], gpuCount: -1 } }), /forja:ollama\.gpuCount = -1: expected a number >= 0/],
  ["an empty model list", k3s({ "forja:ollama": { models: [] } }), /forja:ollama\.models = \[\]: expected a non-empty list/],
  ["a misspelt key inside a section", k3s({ "forja:ollama": { models: ["qwen2.5:0.5b"], keepalive: "5m" } }), /forja:ollama\.keepalive is not a known key \(did you mean "keepAlive"\?\)/],
  ["a misspelt top-level key", k3s({ "forja:servces": {} }), /forja:servces is not a known key \(did you mean "services"\?\)/],
  ["a misspelt enum value", k3s({ "forja:environment": "prodution" }), /forja:environment = "prodution": expected one of "development"\|"production" \(did you mean "production"\?\)/],
  ["a version written as a YAML number", k3s({ "forja:airflow": { version: 2.1 } }), /forja:airflow\.version = 2\.1: expected a string \(quote it: .*2\.10 arrives as 2\.1/],
  ["a number given as text", k3s({ "forja:ollama": { models: ["qwen2.5:0.5b"], gpuCount: "1" } }), /forja:ollama\.gpuCount = "1": expected (a number|an integer) \(unquote it/],
  ["a zero-width space in the namespace", k3s({ "forja:namespace": "apps\u200b" }), /forja:namespace = "apps\\u200b"/],
  ["a right-to-left mark in a service name", k3s({}, { "api\u200f": service() }), /forja:services\.api\\u200f: expected a DNS-1123 label/],
  // Sections validated at config time, under their stack keys
  ["an Ollama model without a tag", k3s({ "forja:ollama": { models: ["llama3"] } }), /forja:ollama\.models\[0\] = "llama3": expected an Ollama model reference pinned to a tag/],
  ["an Azure location in display spelling", aci({ "azure-native:location": "East US", "forja:aci": { mongo: { capacityMode: "serverless" } } }), /azure-native:location = "East US": expected an Azure region name/],
  ["an ACI CPU off Azure's step", aci({ "forja:aci": { mongo: { capacityMode: "serverless" }, ollama: { models: ["llama3.2:1b"], storage: "empty-dir", cpu: 0.005 } } }), /forja:aci\.ollama\.cpu = 0\.005: expected a positive number in steps of 0\.01/],
  ["a Claude 4 model called on demand", eks({}, { "forja:genai": { modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0" } }), /forja:genai\.modelId = "anthropic\.claude-sonnet-4-5-20250929-v1:0": expected an inference profile id/],
  // Requests above limits, in every component that takes resources
  ["an Ollama CPU request above its limit", k3s({ "forja:ollama": { models: ["qwen2.5:0.5b"], resources: { requests: { cpu: "4", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } } } }), /forja:ollama\.resources\.requests\.cpu = "4": expected a request no larger than its limit \(2\)/],
  ["a Milvus memory request above its limit", k3s({ "forja:milvus": { components: { queryNode: { resources: { requests: { cpu: "1", memory: "8Gi" }, limits: { memory: "4Gi" } } } } } }), /forja:milvus\.components\.queryNode\.resources\.requests\.memory = "8Gi": expected a request no larger than its limit \(4Gi\)/],
  // A version that disagrees with its image
  ["an Airflow 3 version with an Airflow 2 image", k3s({ "forja:airflow": { version: "3.1.7", image: "apache/airflow:2.10.5-python3.12" } }), /forja:airflow\.version = "3\.1\.7": expected the version the image runs .*major version 2/],
  ["an Airflow 2 image without a version", k3s({ "forja:airflow": { image: "apache/airflow:2.11.0" } }), /forja:airflow\.version = \(missing\): expected the version the image runs/],
  // Namespaces that collide
  ["Milvus in the workload namespace", k3s({ "forja:namespace": "data", "forja:milvus": { namespace: "data" } }), /forja:milvus\.namespace = "data": expected a namespace other than forja:namespace/],
  ["Milvus in the default namespace", k3s({ "forja:milvus": { namespace: "default" } }), /forja:milvus\.namespace = "default": expected a namespace of your own/],
  ["Milvus in kube-system", k3s({ "forja:milvus": { namespace: "kube-system" } }), /forja:milvus\.namespace = "kube-system": expected a namespace of your own/],
  // Production invariants a component setting weakens
  ["one etcd in production", k3s({ "forja:environment": "production", "forja:milvus": { components: { etcd: { replicas: 1 } } } }), /forja:milvus\.components\.etcd\.replicas = 1 in a production stack: expected at least 3/],
  // Images that escape the mirror on EKS
  ["a private registry nobody listed", eksService({ image: "icr.io/team/api:1.4.2" }), /forja:services\.api\.image = "icr\.io\/team\/api:1\.4\.2": expected an image the stack's mirror serves: icr\.io is a private registry/],
  ["an Airflow image from an unlisted registry", eks({}, { "forja:airflow": { version: "2.10.5", image: "registry.acme.dev/airflow:2.10.5" } }), /forja:airflow\.image = "registry\.acme\.dev\/airflow:2\.10\.5": expected an image the stack's mirror serves/],
  // Certificates that cannot work
  ["an Airflow certificate on K3s", k3s({ "forja:airflow": { ingress: { host: "airflow.example.com", certificateArn: certificate() } } }), /forja:airflow\.ingress\.certificateArn = .*: expected no ACM certificate on a traefik ingress/],
  ["an Airflow certificate from another region", eks({}, { "forja:airflow": { version: "2.10.5", image: "docker.io/apache/airflow:2.10.5", ingress: { certificateArn: certificate("eu-west-1") } } }), /forja:airflow\.ingress\.certificateArn = .*: expected a certificate in us-east-1/],
  ["a certificate of another account", eksService({ ingress: { path: "/", internetFacing: true, certificateArn: "arn:aws:acm:us-east-1:444455556666:certificate/0b3c5e4a-7d2f-4c1e-9a8b-1f2e3d4c5b6a" } }), /forja:services\.api\.ingress\.certificateArn = .*: expected a certificate of account 111122223333/],
  ["K3s node CPU as a YAML number is fine, a word is not", k3s({ "forja:k3s": { nodes: { cpu: 8, memory: "lots" } } }), /forja:k3s\.nodes\.memory = "lots": expected a Kubernetes quantity/],
  // Cloud limits, from one table per provider
  ["an ACI group larger than Azure allows", aci({ "forja:aci": { mongo: { capacityMode: "serverless" }, ollama: { models: ["llama3.2:1b"], storage: "empty-dir", cpu: 4.5 } } }), /forja:aci\.ollama\.cpu = 4\.5: expected a group total of at most 4 vCPU/],
  ["a PII type Bedrock does not know", eks({}, { "forja:genai": { modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", guardrail: { anonymizePii: ["PHONE_NUMBER"] } } }), /forja:genai\.guardrail\.anonymizePii = "PHONE_NUMBER": expected Bedrock's PII entity types .*did you mean PHONE\?/],
  ["more denied topics than Bedrock allows", eks({}, { "forja:genai": { modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", guardrail: { deniedTopics: Array.from({ length: 31 }, (_, i) => ({ name: `topic ${i}`, definition: "off limits" })) } } }), /forja:genai\.guardrail\.deniedTopics = "31 topics": expected at most 30 denied topics/],
  ["a CloudWatch retention AWS refuses", eks({}, { "forja:genai": { modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", invocationLogging: { retentionDays: 100 } } }), /forja:genai\.invocationLogging\.retentionDays = 100: expected one of CloudWatch Logs' retention periods/],
  ["a Bedrock destination region AWS does not have", eks({}, { "forja:genai": { modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", destinationRegions: ["us-east-1", "us-east-9"] } }), /forja:genai\.destinationRegions = "us-east-9": expected region names AWS has/],
  ["GenAI pointing at an Ollama the stack does not run", k3s({ "forja:genai": { provider: "ollama" } }), /forja:genai\.baseUrl is missing: provider "ollama" without a baseUrl means the stack's own Ollama, but forja:ollama is not set/],
  // Secrets in the wrong place: any plain setting, never printed
  ["a password in the GenAI base URL", k3s({ "forja:genai": { provider: "openai", modelId: "gpt-4o-mini", baseUrl: "https://bot:s3cretpass@llm.example.com/v1" } }), /forja:genai\.baseUrl = \[redacted\]: expected no credential in a plain setting \(its value looks like a URL with a password\)/],
  ["an API key as a guardrail word", eks({}, { "forja:genai": { modelId: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", guardrail: { blockedWords: ["sk-proj-4f9XkQ2mZ8pL1vN6bR3tY7wE0aS5dF"] } } }), /forja:genai\.guardrail\.blockedWords\[0\] = \[redacted\]: expected no credential in a plain setting/],
  // YAML
  ["an unclosed flow sequence", "config:\n  forja:target: k3s\n  forja:services:\n    api:\n      args: [--port, 8080\n", /Pulumi\.\w+\.yaml, line \d+, column \d+: invalid YAML: /],
  ["a key given twice", "config:\n  forja:target: k3s\n  forja:namespace: apps\n  forja:namespace: web\n", /Pulumi\.\w+\.yaml, line 4, column 3: invalid YAML: Map keys must be unique/],
  ["a tab for indentation", "config:\n\tforja:target: k3s\n", /Pulumi\.\w+\.yaml, line 2, column \d+: invalid YAML/],
  ["config as a list", "config:\n  - forja:target: k3s\n", /Pulumi\.\w+\.yaml: config: must be a map of namespace:key to values, found a list/],
  ["an unclosed quote", 'config:\n  forja:target: "k3s\n  forja:namespace: apps\n', /Pulumi\.\w+\.yaml, line \d+, column \d+: invalid YAML/],
  ["an alias to an anchor that does not exist", "config:\n  forja:target: k3s\n  forja:tags: *common\n", /Pulumi\.\w+\.yaml, line 3, column \d+: invalid YAML: .*common/],
];

describe("bad stack files", () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "forja-bad-stacks-"));
    copyFileSync(join(REPO_ROOT, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    CASES.forEach(([, config], i) => writeFileSync(join(project, `Pulumi.bad${i}.yaml`), typeof config === "string" ? config : stringify({ config })));
  });

  it("are at least a hundred", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CASES.map(([label, , expected], i) => [label, i, expected] as const))("refuses %s", async (_label, i, expected) => {
    const errors: string[] = [];
    const code = await synth(["--stack", `bad${i}`, "--out", join(project, "out")], project, { log: () => undefined, error: (text) => errors.push(text) });
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^stack bad${i}: Pulumi\\.bad${i}\\.yaml`));
    expect(errors[0]).not.toContain("\n    at ");
    expect(errors[0]).toMatch(expected);
    // One message style: Forja's words, never zod's defaults.
    expect(errors[0]).not.toMatch(ZOD_PHRASING);
    // A credential given in a plain setting is never printed back.
    expect(errors[0]).not.toMatch(/s3cretpass|sk-proj-4f9X/);
  });
});
