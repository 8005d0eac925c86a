/**
 * One realistic violation per policy rule, applied to a real synthesized stack:
 * a copy of one of the stack's own resources is changed the way a user might
 * change it, or, when the stack has no resource of that kind yet, a realistic
 * resource is added. As components land in a stack, their resources become
 * the targets with no change here.
 */
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../components/core";
import { podTemplateOf, STATEFUL_TYPES } from "../../policies/rules";
import type { PodTemplate } from "../../policies/pods";
import type { ResourceRecord } from "../../components/testing/record";

type Obj = Record<string, unknown>;

export interface StackRecords {
  stack: string;
  records: ResourceRecord[];
}

export interface Mutation {
  rule: string;
  /** The change, as a user would make it. */
  story: string;
  /** The rule reads { production } and the change matters only there. */
  productionOnly?: boolean;
  /** The real resource to change, if the stack has one. */
  target: (record: ResourceRecord) => boolean;
  /** Changes the copy of the target in place. */
  mutate: (record: ResourceRecord) => void;
  /** A realistic resource to add when the stack has no target. */
  inject: (stack: StackRecords) => ResourceRecord;
}

/** Applies a mutation to a copy of the stack's records; returns them and the URN that must be flagged. */
export function applyMutation(stack: StackRecords, mutation: Mutation): { records: ResourceRecord[]; urn: string; injected: boolean } {
  const records = structuredClone(stack.records);
  const target = records.find(mutation.target);
  if (target) {
    mutation.mutate(target);
    return { records, urn: target.urn, injected: false };
  }
  const added = mutation.inject(stack);
  return { records: [...records, added], urn: added.urn, injected: true };
}

/** A resource as the program would register it directly under the stack. */
function resource(stack: StackRecords, type: string, name: string, inputs: Obj, options: { protect?: boolean; secretPaths?: string[] } = {}): ResourceRecord {
  const root = stack.records.find((r) => r.type === "pulumi:pulumi:Stack");
  return {
    urn: `urn:pulumi:${stack.stack}::forja::${type}::${name}`,
    type,
    name,
    parent: root?.urn ?? null,
    dependsOn: [],
    protect: options.protect ?? false,
    retainOnDelete: false,
    ignoreChanges: [],
    replaceOnChanges: [],
    deleteBeforeReplace: false,
    custom: true,
    provider: null,
    inputs,
    redactedInputs: inputs,
    secretPaths: options.secretPaths ?? [],
    outputs: {},
  };
}

const ofType = (type: string) => (r: ResourceRecord) => r.type === type;
const obj = (value: unknown) => value as Obj;
const doc = (...statements: Obj[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** A worker as Forja renders one: restricted, pinned, with requests and limits. */
function workerTemplate(): Obj {
  return {
    metadata: { labels: { "app.kubernetes.io/name": "worker" } },
    spec: {
      securityContext: restrictedPodSecurityContext(),
      containers: [
        {
          name: "worker",
          image: "ghcr.io/acme/worker:1.4.2",
          ports: [{ name: "metrics", containerPort: 9090 }],
          securityContext: restrictedContainerSecurityContext(),
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        },
      ],
    },
  };
}

const isPodBearing = (r: ResourceRecord) => podTemplateOf(r.type, r.inputs) !== undefined;
const podOf = (r: ResourceRecord) => podTemplateOf(r.type, r.inputs) as PodTemplate;
const containerOf = (r: ResourceRecord) => (podOf(r).spec.containers as Obj[])[0];
const contextOf = (r: ResourceRecord) => {
  const container = containerOf(r);
  container.securityContext ??= {};
  return obj(container.securityContext);
};

/** A PSS breach on the stack's first workload, or on an added worker Deployment. */
function onPod(rule: string, story: string, breach: (record: ResourceRecord) => void): Mutation {
  return {
    rule,
    story,
    target: isPodBearing,
    mutate: breach,
    inject: (stack) => {
      const added = resource(stack, "kubernetes:apps/v1:Deployment", "worker", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "worker", namespace: "forja" }, spec: { replicas: 1, template: workerTemplate() } });
      breach(added);
      return added;
    },
  };
}

