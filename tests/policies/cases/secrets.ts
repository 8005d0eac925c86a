import { DEPLOYMENT, deployment, firstContainer } from "../fixtures";
import type { Props, RuleCase } from "../fixtures";

const env = (...variables: Props[]) => deployment((t) => void (firstContainer(t).env = variables));
const args = (...words: string[]) => deployment((t) => void (firstContainer(t).args = words));
const ACI = "azure-native:containerinstance:ContainerGroup";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const RDS = "aws:rds/instance:Instance";
/** AWS's documentation example key: shaped like a real one. */
const EXAMPLE_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

const plaintext: RuleCase[] = [
  { rule: "no-plaintext-secrets", title: "a password in plain env", type: DEPLOYMENT, props: env({ name: "DB_PASSWORD", value: "hunter2" }), expect: ['container "app" sets DB_PASSWORD as plain text'] },
  { rule: "no-plaintext-secrets", title: "an OpenAI key under an innocent name", type: DEPLOYMENT, props: env({ name: "OPENAI", value: "sk-proj-4f9a2b7c1d8e3f6a0b5c9d2e7f1a4b8c" }), expect: ["sets OPENAI as plain text"] },
  { rule: "no-plaintext-secrets", title: "an AWS key id in env", type: DEPLOYMENT, props: env({ name: "AWS_KEY", value: EXAMPLE_KEY_ID }), expect: ["sets AWS_KEY"] },
  { rule: "no-plaintext-secrets", title: "a GitHub token, a Docker Hub token and a Slack token", type: DEPLOYMENT, props: env({ name: "GH", value: `ghp_${"a".repeat(36)}` }, { name: "HUB", value: "dckr_pat_2b3e4f5a6b7c8d9e0f1a2b3c" }, { name: "NOTIFY", value: "xoxb-1234567890-abcdefghij" }), expect: ["GH", "HUB", "NOTIFY"] },
  { rule: "no-plaintext-secrets", title: "a PEM private key in env", type: DEPLOYMENT, props: env({ name: "TLS", value: "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----" }), expect: ["sets TLS"] },
  { rule: "no-plaintext-secrets", title: "a database URL with its password in ACI plain env", type: ACI, props: { containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", value: "mongodb://app:s3cr3t@db:27017/app" }] }] }, expect: ["sets MONGO_URI"] },
  { rule: "no-plaintext-secrets", title: "a password flag in args", type: DEPLOYMENT, props: args("--port", "8080", "--password", "hunter2"), expect: ["passes --password on its command line"] },
  { rule: "no-plaintext-secrets", title: "a Redis password on the server's command line", type: "kubernetes:apps/v1:StatefulSet", props: { spec: { template: { spec: { containers: [{ name: "redis", image: "redis:7.4.2", args: ["--appendonly", "yes", "--requirepass", "hunter2hunter2"] }] } } } }, expect: ["--requirepass"] },
  { rule: "no-plaintext-secrets", title: "an API key flag inside a shell command", type: DEPLOYMENT, props: deployment((t) => void (firstContainer(t).command = ["sh", "-c", "exec app --api-key=abc123def456 --verbose"])), expect: ["--api-key"] },
  { rule: "no-plaintext-secrets", title: "a key-shaped arg", type: DEPLOYMENT, props: args("--upstream", "https://api.example.com", `--header=Authorization: Bearer ghp_${"b".repeat(36)}`), expect: ["a credential-shaped value"] },
  { rule: "no-plaintext-secrets", title: "a credential-named ConfigMap key", type: "kubernetes:core/v1:ConfigMap", props: { data: { DB_PASSWORD: "x" } }, expect: ['"DB_PASSWORD" looks like a credential'] },
  { rule: "no-plaintext-secrets", title: "a URL with a password in a ConfigMap", type: "kubernetes:core/v1:ConfigMap", props: { data: { DATABASE: "postgresql://app:pw@db/app" } }, expect: ['"DATABASE"'] },
  {
    rule: "no-plaintext-secrets",
    title: "a password inside an embedded config file",
    type: "kubernetes:core/v1:ConfigMap",
    props: { data: { "application.properties": "spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=Airflow2024!\n", "grafana.ini": "[security]\nadmin_password = prom-operator\n" } },
    expect: ['"application.properties" embeds the credential setting "spring.datasource.password"', '"grafana.ini" embeds the credential setting "admin_password"'],
  },
  {
    rule: "no-plaintext-secrets",
    title: "plain settings, env references and a config file that points at the secret",
    type: "kubernetes:core/v1:ConfigMap",
    props: { data: { APP_ENV: "production", MAX_TOKENS: "4096", MLFLOW_TRACKING_URI: "http://mlflow:5000", "app.yaml": "database:\n  password: ${DB_PASSWORD}\n  tokenEndpoint: https://login/token\n" } },
    expect: [],
  },
  {
    rule: "no-plaintext-secrets",
    title: "LiteLLM's config naming each key by env reference (os.environ/NAME), next to a literal one",
    type: "kubernetes:core/v1:ConfigMap",
    props: { data: { "config.yaml": "model_list:\n  - litellm_params:\n      api_key: os.environ/GATEWAY_MODEL_1_API_KEY\n  - litellm_params:\n      api_key: gsk_literal_key_in_the_file\n" } },
    expect: ['"config.yaml" embeds the credential setting "api_key"'],
  },
  { rule: "no-plaintext-secrets", title: "a well-known default in a Secret", type: "kubernetes:core/v1:Secret", props: { stringData: { "root-password": "minioadmin" } }, expect: ['key "root-password" holds a well-known default'] },
  { rule: "no-plaintext-secrets", title: "a base64 default in a Secret", type: "kubernetes:core/v1:Secret", props: { data: { password: Buffer.from("changeme").toString("base64") } }, expect: ["well-known default"] },
  {
    rule: "no-plaintext-secrets",
    title: "secretKeyRef env, an env-expanded arg, ACI secureValue and generated Secret data",
    type: DEPLOYMENT,
    props: deployment((t) => {
      Object.assign(firstContainer(t), { env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }, { name: "LOG_LEVEL", value: "info" }], args: ["--password=$(DB_PASSWORD)", "--token-ttl", "3600"] });
    }),
    expect: [],
  },
  { rule: "no-plaintext-secrets", title: "ACI secureValue", type: ACI, props: { containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", secureValue: "mongodb://u:p@h" }] }] }, expect: [] },
];

const helm: RuleCase[] = [
  { rule: "helm-values-no-plaintext-secrets", title: "auth.rootPassword in plain values (synth view)", type: RELEASE, props: { values: { auth: { rootPassword: "Zq3x9GeneratedLongEnough", existingSecret: "" } } }, secretPaths: [], expect: ["values.auth.rootPassword is a plain-text credential"] },
  { rule: "helm-values-no-plaintext-secrets", title: "auth.rootPassword set to a default (engine view)", type: RELEASE, props: { values: { auth: { rootPassword: "changeme" } } }, expect: ["values.auth.rootPassword is a well-known default"] },
  { rule: "helm-values-no-plaintext-secrets", title: "a short typed password (engine view)", type: "kubernetes:helm.sh/v4:Chart", props: { values: { minio: { rootUser: "admin", rootPassword: "Minio2024" } } }, expect: ["values.minio.rootPassword is a 9-character literal"] },
  { rule: "helm-values-no-plaintext-secrets", title: "Airflow's metadata connection password (engine view)", type: RELEASE, props: { values: { data: { metadataConnection: { user: "airflow", pass: "airflow", host: "db", db: "airflow" } } } }, expect: ["values.data.metadataConnection.pass is a well-known default"] },
  { rule: "helm-values-no-plaintext-secrets", title: "a token in an extraEnv pair", type: RELEASE, props: { values: { extraEnv: [{ name: "HF_TOKEN", value: "hf_abcdefghijklmnopqrstuvwxyz0123456789" }] } }, secretPaths: [], expect: ["values.extraEnv[0].value is a plain-text credential"] },
  { rule: "helm-values-no-plaintext-secrets", title: "a key-shaped value under an innocent key", type: RELEASE, props: { values: { config: { upstream: { header: `Bearer sk-${"c".repeat(40)}` } } } }, secretPaths: [], expect: ["values.config.upstream.header holds a credential-shaped value"] },
  { rule: "helm-values-no-plaintext-secrets", title: "a fernet key and a webserver secret key", type: RELEASE, props: { values: { fernetKey: "c2VjcmV0LWZlcm5ldC1rZXktZm9yLWFpcmZsb3c=", webserverSecretKey: "flask-secret-key-value-1234" } }, secretPaths: ["values.webserverSecretKey"], expect: ["values.fernetKey is a plain-text credential"] },
  {
    rule: "helm-values-no-plaintext-secrets",
    title: "Secret references and a value that is a Pulumi secret",
    type: RELEASE,
    props: { values: { auth: { existingSecret: "db-auth", secretKeys: { adminPasswordKey: "password" }, password: "Zq3x9GeneratedLongEnough" }, fernetKeySecretName: "airflow-fernet", serviceAccount: { automountServiceAccountToken: false } } },
    secretPaths: ["values.auth.password"],
    expect: [],
  },
];

const resources: RuleCase[] = [
  { rule: "resource-credentials-not-plaintext", title: "an RDS master password copied from the docs", type: RDS, props: { engine: "postgres", password: "postgres" }, secretPaths: ["password"], expect: ["password is a well-known default"] },
  { rule: "resource-credentials-not-plaintext", title: "a short typed RDS password (engine view)", type: RDS, props: { engine: "postgres", password: "Airflow1!" }, expect: ["password is a 9-character literal"] },
  {
    rule: "resource-credentials-not-plaintext",
    title: "ACI secure values and a storage key that are not Pulumi secrets",
    type: ACI,
    props: {
      containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", secureValue: "mongodb://app:Zq3x9GeneratedLongEnough@cosmos:10255/app" }] }],
      volumes: [{ name: "models", azureFile: { shareName: "models", storageAccountName: "forja", storageAccountKey: "a2V5LWtleS1rZXkta2V5LWtleS1rZXktLWtleQ==" } }],
    },
    secretPaths: [],
    expect: ["containers[0].environmentVariables[0].secureValue is not a Pulumi secret", "volumes[0].azureFile.storageAccountKey is not a Pulumi secret"],
  },
  { rule: "resource-credentials-not-plaintext", title: "a Key Vault secret value in plain text", type: "azure-native:keyvault:Secret", props: { vaultName: "v", properties: { value: "mongodb://app:Zq3x9GeneratedLongEnough@cosmos/app" } }, secretPaths: [], expect: ["properties.value is not a Pulumi secret"] },
  { rule: "resource-credentials-not-plaintext", title: "an ElastiCache auth token that is a Pulumi secret but a default", type: "aws:elasticache/replicationGroup:ReplicationGroup", props: { authToken: "password123" }, secretPaths: ["authToken"], expect: ["authToken is a well-known default"] },
  {
    rule: "resource-credentials-not-plaintext",
    title: "generated secrets, and Secrets Manager ARNs",
    type: ACI,
    props: { containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", secureValue: "mongodb://app:Zq3x9GeneratedLongEnough@cosmos/app" }] }], imageRegistryCredentials: [{ server: "acr.azurecr.io", identity: "/subscriptions/x/identity" }] },
    secretPaths: ["containers[0].environmentVariables[0].secureValue"],
    expect: [],
  },
  { rule: "resource-credentials-not-plaintext", title: "an RDS instance whose password Secrets Manager manages", type: RDS, props: { engine: "postgres", manageMasterUserPassword: true, masterUserSecretKmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k" }, secretPaths: [], expect: [] },
  { rule: "resource-credentials-not-plaintext", title: "a plain SSM String parameter", type: "aws:ssm/parameter:Parameter", props: { type: "String", value: "us-east-1" }, secretPaths: [], expect: [] },
  { rule: "resource-credentials-not-plaintext", title: "a SecureString parameter that is not a Pulumi secret", type: "aws:ssm/parameter:Parameter", props: { type: "SecureString", value: "Zq3x9GeneratedLongEnough" }, secretPaths: [], expect: ["value is not a Pulumi secret"] },
];

export const secretCases: RuleCase[] = [...plaintext, ...helm, ...resources];
