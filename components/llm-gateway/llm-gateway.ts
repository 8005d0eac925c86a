import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type * as workloadRoleModule from "../aws/workload-role";
import { childName } from "../core/naming";
import { bedrockPolicy } from "../genai/values";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { podSelector, renderDeployment, renderDisruptionBudget, renderNetworkPolicy, renderService, validateWebService, webServiceLabels } from "../web-service/values";
import type { Peer } from "../core/peer";
import type { Endpoint } from "../core/connect";
import type { LlmGatewayArgs } from "./args";
import { LLM_GATEWAY_DEFAULTS } from "./defaults";
import { REGISTER_KEYS_SCRIPT, keySpecs, keyVariable, renderKeysJob, renderKeysNetworkPolicy, renderMigrationJob, renderMigrationNetworkPolicy } from "./jobs";
import { GATEWAY_ENV, databaseClientLabels, gatewayDeployment, gatewayPeer, gatewayService, liteLlmConfig, usesBedrockRole, validateLlmGateway } from "./values";

function workloadRoles(): typeof workloadRoleModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../aws/workload-role") as typeof workloadRoleModule;
}

/**
 * An LLM gateway (LiteLLM) in any cluster: one OpenAI-compatible endpoint in
 * front of Ollama, Bedrock and hosted APIs, with virtual keys, per-key rate
 * limits and spend in Postgres. LiteLLM's non-root image; the schema migrated
 * by a Job the Deployment waits for (the pods never migrate); Redis shared by
 * the replicas; model list in a ConfigMap, generated master and salt keys as
 * Secrets, probes on the health endpoints that need no key, default-deny
 * NetworkPolicies, optional Prometheus metrics for named scrapers.
 */
export class LlmGateway extends pulumi.ComponentResource {
  /** In-cluster URL, http://<name>.<namespace>.svc.cluster.local:4000 (GENAI_BASE_URL for provider "openai"). */
  readonly url: pulumi.Output<string>;
  /** The admin key (a secret): create virtual keys with it (POST /key/generate); never hand it to workloads. */
  readonly masterKey: pulumi.Output<string>;
  /** Model names clients may ask for. */
  readonly modelNames: string[];
  /** The gateway pods' labels: a NetworkPolicy peer for whoever the gateway calls. */
  readonly podSelector: Record<string, string>;
  /** What a client's egress must allow: the gateway's pods on 4000 (GenAiAccess `peer`; the same peer `connect(client, gateway, [4000]).egress` gives). */
  readonly clientPeer: Peer;
  /** @deprecated use `clientPeer`, which this is; kept one release for migration (CHANGELOG). */
  readonly peer: Peer;
  /** Where clients connect: the Service's in-cluster name and 4000. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** The virtual keys made here, by name (secrets): hand one to each workload (GenAiAccess `apiKey`). */
  readonly keys: Record<string, pulumi.Output<string>>;
  /** The gateway's and its migration Job's pods: what Postgres (`clients`) must admit. */
  readonly databaseClient: Record<string, string>;
  /** The gateway pods' ServiceAccount (the one its IAM role trusts). */
  readonly serviceAccountName: pulumi.Output<string>;
  /** The role the gateway calls Bedrock with, when it has one. */
  readonly roleArn: pulumi.Output<string | undefined>;

  constructor(name: string, args: LlmGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    const bedrock = validateLlmGateway(name, args);
    const probe = gatewayService(args, bedrock, {}, name);
    validateWebService(name, probe);
    requireKubernetesProvider("LlmGateway", opts);
    super("forja:index:LlmGateway", name, {}, opts);
    const parent = { parent: this };
    // Generated once and kept in state: replacing the salt key would make stored credentials unreadable.
    const key = (role: string) => new random.RandomPassword(childName(name, role), { length: LLM_GATEWAY_DEFAULTS.keyLength, special: false }, parent).result;
    const masterKey = pulumi.secret(pulumi.interpolate`${LLM_GATEWAY_DEFAULTS.keyPrefix}${key("master-key")}`);
    const secretEnv: Record<string, pulumi.Input<string>> = {
      [GATEWAY_ENV.masterKey]: masterKey,
      [GATEWAY_ENV.saltKey]: pulumi.secret(pulumi.interpolate`${LLM_GATEWAY_DEFAULTS.keyPrefix}${key("salt-key")}`),
      [GATEWAY_ENV.databaseUrl]: pulumi.secret(args.databaseUrl),
    };
    args.models.forEach((model, i) => {
      if (model.apiKey !== undefined) secretEnv[GATEWAY_ENV.modelKey(i)] = pulumi.secret(model.apiKey);
    });
    if (args.redis !== undefined) secretEnv[GATEWAY_ENV.redisUrl] = pulumi.secret(args.redis.url);
    if (args.bedrockAccessKeyId !== undefined && args.bedrockSecretAccessKey !== undefined) {
      secretEnv[GATEWAY_ENV.accessKeyId] = pulumi.secret(args.bedrockAccessKeyId);
      secretEnv[GATEWAY_ENV.secretAccessKey] = pulumi.secret(args.bedrockSecretAccessKey);
    }
    const service = gatewayService(args, bedrock, secretEnv, name);
    const labels = webServiceLabels(name, service);

    // Auto-named, like WebService's env objects: a new model list is a new ConfigMap, and the pods roll.
    const config = new k8s.core.v1.ConfigMap(
      childName(name, "models"),
      { metadata: { namespace: args.namespace, labels }, data: { [LLM_GATEWAY_DEFAULTS.configFile]: pulumi.all(args.models.map((m) => m.apiBase)).apply((bases) => liteLlmConfig(args, bases)) } },
      parent,
    );
    const secret = new k8s.core.v1.Secret(childName(name, "secret"), { metadata: { namespace: args.namespace, labels }, type: "Opaque", stringData: pulumi.secret(secretEnv) }, parent);

    const region = (args.bedrockRegion ?? args.cluster.region) as string;
    const role = usesBedrockRole(args, bedrock)
      ? new (workloadRoles().WorkloadRole)(
          childName(name, "role"),
          {
            identity: args.cluster.workloadIdentity,
            namespace: args.namespace,
            serviceAccounts: [name],
            policies: { bedrock: pulumi.output(args.bedrockAccountId ?? "").apply((account) => JSON.stringify(bedrockPolicy(bedrock, region, account))) },
            region,
            description: `Bedrock models of LlmGateway ${name}`,
          },
          parent,
        )
      : undefined;
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      childName(name, "sa"),
      { metadata: { name, namespace: args.namespace, labels, annotations: role ? role.serviceAccountAnnotations : undefined }, automountServiceAccountToken: false },
      parent,
    );

