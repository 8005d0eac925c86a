import * as containerinstance from "@pulumi/azure-native/containerinstance";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as storage from "@pulumi/azure-native/storage";
import type * as inputs from "@pulumi/azure-native/types/input";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AZURE_NAME_RULES, NAME_SUFFIX_LENGTH, azureName } from "../azure/naming";
import { childName } from "../core/naming";
import { OLLAMA_PORT } from "../ollama/defaults";
import type { OllamaContainerGroupArgs } from "./args";
import { ModelStorage } from "./args";
import { LOG_TYPE, MODEL_SHARE_NAME, MODELS_VOLUME, REPLACE_ON_CHANGES, STORAGE_ACCOUNT } from "./defaults";
import { appContainer, cacheRule, groupSettings, ipAddress, ollamaContainer, ollamaImage, pullInitContainer, registryNameOf, validateOllamaContainerGroup } from "./values";

/**
 * Ollama and the apps that use it in one ACI container group (seed 001):
 * models pulled by an init container before Ollama starts, on an Azure Files
 * share or an emptyDir; app images (and Ollama's, through an artifact cache
 * rule) pulled from the environment's registry by its managed identity; only
 * the app ports published; logs to Log Analytics. Changes ACI cannot make in
 * place (resources, ports, network, restart policy, OS type, diagnostics,
 * volumes) recreate the group: downtime and, on a public IP, a new address
 * (the DNS label stays).
 */
export class OllamaContainerGroup extends pulumi.ComponentResource {
  /** The container group's Azure name. */
  readonly containerGroupName: pulumi.Output<string>;
  /** Public FQDN, undefined on a private IP. */
  readonly fqdn: pulumi.Output<string | undefined>;
  /** The group's IP address, unset when it has none. */
  readonly ipAddress: pulumi.Output<string | undefined>;
  /** URL of the first app container, undefined when there is none. */
  readonly appUrl: pulumi.Output<string | undefined>;
  /** How the group's containers reach Ollama: it shares their network, and nothing outside does. */
  readonly ollamaUrl: string;
  /** Principal the group runs as: grant it further roles (e.g. on other vaults). */
  readonly identityPrincipalId: pulumi.Output<string>;

