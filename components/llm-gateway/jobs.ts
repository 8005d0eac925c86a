/**
 * Pure renderers of LlmGateway's two Jobs: the schema migration the
 * Deployment waits for, and the registration of virtual keys once it serves,
 * each with the NetworkPolicy that lets it reach only what it must.
 */
import { containerResources } from "../core/resources";
import { networkPolicyPeer, peerPorts } from "../core/peer";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { mirrorImage, parseImage } from "../core/images";
import { kubernetesName, shortHash } from "../core/naming";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext } from "../core/security";
import { podSelector } from "../web-service/values";
import type { LlmGatewayArgs } from "./args";
import { LLM_GATEWAY_DEFAULTS } from "./defaults";
import { GATEWAY_ENV, configFilePath, gatewayService, keyParams, keysSelector, migrationSelector } from "./values";

/** Plain env of the migration Job: the one place the schema is migrated. */
export const GATEWAY_MIGRATION_ENV: Record<string, string> = {
  DISABLE_SCHEMA_UPDATE: "false",
  LITELLM_LOCAL_MODEL_COST_MAP: "True",
  LITELLM_MIGRATION_DIR: LLM_GATEWAY_DEFAULTS.migrationsPath,
};

/** A one-shot Job on the gateway's image and user: restricted, no token, no service links, the cluster's architecture. */
function gatewayJob(args: LlmGatewayArgs, job: { name: pulumi.Input<string>; labels: Record<string, string>; deadlineSeconds: number; serviceAccountName: pulumi.Input<string>; container: Omit<k8s.types.input.core.v1.Container, "image" | "imagePullPolicy">; volumes: k8s.types.input.core.v1.Volume[] }): k8s.batch.v1.JobArgs {
  const service = gatewayService(args, [], {});
  return {
    metadata: { name: job.name, namespace: args.namespace, labels: job.labels },
    spec: {
      backoffLimit: LLM_GATEWAY_DEFAULTS.migrationBackoffLimit,
      activeDeadlineSeconds: job.deadlineSeconds,
      template: {
        metadata: { labels: job.labels },
        spec: {
          restartPolicy: "OnFailure",
          serviceAccountName: job.serviceAccountName,
          ...podDefaults({ user: service.runAsUser as number }),
          nodeSelector: { "kubernetes.io/arch": args.cluster.nodeArchitecture },
          containers: [{ image: mirrorImage(service.image, args.cluster.imageMirrors), imagePullPolicy: "IfNotPresent", ...job.container }],
          volumes: job.volumes,
        },
      },
    },
  };
}

export interface MigrationRefs {
  secretName: pulumi.Input<string>;
  configMapName: pulumi.Input<string>;
  serviceAccountName: pulumi.Input<string>;
}

/**
 * The schema migration, as LiteLLM documents it for more than one pod: the
 * serving image with DISABLE_SCHEMA_UPDATE=false and --skip_server_startup
 * (it exits non-zero when the migration fails). A plain Job named after the
 * image, not a Helm hook: a new image runs a new migration, and the
 * Deployment waits for it.
 */
export function renderMigrationJob(name: string, args: LlmGatewayArgs, refs: MigrationRefs): k8s.batch.v1.JobArgs {
  const service = gatewayService(args, [], {});
  const labels = { ...args.labels, ...migrationSelector(name), "app.kubernetes.io/component": "migration", "app.kubernetes.io/version": parseImage(service.image).tag ?? "digest" };
  return gatewayJob(args, {
    name: kubernetesName([name, "migrate", shortHash(service.image)]),
    labels,
    deadlineSeconds: LLM_GATEWAY_DEFAULTS.migrationDeadlineSeconds,
    serviceAccountName: refs.serviceAccountName,
    container: {
      name: "migrate",
      args: ["--config", configFilePath(), "--skip_server_startup"],
      env: Object.entries(GATEWAY_MIGRATION_ENV).map(([k, value]) => ({ name: k, value })),
      envFrom: [{ secretRef: { name: refs.secretName } }],
      resources: containerResources(service.resources),
      // Same tree as the serving pods (see gatewayService); the migrations are copied to their own emptyDir.
      securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: false }),
      volumeMounts: [
        { name: "models", mountPath: LLM_GATEWAY_DEFAULTS.configPath, readOnly: true },
        { name: "migrations", mountPath: LLM_GATEWAY_DEFAULTS.migrationsPath },
        { name: "scratch", mountPath: "/tmp" },
      ],
    },
    volumes: [
      { name: "models", configMap: { name: refs.configMapName } },
      { name: "migrations", emptyDir: { sizeLimit: LLM_GATEWAY_DEFAULTS.migrationsSizeLimit } },
      { name: "scratch", emptyDir: { sizeLimit: "256Mi" } },
    ],
  });
}

