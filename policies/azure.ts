/**
 * Azure: TLS 1.2 and HTTPS only, no anonymous storage or registry access,
 * recoverable Key Vaults.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isProduction, obj, rule } from "./util";

/** Minimum-TLS values below 1.2, in each service's spelling. */
const OLD_TLS = new Set(["TLS1_0", "TLS1_1", "Tls", "Tls11", "1.0", "1.1"]);

const azureTls = rule(
  "azure-tls",
  "Azure Storage, Cosmos DB, Redis, SQL, PostgreSQL/MySQL and Web Apps accept only HTTPS/TLS 1.2 or newer.",
  (args, report) => {
    const p = args.props;
    switch (args.type) {
      case "azure-native:storage:StorageAccount":
        // The service's own default is TLS 1.0, so the minimum must be explicit.
        if (p.minimumTlsVersion !== "TLS1_2" && p.minimumTlsVersion !== "TLS1_3") report(`minimumTlsVersion must be "TLS1_2" (is ${JSON.stringify(p.minimumTlsVersion ?? "unset: TLS1_0")})`);
        if (p.enableHttpsTrafficOnly === false) report("enableHttpsTrafficOnly must not be false");
        break;
      case "azure-native:cosmosdb:DatabaseAccount":
      case "azure-native:sql:Server":
        if (OLD_TLS.has(String(p.minimalTlsVersion))) report(`minimalTlsVersion ${String(p.minimalTlsVersion)} is below TLS 1.2`);
        break;
      case "azure-native:redis:Redis":
        if (OLD_TLS.has(String(p.minimumTlsVersion))) report(`minimumTlsVersion ${String(p.minimumTlsVersion)} is below TLS 1.2`);
        if (p.enableNonSslPort === true) report("enableNonSslPort opens the plain-text port 6379");
        break;
      case "azure-native:web:WebApp": {
        if (p.httpsOnly !== true) report("httpsOnly must be true");
        const minimum = obj(p.siteConfig).minTlsVersion;
        if (OLD_TLS.has(String(minimum))) report(`siteConfig.minTlsVersion ${String(minimum)} is below TLS 1.2`);
        break;
      }
      case "azure-native:dbforpostgresql:Configuration":
      case "azure-native:dbformysql:Configuration":
        if (p.configurationName === "require_secure_transport" && /^(off|0|false)$/i.test(String(p.value))) report("require_secure_transport must stay ON");
        break;
    }
  },
);

const storagePrivate = rule("azure-storage-private", "Azure storage accounts and blob containers allow no anonymous (public) blob access.", (args, report) => {
  if (args.type === "azure-native:storage:StorageAccount" && args.props.allowBlobPublicAccess === true) report("allowBlobPublicAccess must not be true");
  if (args.type === "azure-native:storage:BlobContainer" && /^(blob|container)$/i.test(String(args.props.publicAccess ?? ""))) {
    report(`publicAccess "${String(args.props.publicAccess)}" lets anyone read the container`);
  }
});

const registryPrivate = rule("container-registry-private", "Azure Container Registries disable the shared admin user and anonymous pull (pull with a managed identity).", (args, report) => {
  if (args.type !== "azure-native:containerregistry:Registry") return;
  if (args.props.adminUserEnabled === true) report("adminUserEnabled gives one shared password full push/pull; use a managed identity with AcrPull");
  if (args.props.anonymousPullEnabled === true) report("anonymousPullEnabled lets anyone pull every image");
});

const keyVaultProtected = rule(
  "key-vault-protected",
  "Key Vaults use RBAC authorization and keep soft delete; in production they also have purge protection.",
  (args, report) => {
    if (args.type !== "azure-native:keyvault:Vault") return;
    const properties = obj(args.props.properties);
    if (properties.enableRbacAuthorization !== true) report("enableRbacAuthorization must be true (vault access policies grant all-or-nothing per principal)");
    if (properties.enableSoftDelete === false) report("enableSoftDelete must not be false: a deleted vault and its secrets could not be recovered");
    if (isProduction(args) && properties.enablePurgeProtection !== true) report("enablePurgeProtection must be true in production: a deleted vault could be purged before anyone recovers it");
  },
  { production: true },
);

export const azurePolicies: ResourceValidationPolicy[] = [azureTls, storagePrivate, registryPrivate, keyVaultProtected];