    new k8s.networking.v1.NetworkPolicy(childName(name, "migrate-netpol"), renderMigrationNetworkPolicy(name, args), parent);
    const migration = new k8s.batch.v1.Job(
      childName(name, "migrate"),
      renderMigrationJob(name, args, { secretName: secret.metadata.name, configMapName: config.metadata.name, serviceAccountName: serviceAccount.metadata.name }),
      parent,
    );
    const deployment = gatewayDeployment(renderDeployment(name, service, { secretName: secret.metadata.name }, serviceAccount.metadata.name), args, config.metadata.name);
    // Pulumi waits for the Job to complete: the pods start on a migrated schema, and never migrate it themselves.
    const server = new k8s.apps.v1.Deployment(childName(name, "deployment"), deployment, { parent: this, dependsOn: [migration] });
    const k8sService = new k8s.core.v1.Service(childName(name, "service"), renderService(name, service) as k8s.core.v1.ServiceArgs, parent);
    const budget = renderDisruptionBudget(name, service);
    if (budget) new k8s.policy.v1.PodDisruptionBudget(childName(name, "pdb"), budget, parent);
    new k8s.networking.v1.NetworkPolicy(childName(name, "netpol"), renderNetworkPolicy(name, service), parent);

    this.keys = this.registerKeys(name, args, secret.metadata.name, serviceAccount.metadata.name, labels, [server, k8sService]);
    this.url = pulumi.interpolate`http://${k8sService.metadata.name}.${k8sService.metadata.namespace}.svc.cluster.local:${LLM_GATEWAY_DEFAULTS.port}`;
    this.masterKey = masterKey;
    this.modelNames = args.models.map((m) => m.name);
    this.podSelector = podSelector(name);
    this.clientPeer = gatewayPeer(name, args.namespace);
    this.peer = this.clientPeer;
    this.endpoint = pulumi.interpolate`${k8sService.metadata.name}.${k8sService.metadata.namespace}.svc.cluster.local`.apply((host) => ({ host, port: LLM_GATEWAY_DEFAULTS.port }));
    this.databaseClient = databaseClientLabels(name);
    this.serviceAccountName = serviceAccount.metadata.name;
    this.roleArn = pulumi.output(role?.roleArn);
    this.registerOutputs({ url: this.url, masterKey: this.masterKey, serviceAccountName: this.serviceAccountName, roleArn: this.roleArn, endpoint: this.endpoint, clientPeer: this.clientPeer });
  }

  /** Virtual keys: generated values in a Secret, registered by a Job once the gateway serves. */
  private registerKeys(name: string, args: LlmGatewayArgs, gatewaySecretName: pulumi.Output<string>, serviceAccountName: pulumi.Output<string>, labels: Record<string, string>, gateway: pulumi.Resource[]): Record<string, pulumi.Output<string>> {
    const keys = args.keys ?? [];
    if (keys.length === 0) return {};
    const parent = { parent: this };
    const values = keys.map((key) => pulumi.secret(pulumi.interpolate`${LLM_GATEWAY_DEFAULTS.keyPrefix}${new random.RandomPassword(childName(name, `key-${key.name}`), { length: LLM_GATEWAY_DEFAULTS.keyLength, special: false }, parent).result}`));
    const secret = new k8s.core.v1.Secret(
      childName(name, "keys"),
      { metadata: { namespace: args.namespace, labels }, type: "Opaque", stringData: pulumi.secret(Object.fromEntries(values.map((v, i) => [keyVariable(i), v]))) },
      parent,
    );
    const script = new k8s.core.v1.ConfigMap(
      childName(name, "keys"),
      { metadata: { namespace: args.namespace, labels }, data: { "register.py": REGISTER_KEYS_SCRIPT, "keys.json": JSON.stringify(keySpecs(args), null, 2) } },
      parent,
    );
    new k8s.networking.v1.NetworkPolicy(childName(name, "keys-netpol"), renderKeysNetworkPolicy(name, args), parent);
    // After the Deployment is ready: the gateway must answer before keys can be registered.
    new k8s.batch.v1.Job(
      childName(name, "keys"),
      renderKeysJob(name, args, { gatewaySecretName, keysSecretName: secret.metadata.name, configMapName: script.metadata.name, serviceAccountName }),
      { parent: this, dependsOn: gateway },
    );
    return Object.fromEntries(keys.map((key, i) => [key.name, values[i]]));
  }
}