/** The migration pods reach DNS and the database only, and take no traffic. */
export function renderMigrationNetworkPolicy(name: string, args: LlmGatewayArgs): k8s.networking.v1.NetworkPolicyArgs {
  const db = args.database;
  return {
    metadata: { name: kubernetesName([name, "migrate"]), namespace: args.namespace, labels: { ...args.labels, ...migrationSelector(name) } },
    spec: {
      podSelector: { matchLabels: migrationSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [
        { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
        { to: [networkPolicyPeer(db)], ports: peerPorts(db.ports ?? [LLM_GATEWAY_DEFAULTS.databasePort]) },
      ],
    },
  };
}

/** The env name of a virtual key's value in the keys Secret. */
export function keyVariable(index: number): string {
  return `GATEWAY_KEY_${index + 1}`;
}

/** What POST /key/generate gets for each key (its value comes from the env): alias, models, limits. */
export function keySpecs(args: LlmGatewayArgs): { name: string; env: string; params: Record<string, unknown> }[] {
  return (args.keys ?? []).map((key, i) => ({
    name: key.name,
    env: keyVariable(i),
    params: { key_alias: key.name, models: key.models ?? args.models.map((m) => m.name), ...keyParams(key.limits ?? args.keyDefaults) },
  }));
}

/**
 * Registers the keys with the gateway: generate, or update a key that exists
 * (a re-run after a limit changed). Standard library only: it runs in the
 * gateway's image. A failure exits non-zero and the Job retries.
 */
export const REGISTER_KEYS_SCRIPT = `import json, os, urllib.error, urllib.request

def post(path, body):
    request = urllib.request.Request(os.environ["GATEWAY_URL"] + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": "Bearer " + os.environ["LITELLM_MASTER_KEY"], "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status

with open(os.path.join(os.path.dirname(__file__), "keys.json")) as f:
    specs = json.load(f)
for spec in specs:
    body = dict(spec["params"], key=os.environ[spec["env"]])
    try:
        post("/key/generate", body)
        print("created key", spec["name"])
    except urllib.error.HTTPError as error:
        print("generate", spec["name"], "answered", error.code, "- updating it instead")
        post("/key/update", body)
        print("updated key", spec["name"])
`;

export interface KeysRefs {
  gatewaySecretName: pulumi.Input<string>;
  keysSecretName: pulumi.Input<string>;
  configMapName: pulumi.Input<string>;
  serviceAccountName: pulumi.Input<string>;
}

/** The Job that registers the keys, named after their specs: a changed limit registers again. */
export function renderKeysJob(name: string, args: LlmGatewayArgs, refs: KeysRefs): k8s.batch.v1.JobArgs {
  const keys = args.keys ?? [];
  return gatewayJob(args, {
    name: kubernetesName([name, "keys", shortHash(JSON.stringify(keySpecs(args)))]),
    labels: { ...args.labels, ...keysSelector(name), "app.kubernetes.io/component": "keys" },
    deadlineSeconds: LLM_GATEWAY_DEFAULTS.keysDeadlineSeconds,
    serviceAccountName: refs.serviceAccountName,
    container: {
      name: "keys",
      command: ["python3", `${LLM_GATEWAY_DEFAULTS.keysPath}/register.py`],
      env: [
        { name: "GATEWAY_URL", value: `http://${name}:${LLM_GATEWAY_DEFAULTS.port}` },
        { name: "PYTHONDONTWRITEBYTECODE", value: "1" },
        { name: GATEWAY_ENV.masterKey, valueFrom: { secretKeyRef: { name: refs.gatewaySecretName, key: GATEWAY_ENV.masterKey } } },
        ...keys.map((_, i) => ({ name: keyVariable(i), valueFrom: { secretKeyRef: { name: refs.keysSecretName, key: keyVariable(i) } } })),
      ],
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts: [{ name: "keys", mountPath: LLM_GATEWAY_DEFAULTS.keysPath, readOnly: true }],
    },
    volumes: [{ name: "keys", configMap: { name: refs.configMapName } }],
  });
}

/** The key Job reaches DNS and the gateway's pods on 4000 only. */
export function renderKeysNetworkPolicy(name: string, args: LlmGatewayArgs): k8s.networking.v1.NetworkPolicyArgs {
  return {
    metadata: { name: kubernetesName([name, "keys"]), namespace: args.namespace, labels: { ...args.labels, ...keysSelector(name) } },
    spec: {
      podSelector: { matchLabels: keysSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [
        { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
        { to: [{ podSelector: { matchLabels: podSelector(name) } }], ports: [{ protocol: "TCP", port: LLM_GATEWAY_DEFAULTS.port }] },
      ],
    },
  };
}