  constructor(name: string, args: OllamaContainerGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    validateOllamaContainerGroup(name, args);
    super("forja:index:OllamaContainerGroup", name, {}, opts);
    const a = groupSettings(name, args);
    const environment = args.environment;
    const tags = { ...args.tags, "forja:component": "ollama-container-group" };
    const image = ollamaImage(a.ollama.image, a.ollama.imageFromRegistry, environment.registryServer);
    // The group's first pull of Ollama goes through this rule: it must exist before the group.
    const cache = a.ollama.imageFromRegistry
      ? [
          new containerregistry.CacheRule(
            childName(name, "ollama-cache"),
            { resourceGroupName: environment.resourceGroupName, registryName: registryNameOf(environment.registryServer), ...cacheRule(a.ollama.image) },
            { parent: this },
          ),
        ]
      : [];

    const workspaceKey = operationalinsights
      .getSharedKeysOutput({ resourceGroupName: environment.resourceGroupName, workspaceName: environment.workspaceName }, { parent: this })
      .apply((keys) => keys.primarySharedKey ?? "");
    const group = new containerinstance.ContainerGroup(
      childName(name, "group"),
      {
        resourceGroupName: environment.resourceGroupName,
        location: environment.location,
        containerGroupName: name,
        osType: "Linux",
        sku: "Standard",
        restartPolicy: "Always",
        identity: { type: "UserAssigned", userAssignedIdentities: [environment.identityResourceId] },
        // No username or password: the identity holds AcrPull on the registry.
        imageRegistryCredentials: [{ server: environment.registryServer, identity: environment.identityResourceId }],
        initContainers: [pullInitContainer(args.models, image)],
        containers: [ollamaContainer(a.ollama, image), ...a.apps.map((app) => appContainer(app, environment))],
        volumes: [this.modelsVolume(name, args, a.protect, a.modelShareQuotaGiB, tags)],
        ipAddress: ipAddress(a, args.subnetId !== undefined),
        subnetIds: args.subnetId === undefined ? undefined : [{ id: args.subnetId }],
        diagnostics: {
          logAnalytics: {
            workspaceId: environment.workspaceId,
            workspaceKey: pulumi.secret(workspaceKey),
            workspaceResourceId: environment.workspaceResourceId,
            logType: LOG_TYPE,
          },
        },
        tags,
      },
      // Inputs that depend on other resources (the identity's AcrPull assignment, an app's
      // database user through its secure values) already order the group after them.
      { parent: this, dependsOn: cache, replaceOnChanges: [...REPLACE_ON_CHANGES], deleteBeforeReplace: true },
    );

    const firstApp = a.apps[0];
    this.containerGroupName = group.name;
    this.fqdn = group.ipAddress.apply((address) => address?.fqdn);
    this.ipAddress = group.ipAddress.apply((address) => address?.ip);
    this.appUrl = pulumi.all([this.fqdn, this.ipAddress]).apply(([fqdn, ip]) => (firstApp && (fqdn ?? ip) ? `http://${fqdn ?? ip}:${firstApp.port}` : undefined));
    this.ollamaUrl = `http://localhost:${OLLAMA_PORT}`;
    this.identityPrincipalId = pulumi.output(environment.identityPrincipalId);
    this.registerOutputs({
      containerGroupName: this.containerGroupName,
      fqdn: this.fqdn,
      ipAddress: this.ipAddress,
      appUrl: this.appUrl,
      ollamaUrl: this.ollamaUrl,
      identityPrincipalId: this.identityPrincipalId,
    });
  }

  /**
   * Azure Files: a storage account that only speaks TLS 1.2+ over HTTPS with
   * no public blobs, and a share. ACI mounts shares with the account key
   * only; the key is read at deploy time and kept a secret. emptyDir: nothing.
   */
  private modelsVolume(name: string, args: OllamaContainerGroupArgs, protect: boolean, quotaGiB: number, tags: Record<string, string>): inputs.containerinstance.VolumeArgs {
    if (args.modelStorage === ModelStorage.EmptyDir) return { name: MODELS_VOLUME, emptyDir: {} };
    const stateful = { parent: this, protect, retainOnDelete: protect };
    const resourceGroupName = args.environment.resourceGroupName;
    const suffix = new random.RandomString(childName(name, "suffix"), { length: NAME_SUFFIX_LENGTH, special: false, upper: false }, { parent: this }).result;
    const account = new storage.StorageAccount(
      childName(name, "storage"),
      {
        resourceGroupName,
        location: args.environment.location,
        accountName: suffix.apply((s) => azureName(name, s, AZURE_NAME_RULES.storageAccount)),
        kind: STORAGE_ACCOUNT.kind,
        sku: { name: STORAGE_ACCOUNT.sku },
        minimumTlsVersion: STORAGE_ACCOUNT.minimumTlsVersion,
        enableHttpsTrafficOnly: true,
        allowBlobPublicAccess: false,
        allowCrossTenantReplication: false,
        // ACI mounts Azure Files with the account key; identity-based SMB mounts are not available to it.
        allowSharedKeyAccess: true,
        tags,
      },
      stateful,
    );
    const share = new storage.FileShare(
      childName(name, "models"),
      { resourceGroupName, accountName: account.name, shareName: MODEL_SHARE_NAME, shareQuota: quotaGiB, enabledProtocols: "SMB" },
      stateful,
    );
    const key = storage.listStorageAccountKeysOutput({ resourceGroupName, accountName: account.name }, { parent: this }).apply((result) => result.keys[0].value);
    return { name: MODELS_VOLUME, azureFile: { shareName: share.name, storageAccountName: account.name, storageAccountKey: pulumi.secret(key) } };
  }
}
