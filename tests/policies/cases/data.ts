import type { RuleCase } from "../fixtures";

const STATEFULSET = "kubernetes:apps/v1:StatefulSet";
const VAULT = "azure-native:keyvault:Vault";
const vault = (properties: Record<string, unknown>) => ({ resourceGroupName: "rg", properties: { tenantId: "t", sku: { family: "A", name: "standard" }, enableRbacAuthorization: true, ...properties } });
const STORAGE = "azure-native:storage:StorageAccount";

export const dataCases: RuleCase[] = [
  { rule: "database-tls-enforced", title: "MySQL on the default parameter group", type: "aws:rds/instance:Instance", props: { engine: "mysql", engineVersion: "8.0.39" }, expect: ["mysql 8.0.39 with the default parameter group accepts unencrypted connections"] },
  { rule: "database-tls-enforced", title: "PostgreSQL 14 on the default parameter group", type: "aws:rds/instance:Instance", props: { engine: "postgres", engineVersion: "14.12" }, expect: ["postgres 14.12 with the default parameter group"] },
  { rule: "database-tls-enforced", title: "PostgreSQL 16 on the default group (forces TLS since 15)", type: "aws:rds/instance:Instance", props: { engine: "postgres", engineVersion: "16.4" }, expect: [] },
  { rule: "database-tls-enforced", title: "MariaDB on the default parameter group", type: "aws:rds/instance:Instance", props: { engine: "mariadb", engineVersion: "10.11.9" }, expect: ["mariadb 10.11.9 with the default parameter group"] },
  { rule: "database-tls-enforced", title: "MySQL with its own parameter group", type: "aws:rds/instance:Instance", props: { engine: "mysql", engineVersion: "8.0.39", parameterGroupName: "tls-only" }, expect: [] },
  { rule: "stateful-resources-protected", title: "an unprotected RDS instance in production", type: "aws:rds/instance:Instance", props: { storageEncrypted: true }, production: true, expect: ["holds data and must be protected"] },
  { rule: "stateful-resources-protected", title: "an unprotected volume claim in production", type: "kubernetes:core/v1:PersistentVolumeClaim", props: {}, production: true, expect: ["must be protected in production"] },
  { rule: "stateful-resources-protected", title: "an unprotected Cosmos Mongo database in production", type: "azure-native:cosmosdb:MongoDBResourceMongoDBDatabase", props: { resource: { id: "datalk" } }, production: true, expect: ["must be protected"] },
  { rule: "stateful-resources-protected", title: "an unprotected Azure PostgreSQL server in production", type: "azure-native:dbforpostgresql:Server", props: {}, production: true, expect: ["must be protected"] },
  { rule: "stateful-resources-protected", title: "an unprotected Key Vault in production", type: VAULT, props: vault({ enablePurgeProtection: true }), production: true, expect: ["must be protected"] },
  { rule: "stateful-resources-protected", title: "a protected claim in production", type: "kubernetes:core/v1:PersistentVolumeClaim", props: {}, production: true, protect: true, expect: [] },
  { rule: "stateful-resources-protected", title: "an unprotected claim in development", type: "kubernetes:core/v1:PersistentVolumeClaim", props: {}, production: false, expect: [] },
  { rule: "namespaces-protected", title: "an unprotected workload namespace in production", type: "kubernetes:core/v1:Namespace", props: { metadata: { name: "airflow" } }, production: true, expect: ["namespace must be protected in production"] },
  { rule: "namespaces-protected", title: "a protected namespace in production", type: "kubernetes:core/v1:Namespace", props: { metadata: { name: "airflow" } }, production: true, protect: true, expect: [] },
  { rule: "namespaces-protected", title: "an unprotected namespace in development", type: "kubernetes:core/v1:Namespace", props: { metadata: { name: "airflow" } }, expect: [] },
  { rule: "statefulset-claims-retained", title: "claims deleted with the StatefulSet", type: STATEFULSET, props: { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" } } }, expect: ["whenDeleted: Delete"] },
  { rule: "statefulset-claims-retained", title: "a patch that sets whenDeleted: Delete", type: "kubernetes:apps/v1:StatefulSetPatch", props: { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete" } } }, expect: ["whenDeleted: Delete"] },
  { rule: "statefulset-claims-retained", title: "claims retained (and the default)", type: STATEFULSET, props: { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Delete" } } }, expect: [] },
  { rule: "key-vault-protected", title: "a vault without purge protection in production", type: VAULT, props: vault({ enableSoftDelete: true }), production: true, expect: ["enablePurgeProtection must be true in production"] },
  { rule: "key-vault-protected", title: "a vault with soft delete off and access policies", type: VAULT, props: vault({ enableRbacAuthorization: false, enableSoftDelete: false }), expect: ["enableRbacAuthorization", "enableSoftDelete must not be false"] },
  { rule: "key-vault-protected", title: "a development vault without purge protection", type: VAULT, props: vault({ softDeleteRetentionInDays: 7 }), expect: [] },
  { rule: "key-vault-protected", title: "a production vault with purge protection", type: VAULT, props: vault({ enablePurgeProtection: true }), production: true, expect: [] },
  { rule: "azure-storage-private", title: "public blob access allowed", type: STORAGE, props: { allowBlobPublicAccess: true, minimumTlsVersion: "TLS1_2" }, expect: ["allowBlobPublicAccess"] },
  { rule: "azure-storage-private", title: "a container readable by anyone", type: "azure-native:storage:BlobContainer", props: { accountName: "models", publicAccess: "Container" }, expect: ['publicAccess "Container"'] },
  { rule: "azure-storage-private", title: "a private account", type: STORAGE, props: { allowBlobPublicAccess: false }, expect: [] },
  { rule: "azure-tls", title: "a storage account without a minimum TLS version", type: STORAGE, props: { kind: "StorageV2" }, expect: ['minimumTlsVersion must be "TLS1_2" (is "unset: TLS1_0")'] },
  { rule: "azure-tls", title: "a storage account on TLS 1.1 accepting HTTP", type: STORAGE, props: { minimumTlsVersion: "TLS1_1", enableHttpsTrafficOnly: false }, expect: ["TLS1_1", "enableHttpsTrafficOnly"] },
  { rule: "azure-tls", title: "a storage account on TLS 1.2", type: STORAGE, props: { minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true }, expect: [] },
  { rule: "azure-tls", title: "Cosmos DB accepting TLS 1.0", type: "azure-native:cosmosdb:DatabaseAccount", props: { kind: "MongoDB", minimalTlsVersion: "Tls" }, expect: ["minimalTlsVersion Tls"] },
  { rule: "azure-tls", title: "Cosmos DB on TLS 1.2", type: "azure-native:cosmosdb:DatabaseAccount", props: { kind: "MongoDB", minimalTlsVersion: "Tls12" }, expect: [] },
  { rule: "azure-tls", title: "Redis with the plain-text port", type: "azure-native:redis:Redis", props: { minimumTlsVersion: "1.2", enableNonSslPort: true }, expect: ["enableNonSslPort"] },
  { rule: "azure-tls", title: "a Web App without httpsOnly on TLS 1.0", type: "azure-native:web:WebApp", props: { siteConfig: { minTlsVersion: "1.0" } }, expect: ["httpsOnly", "minTlsVersion 1.0"] },
  { rule: "azure-tls", title: "PostgreSQL with require_secure_transport off", type: "azure-native:dbforpostgresql:Configuration", props: { configurationName: "require_secure_transport", value: "OFF", source: "user-override" }, expect: ["require_secure_transport"] },
  { rule: "azure-tls", title: "an unrelated PostgreSQL setting", type: "azure-native:dbforpostgresql:Configuration", props: { configurationName: "log_min_duration_statement", value: "off" }, expect: [] },
  { rule: "container-registry-private", title: "an ACR with the admin user", type: "azure-native:containerregistry:Registry", props: { sku: { name: "Basic" }, adminUserEnabled: true }, expect: ["adminUserEnabled"] },
  { rule: "container-registry-private", title: "an ACR with anonymous pull", type: "azure-native:containerregistry:Registry", props: { sku: { name: "Standard" }, anonymousPullEnabled: true }, expect: ["anonymousPullEnabled"] },
  { rule: "container-registry-private", title: "an ACR pulled by identity", type: "azure-native:containerregistry:Registry", props: { sku: { name: "Basic" }, adminUserEnabled: false }, expect: [] },
];