const podMutations: Mutation[] = [
  onPod("no-unpinned-images", "moves the image to :latest", (r) => void (containerOf(r).image = String(containerOf(r).image).replace(/:[^:/]+$/, ":latest"))),
  onPod("containers-non-root", "runs as root to fix a volume's permissions", (r) => void (contextOf(r).runAsUser = 0)),
  onPod("containers-no-privilege-escalation", "makes the container privileged to debug it", (r) => Object.assign(contextOf(r), { privileged: true, allowPrivilegeEscalation: true })),
  onPod("containers-drop-capabilities", "adds NET_ADMIN for iptables", (r) => void (contextOf(r).capabilities = { drop: ["ALL"], add: ["NET_ADMIN"] })),
  onPod("containers-resources-set", "drops the limits", (r) => void delete containerOf(r).resources),
  onPod("containers-seccomp", "turns seccomp off", (r) => void (contextOf(r).seccompProfile = { type: "Unconfined" })),
  onPod("pods-no-host-namespaces", "uses the host network", (r) => void (podOf(r).spec.hostNetwork = true)),
  onPod("pods-no-host-path", "mounts the Docker socket", (r) => {
    const spec = podOf(r).spec;
    spec.volumes = [...((spec.volumes as Obj[] | undefined) ?? []), { name: "docker", hostPath: { path: "/var/run/docker.sock" } }];
  }),
  onPod("pods-restricted-volume-types", "mounts an NFS export", (r) => {
    const spec = podOf(r).spec;
    spec.volumes = [...((spec.volumes as Obj[] | undefined) ?? []), { name: "shared", nfs: { server: "10.0.0.5", path: "/exports/models" } }];
  }),
  onPod("containers-no-host-ports", "binds a host port", (r) => {
    const container = containerOf(r);
    container.ports = [{ containerPort: 8080, hostPort: 8080 }];
  }),
  // Workload templates always carry metadata (their selector labels), so this edits the record itself.
  onPod("containers-apparmor", "runs AppArmor-unconfined", (r) => void (podOf(r).metadata.annotations = { [`container.apparmor.security.beta.kubernetes.io/${String(containerOf(r).name)}`]: "unconfined" })),
  onPod("containers-default-proc-mount", "unmasks /proc", (r) => void (contextOf(r).procMount = "Unmasked")),
  onPod("pods-safe-sysctls", "raises net.core.somaxconn", (r) => {
    const spec = podOf(r).spec;
    spec.securityContext = { ...obj(spec.securityContext), sysctls: [{ name: "net.core.somaxconn", value: "4096" }] };
  }),
  onPod("containers-selinux", "runs as spc_t", (r) => void (contextOf(r).seLinuxOptions = { type: "spc_t" })),
];

const ACI = "azure-native:containerinstance:ContainerGroup";
const hasContainers = (r: ResourceRecord) => isPodBearing(r) || r.type === ACI;

const secretMutations: Mutation[] = [
  {
    rule: "no-plaintext-secrets",
    story: "pastes an API key into plain env",
    target: hasContainers,
    mutate: (r) => {
      const key = { name: "OPENAI_API_KEY", value: "sk-proj-4f9a2b7c1d8e3f6a0b5c9d2e7f1a4b8c" };
      if (r.type === ACI) {
        const container = (r.inputs.containers as Obj[])[0];
        container.environmentVariables = [...((container.environmentVariables as Obj[] | undefined) ?? []), key];
      } else containerOf(r).env = [...((containerOf(r).env as Obj[] | undefined) ?? []), key];
    },
    inject: (stack) => {
      const template = workerTemplate();
      (obj(template.spec).containers as Obj[])[0].env = [{ name: "DB_PASSWORD", value: "hunter2" }];
      return resource(stack, "kubernetes:apps/v1:Deployment", "worker", { metadata: { name: "worker", namespace: "forja" }, spec: { template } });
    },
  },
  {
    rule: "helm-values-no-plaintext-secrets",
    story: "gives a chart static AWS keys instead of a role",
    target: (r) => /^kubernetes:helm\.sh\//.test(r.type),
    mutate: (r) => {
      const values = obj(r.inputs.values ?? {});
      values.env = { ...obj(values.env ?? {}), AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
      r.inputs.values = values;
    },
    inject: (stack) =>
      resource(stack, "kubernetes:helm.sh/v3:Release", "postgresql", { chart: "postgresql", version: "16.7.27", repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" }, values: { auth: { postgresPassword: "postgres", database: "app" } } }),
  },
  {
    rule: "resource-credentials-not-plaintext",
    story: "sets the database master password from the docs",
    target: ofType("aws:rds/instance:Instance"),
    mutate: (r) => void (r.inputs.password = "postgres"),
    inject: (stack) => resource(stack, "aws:rds/instance:Instance", "airflow-db", { engine: "postgres", engineVersion: "15.10", instanceClass: "db.t4g.medium", storageEncrypted: true, username: "airflow", password: "postgres" }, { protect: true, secretPaths: ["password"] }),
  },
];

const PUBLIC_READ = { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::forja-dags/*" };

const storageMutations: Mutation[] = [
  {
    rule: "no-public-s3-bucket",
    story: "relaxes a bucket's public access block to serve a static site",
    target: ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
    mutate: (r) => Object.assign(r.inputs, { blockPublicPolicy: false, restrictPublicBuckets: false }),
    inject: (stack) => resource(stack, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "site", { bucket: "forja-site", blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
  },
  {
    rule: "s3-account-public-access-block",
    story: "manages the account's public access block but leaves policies open",
    target: ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"),
    mutate: (r) => void (r.inputs.blockPublicPolicy = false),
    inject: (stack) => resource(stack, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
  },
  {
    rule: "resource-policies-not-public",
    story: "adds a public-read statement to a bucket policy",
    target: ofType("aws:s3/bucketPolicy:BucketPolicy"),
    mutate: (r) => {
      const document = JSON.parse(String(r.inputs.policy)) as { Statement: Obj[] };
      r.inputs.policy = doc(...document.Statement, PUBLIC_READ);
    },
    inject: (stack) => resource(stack, "aws:s3/bucketPolicy:BucketPolicy", "dags", { bucket: "forja-dags", policy: doc(PUBLIC_READ) }),
  },
  {
    rule: "s3-bucket-access-logging",
    story: "drops server access logging from a data bucket",
    target: (r) => r.type === "aws:s3/bucket:Bucket" && obj(r.inputs.tags)["forja:access-logs"] === undefined,
    mutate: (r) => void delete r.inputs.logging,
    inject: (stack) => resource(stack, "aws:s3/bucket:Bucket", "exports", { forceDestroy: false }, { protect: true }),
  },
  {
    rule: "database-tls-enforced",
    story: "moves the database to MySQL on its default parameter group",
    target: ofType("aws:rds/instance:Instance"),
    mutate: (r) => {
      Object.assign(r.inputs, { engine: "mysql", engineVersion: "8.0.39" });
      delete r.inputs.parameterGroupName;
    },
    inject: (stack) => resource(stack, "aws:rds/instance:Instance", "orders", { engine: "mysql", engineVersion: "8.0.39", storageEncrypted: true }, { protect: true }),
  },
  {
    rule: "encrypted-at-rest",
    story: "turns off encryption on the EBS StorageClass",
    target: (r) => r.type === "kubernetes:storage.k8s.io/v1:StorageClass" && /ebs/.test(String(r.inputs.provisioner)),
    mutate: (r) => void (obj(r.inputs.parameters).encrypted = "false"),
    inject: (stack) => resource(stack, "aws:efs/fileSystem:FileSystem", "models", { performanceMode: "generalPurpose", throughputMode: "elastic" }, { protect: true }),
  },
  {
    rule: "ec2-block-devices-encrypted",
    story: "drops encryption from the node root volume",
    target: ofType("aws:ec2/launchTemplate:LaunchTemplate"),
    mutate: (r) => void (obj((r.inputs.blockDeviceMappings as Obj[])[0].ebs).encrypted = "false"),
    inject: (stack) => resource(stack, "aws:ec2/launchTemplate:LaunchTemplate", "gpu-nodes", { metadataOptions: { httpTokens: "required" }, blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 200, volumeType: "gp3" } }] }),
  },
  {
    rule: "opensearch-encrypted",
    story: "adds a search domain with the defaults",
    target: ofType("aws:opensearch/domain:Domain"),
    mutate: (r) => void (r.inputs.encryptAtRest = { enabled: false }),
    inject: (stack) => resource(stack, "aws:opensearch/domain:Domain", "search", { engineVersion: "OpenSearch_2.13", clusterConfig: { instanceType: "r6g.large.search" } }, { protect: true }),
  },
  {
    rule: "in-transit-tls",
    story: "lets database clients connect without TLS",
    target: ofType("aws:rds/parameterGroup:ParameterGroup"),
    mutate: (r) => void (r.inputs.parameters = ((r.inputs.parameters as Obj[] | undefined) ?? []).filter((p) => p.name !== "rds.force_ssl")),
    inject: (stack) => resource(stack, "aws:rds/parameterGroup:ParameterGroup", "airflow-db", { family: "postgres15", parameters: [{ name: "log_min_duration_statement", value: "500" }] }),
  },
  {
    rule: "ec2-imdsv2-required",
    story: "lets nodes answer IMDSv1 for an old SDK",
    target: ofType("aws:ec2/launchTemplate:LaunchTemplate"),
    mutate: (r) => void (obj(r.inputs.metadataOptions).httpTokens = "optional"),
    inject: (stack) => resource(stack, "aws:ec2/launchTemplate:LaunchTemplate", "legacy-nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }], metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional" } }),
  },
];

const withStatement = (statement: Obj) => (r: ResourceRecord) => {
  const document = JSON.parse(String(r.inputs.policy)) as { Statement: Obj[] };
  r.inputs.policy = doc(...document.Statement, statement);
};
const injectPolicy = (name: string, statement: Obj) => (stack: StackRecords) => resource(stack, "aws:iam/policy:Policy", name, { policy: doc(statement) });
const hasIrsaTrust = (r: ResourceRecord) => r.type === "aws:iam/role:Role" && String(r.inputs.assumeRolePolicy).includes("AssumeRoleWithWebIdentity");
const ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";

const iamMutations: Mutation[] = [
  {
    rule: "no-iam-star-on-star",
    story: 'grants "*" on "*" to get unblocked',
    target: ofType("aws:iam/rolePolicy:RolePolicy"),
    mutate: withStatement({ Sid: "Debug", Effect: "Allow", Action: "*", Resource: "*" }),
    inject: injectPolicy("debug", { Sid: "Debug", Effect: "Allow", Action: "*", Resource: "*" }),
  },
  {
    rule: "iam-no-service-wildcard",
    story: "widens a controller's policy to the whole service",
    target: (r) => /^aws:iam\/(policy:Policy|rolePolicy:RolePolicy)$/.test(r.type),
    mutate: withStatement({ Sid: "Everything", Effect: "Allow", Action: "elasticloadbalancing:*", Resource: "*" }),
    inject: injectPolicy("logs", { Effect: "Allow", Action: "s3:*", Resource: "*" }),
  },
  {
    rule: "iam-no-negated-allow",
    story: "allows everything but IAM with NotAction",
    target: ofType("aws:iam/rolePolicy:RolePolicy"),
    mutate: withStatement({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
    inject: injectPolicy("almost-admin", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
  },
  {
    rule: "iam-no-admin-policies",
    story: "attaches AdministratorAccess to a role",
    target: ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
    mutate: (r) => void (r.inputs.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess"),
    inject: (stack) => resource(stack, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ci-admin", { role: "ci", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
  },
  {
    rule: "iam-trust-restricted",
    story: "drops the service-account condition from an IRSA trust",
    target: hasIrsaTrust,
    mutate: (r) => {
      const document = JSON.parse(String(r.inputs.assumeRolePolicy)) as { Statement: Obj[] };
      for (const statement of document.Statement) {
        const equals = obj(obj(statement.Condition).StringEquals);
        for (const key of Object.keys(equals)) if (key.endsWith(":sub")) delete equals[key];
      }
      r.inputs.assumeRolePolicy = JSON.stringify(document);
    },
    inject: (stack) =>
      resource(stack, "aws:iam/role:Role", "app-role", {
        assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: `arn:aws:iam::111122223333:oidc-provider/${ISSUER}` }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${ISSUER}:aud`]: "sts.amazonaws.com" } } }),
      }),
  },
  {
    rule: "rbac-no-cluster-admin",
    story: "binds a workload's service account to cluster-admin",
    target: ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"),
    mutate: (r) => void (r.inputs.roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }),
    inject: (stack) => {
      const account = stack.records.find(ofType("kubernetes:core/v1:ServiceAccount"));
      const metadata = obj(account?.inputs.metadata ?? { name: "worker", namespace: "forja" });
      return resource(stack, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "worker-admin", {
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [{ kind: "ServiceAccount", name: metadata.name, namespace: metadata.namespace }],
      });
    },
  },
];

const networkMutations: Mutation[] = [
  {
    rule: "no-open-ingress",
    story: "opens SSH to the internet in two halves",
    target: ofType("aws:ec2/securityGroup:SecurityGroup"),
    mutate: (r) => void (r.inputs.ingress = [...((r.inputs.ingress as Obj[] | undefined) ?? []), { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }]),
    inject: (stack) => resource(stack, "aws:ec2/securityGroup:SecurityGroup", "bastion", { vpcId: "vpc-1", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["000.0.0.0/0"] }] }),
  },
  {
    rule: "default-security-group-closed",
    story: "gives the default security group its usual allow-all egress back",
    target: ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
    mutate: (r) => void (r.inputs.egress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
    inject: (stack) => resource(stack, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default-sg", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }),
  },
  {
    rule: "admin-ports-not-public",
    story: "adopts the default NACL as AWS creates it (allow all in)",
    target: ofType("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"),
    mutate: (r) => void (r.inputs.ingress = [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }]),
    inject: (stack) => resource(stack, "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "default-nacl", { defaultNetworkAclId: "acl-1", ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] }),
  },
  {
    rule: "databases-not-public",
    story: "makes the database reachable from a laptop",
    target: ofType("aws:rds/instance:Instance"),
    mutate: (r) => void (r.inputs.publiclyAccessible = true),
    inject: (stack) => resource(stack, "aws:rds/instance:Instance", "reporting-db", { engine: "postgres", storageEncrypted: true, publiclyAccessible: true }, { protect: true }),
  },
  {
    rule: "eks-endpoint-restricted",
    story: "opens the cluster API to everyone",
    target: ofType("eks:index:Cluster"),
    mutate: (r) => void (r.inputs.publicAccessCidrs = ["0.0.0.0/0"]),
    inject: (stack) => resource(stack, "eks:index:Cluster", "analytics", { version: "1.35", encryptionConfigKeyArn: "arn:aws:kms:us-east-1:111122223333:key/k", endpointPrivateAccess: true }),
  },
  {
    rule: "aci-public-ports-app-only",
    story: "publishes Ollama's port on the group's public IP",
    target: (r) => r.type === ACI && String(obj(r.inputs.ipAddress ?? {}).type).toLowerCase() === "public",
    mutate: (r) => void (obj(r.inputs.ipAddress).ports = [...(obj(r.inputs.ipAddress).ports as Obj[]), { port: 11434, protocol: "TCP" }]),
    inject: (stack) =>
      resource(stack, ACI, "datalk-group", {
        osType: "Linux",
        restartPolicy: "Always",
        containers: [
          { name: "datalk-api", image: "forja.azurecr.io/datalk-api:1.0.0", ports: [{ port: 8000 }], resources: { requests: { cpu: 1, memoryInGB: 1.5 } } },
          { name: "ollama", image: "ollama/ollama:0.6.8", ports: [{ port: 11434 }], resources: { requests: { cpu: 2, memoryInGB: 8 } } },
        ],
        ipAddress: { type: "Public", dnsNameLabel: "datalk-api", ports: [{ port: 8000, protocol: "TCP" }, { port: 11434, protocol: "TCP" }] },
      }),
  },
];

const dataMutations: Mutation[] = [
  {
    rule: "stateful-resources-protected",
    productionOnly: true,
    story: "removes protect from a resource that holds data",
    target: (r) => STATEFUL_TYPES.has(r.type) && r.protect,
    mutate: (r) => void (r.protect = false),
    inject: (stack) => resource(stack, "kubernetes:core/v1:PersistentVolumeClaim", "models", { metadata: { name: "models", namespace: "forja" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "50Gi" } } } }),
  },
  {
    rule: "namespaces-protected",
    productionOnly: true,
    story: "removes protect from the workload namespace",
    target: ofType("kubernetes:core/v1:Namespace"),
    mutate: (r) => void (r.protect = false),
    inject: (stack) => resource(stack, "kubernetes:core/v1:Namespace", "ml", { metadata: { name: "ml", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } }),
  },
  {
    rule: "statefulset-claims-retained",
    story: "lets a StatefulSet delete its volume claims with it",
    target: ofType("kubernetes:apps/v1:StatefulSet"),
    mutate: (r) => void (obj(r.inputs.spec).persistentVolumeClaimRetentionPolicy = { whenDeleted: "Delete", whenScaled: "Retain" }),
    inject: (stack) =>
      resource(stack, "kubernetes:apps/v1:StatefulSet", "postgres", {
        metadata: { name: "postgres", namespace: "forja" },
        spec: { serviceName: "postgres", persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" }, template: workerTemplate() },
      }),
  },
  {
    rule: "key-vault-protected",
    productionOnly: true,
    story: "creates the vault without purge protection",
    target: ofType("azure-native:keyvault:Vault"),
    mutate: (r) => void (obj(r.inputs.properties).enablePurgeProtection = false),
    inject: (stack) =>
      resource(stack, "azure-native:keyvault:Vault", "secrets", { resourceGroupName: "forja", properties: { tenantId: "t", sku: { family: "A", name: "standard" }, enableRbacAuthorization: true, enableSoftDelete: true } }, { protect: true }),
  },
];

const STORAGE = "azure-native:storage:StorageAccount";
const storageAccount = (stack: StackRecords, inputs: Obj) => resource(stack, STORAGE, "models", { resourceGroupName: "forja", kind: "StorageV2", sku: { name: "Standard_LRS" }, minimumTlsVersion: "TLS1_2", ...inputs }, { protect: true });

const azureMutations: Mutation[] = [
  { rule: "azure-tls", story: "accepts TLS 1.0 clients on storage", target: ofType(STORAGE), mutate: (r) => void (r.inputs.minimumTlsVersion = "TLS1_0"), inject: (stack) => storageAccount(stack, { minimumTlsVersion: undefined }) },
  { rule: "azure-storage-private", story: "allows anonymous blob reads", target: ofType(STORAGE), mutate: (r) => void (r.inputs.allowBlobPublicAccess = true), inject: (stack) => storageAccount(stack, { allowBlobPublicAccess: true }) },
  {
    rule: "container-registry-private",
    story: "turns on the registry's admin user to pull with a password",
    target: ofType("azure-native:containerregistry:Registry"),
    mutate: (r) => void (r.inputs.adminUserEnabled = true),
    inject: (stack) => resource(stack, "azure-native:containerregistry:Registry", "registry", { resourceGroupName: "forja", sku: { name: "Basic" }, adminUserEnabled: true }, { protect: true }),
  },
];

const COSMOS = "azure-native:cosmosdb:DatabaseAccount";
const aciMutations: Mutation[] = [
  {
    rule: "cosmos-local-auth",
    story: "lets the account keys create and drop collections again",
    target: ofType(COSMOS),
    mutate: (r) => void (r.inputs.disableKeyBasedMetadataWriteAccess = false),
    inject: (stack) =>
      resource(stack, COSMOS, "datalk", { resourceGroupName: "forja", kind: "MongoDB", databaseAccountOfferType: "Standard", minimalTlsVersion: "Tls12", capabilities: [{ name: "EnableMongo" }] }, { protect: true }),
  },
  {
    rule: "container-group-registry-identity",
    story: "pulls the app image with the registry's admin username and password, as seed 001 did",
    target: ofType(ACI),
    mutate: (r) => void (r.inputs.imageRegistryCredentials = [{ server: "acrminilab367.azurecr.io", username: "acrminilab367", password: "[secret]" }]),
    inject: (stack) =>
      resource(stack, ACI, "datalk-group", {
        osType: "Linux",
        containers: [{ name: "datalk-api", image: "acrminilab367.azurecr.io/datalk-api:v1", resources: { requests: { cpu: 1, memoryInGB: 1.5 } } }],
        imageRegistryCredentials: [{ server: "acrminilab367.azurecr.io", username: "acrminilab367", password: "[secret]" }],
      }),
  },
];

export const MUTATIONS: Mutation[] = [...podMutations, ...secretMutations, ...storageMutations, ...iamMutations, ...networkMutations, ...dataMutations, ...azureMutations, ...aciMutations];
