/**
 * Forja's CrossGuard rules. This file builds no PolicyPack (its constructor
 * starts a gRPC server), so tests and the offline synth load it directly and
 * run every rule over every recorded resource.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { looksLikeCredential, podSpecViolations, unpinnedReason } from "../components/core";
import type { PodViolationKind } from "../components/core";

type Props = Record<string, unknown>;
type Obj = Record<string, unknown>;

/** Pod templates by workload kind (the path differs per kind). */
function podSpecOf(type: string, props: Props): Obj | undefined {
  const spec = props.spec as Obj | undefined;
  if (!spec) return undefined;
  if (/^kubernetes:core\/v1:Pod$/.test(type)) return spec;
  if (/^kubernetes:batch\/v1:CronJob$/.test(type)) {
    return ((((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined)?.spec as Obj | undefined) ?? undefined;
  }
  if (/^kubernetes:(apps\/v1:(Deployment|StatefulSet|DaemonSet|ReplicaSet)|batch\/v1:Job)$/.test(type)) {
    return ((spec.template as Obj | undefined)?.spec as Obj | undefined) ?? undefined;
  }
  return undefined;
}

function containersOf(type: string, props: Props): Obj[] {
  const pod = podSpecOf(type, props);
  if (pod) return [...((pod.containers as Obj[] | undefined) ?? []), ...((pod.initContainers as Obj[] | undefined) ?? [])];
  if (type === "azure-native:containerinstance:ContainerGroup") {
    return [...((props.containers as Obj[] | undefined) ?? []), ...((props.initContainers as Obj[] | undefined) ?? [])];
  }
  return [];
}

/** One rule per restricted-PSS aspect, so a violation names exactly what is wrong. */
function podRule(name: string, description: string, kinds: PodViolationKind[]): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const pod = podSpecOf(args.type, args.props);
      if (!pod) return;
      for (const violation of podSpecViolations(pod)) {
        if (kinds.includes(violation.kind)) report(`${args.name}: ${violation.message}`);
      }
    },
  };
}

/** Every image string in Helm values: `image: "x:y"` or `{repository, tag}` pairs. */
function helmImages(values: unknown, path = "values"): { path: string; image: string }[] {
  if (Array.isArray(values)) return values.flatMap((item, i) => helmImages(item, `${path}[${i}]`));
  if (!values || typeof values !== "object") return [];
  const object = values as Obj;
  const found: { path: string; image: string }[] = [];
  if (typeof object.repository === "string" && "tag" in object) {
    const tag = object.tag;
    const registry = typeof object.registry === "string" && object.registry ? `${object.registry}/` : "";
    found.push({ path, image: `${registry}${object.repository}${tag === "" || tag === undefined || tag === null ? "" : `:${String(tag)}`}` });
  }
  for (const [key, inner] of Object.entries(object)) {
    if (key === "image" && typeof inner === "string") found.push({ path: `${path}.image`, image: inner });
    else found.push(...helmImages(inner, `${path}.${key}`));
  }
  return found;
}

const noUnpinnedImages: ResourceValidationPolicy = {
  name: "no-unpinned-images",
  description: "Every image is pinned to a tag other than latest, or to a digest.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    for (const container of containersOf(args.type, args.props)) {
      const reason = unpinnedReason(String(container.image ?? ""));
      if (reason) report(`${args.name}: container "${String(container.name)}": ${reason}`);
    }
    if (/^kubernetes:helm\.sh\/v\d:(Release|Chart)$/.test(args.type)) {
      for (const { path, image } of helmImages(args.props.values)) {
        const reason = unpinnedReason(image);
        if (reason) report(`${args.name}: ${path}: ${reason}`);
      }
    }
  },
};

function isPublicAcl(acl: unknown): boolean {
  return typeof acl === "string" && /^(public-read|public-read-write|authenticated-read)$/.test(acl);
}

const noPublicS3: ResourceValidationPolicy = {
  name: "no-public-s3-bucket",
  description: "S3 buckets block every kind of public access and carry no public ACL.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const p = args.props;
    if (args.type === "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock") {
      const flags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
      const off = flags.filter((flag) => p[flag] !== true);
      if (off.length > 0) report(`${args.name}: public access block must set ${off.join(", ")} to true`);
    }
    if (/^aws:s3\/(bucket|bucketV2|bucketAcl|bucketAclV2):/.test(args.type) && isPublicAcl(p.acl)) {
      report(`${args.name}: ACL "${String(p.acl)}" makes the bucket public`);
    }
  },
};

const ENCRYPTION_FIELDS: Record<string, string> = {
  "aws:rds/instance:Instance": "storageEncrypted",
  "aws:rds/cluster:Cluster": "storageEncrypted",
  "aws:elasticache/replicationGroup:ReplicationGroup": "atRestEncryptionEnabled",
  "aws:ebs/volume:Volume": "encrypted",
};

const encryptedAtRest: ResourceValidationPolicy = {
  name: "encrypted-at-rest",
  description: "RDS, ElastiCache, EBS volumes and EBS StorageClasses are encrypted; S3 encryption is never disabled.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const field = ENCRYPTION_FIELDS[args.type];
    if (field && args.props[field] !== true) report(`${args.name}: ${field} must be true`);
    if (args.type === "kubernetes:storage.k8s.io/v1:StorageClass" && args.props.provisioner === "ebs.csi.aws.com") {
      const encrypted = (args.props.parameters as Obj | undefined)?.encrypted;
      if (String(encrypted) !== "true") report(`${args.name}: EBS StorageClass must set parameters.encrypted "true"`);
    }
    if (/^aws:s3\/bucketServerSideEncryptionConfiguration(V2)?:/.test(args.type)) {
      const rules = (args.props.rules as Obj[] | undefined) ?? [];
      const ok = rules.length > 0 && rules.every((rule) => {
        const algorithm = (rule.applyServerSideEncryptionByDefault as Obj | undefined)?.sseAlgorithm;
        return algorithm === "aws:kms" || algorithm === "aws:kms:dsse" || algorithm === "AES256";
      });
      if (!ok) report(`${args.name}: every rule must apply AES256 or aws:kms encryption by default`);
    }
  },
};

const inTransitTls: ResourceValidationPolicy = {
  name: "in-transit-tls",
  description: "ElastiCache encrypts in transit; RDS parameter groups force TLS.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup" && args.props.transitEncryptionEnabled !== true) {
      report(`${args.name}: transitEncryptionEnabled must be true`);
    }
    if (args.type === "aws:rds/parameterGroup:ParameterGroup" || args.type === "aws:rds/clusterParameterGroup:ClusterParameterGroup") {
      const family = String(args.props.family ?? "");
      const parameters = (args.props.parameters as { name: string; value: string }[] | undefined) ?? [];
      const value = (name: string) => parameters.find((parameter) => parameter.name === name)?.value;
      if (/postgres/.test(family) && value("rds.force_ssl") !== "1") report(`${args.name}: set parameter rds.force_ssl = 1`);
      if (/mysql|mariadb/.test(family) && !/^(1|ON)$/i.test(value("require_secure_transport") ?? "")) {
        report(`${args.name}: set parameter require_secure_transport = ON`);
      }
    }
  },
};

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function policyDocuments(type: string, props: Props): unknown[] {
  if (/^aws:iam\/(policy:Policy|rolePolicy:RolePolicy|userPolicy:UserPolicy|groupPolicy:GroupPolicy)$/.test(type)) return [props.policy];
  if (type === "aws:iam/role:Role") return ((props.inlinePolicies as Obj[] | undefined) ?? []).map((inline) => inline.policy);
  return [];
}

const noIamStarStar: ResourceValidationPolicy = {
  name: "no-iam-star-on-star",
  description: 'No IAM statement allows action "*" on resource "*".',
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    for (const raw of policyDocuments(args.type, args.props)) {
      let document: { Statement?: unknown } | undefined;
      try {
        document = typeof raw === "string" ? JSON.parse(raw) : (raw as { Statement?: unknown });
      } catch {
        report(`${args.name}: policy document is not valid JSON`);
        continue;
      }
      for (const statement of asList(document?.Statement) as Obj[]) {
        const allows = statement.Effect === "Allow";
        const anyAction = asList(statement.Action).some((action) => action === "*" || action === "*:*");
        const anyResource = asList(statement.Resource).some((resource) => resource === "*");
        if (allows && anyAction && anyResource) report(`${args.name}: statement ${JSON.stringify(statement.Sid ?? "")} allows "*" on "*"`);
      }
    }
  },
};

/** Tag that marks a security group as fronting a public load balancer. */
export const LOAD_BALANCER_TAG = "forja:purpose";
export const LOAD_BALANCER_TAG_VALUE = "load-balancer";
const PUBLIC_LB_PORTS = new Set([80, 443]);

function openIngressRules(type: string, props: Props): Obj[] {
  if (type === "aws:ec2/securityGroup:SecurityGroup") return (props.ingress as Obj[] | undefined) ?? [];
  if (type === "aws:ec2/securityGroupRule:SecurityGroupRule" && props.type === "ingress") return [props];
  if (type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
    return [{ ...props, cidrBlocks: asList(props.cidrIpv4), ipv6CidrBlocks: asList(props.cidrIpv6) }];
  }
  return [];
}

const noOpenIngress: ResourceValidationPolicy = {
  name: "no-open-ingress",
  description: "No security group ingress from 0.0.0.0/0 or ::/0, except ports 80/443 on groups tagged as load balancers.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const isLoadBalancer = (args.props.tags as Obj | undefined)?.[LOAD_BALANCER_TAG] === LOAD_BALANCER_TAG_VALUE;
    for (const rule of openIngressRules(args.type, args.props)) {
      const open = [...asList(rule.cidrBlocks), ...asList(rule.ipv6CidrBlocks)].some((cidr) => cidr === "0.0.0.0/0" || cidr === "::/0");
      if (!open) continue;
      const from = Number(rule.fromPort);
      const to = Number(rule.toPort);
      const webOnly = from === to && PUBLIC_LB_PORTS.has(from);
      if (!(webOnly && isLoadBalancer)) report(`${args.name}: ingress ${from}-${to} is open to the internet`);
    }
  },
};

/** Types whose replacement or deletion loses data. */
export const STATEFUL_TYPES = new Set([
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:ebs/volume:Volume",
  "aws:efs/fileSystem:FileSystem",
  "aws:dynamodb/table:Table",
  "aws:ecr/repository:Repository",
  "aws:kms/key:Key",
  "aws:secretsmanager/secret:Secret",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:core/v1:PersistentVolume",
  "azure-native:cosmosdb:DatabaseAccount",
  "azure-native:keyvault:Vault",
  "azure-native:storage:StorageAccount",
  "azure-native:containerregistry:Registry",
]);

/** Policy config: `{ "stateful-resources-protected": { "production": true } }` for prod previews. */
export interface ProtectionConfig {
  production: boolean;
}

const statefulProtected: ResourceValidationPolicy = {
  name: "stateful-resources-protected",
  description: "In production, resources that hold data are protected against deletion.",
  enforcementLevel: "mandatory",
  configSchema: { properties: { production: { type: "boolean", default: false } } },
  validateResource: (args, report) => {
    const { production } = args.getConfig<ProtectionConfig>();
    if (production && STATEFUL_TYPES.has(args.type) && !args.opts.protect) {
      report(`${args.name}: ${args.type} holds data and must be protected in production`);
    }
  },
};

/** Credentials that ship as chart or image defaults and must never reach a cluster. */
const WELL_KNOWN_CREDENTIALS = new Set(["minioadmin", "admin", "password", "changeme", "secret", "postgres", "root", "airflow", "123456"]);

function decodeIfBase64(value: string): string {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return Buffer.from(decoded, "utf8").toString("base64") === value ? decoded : value;
}

const noPlaintextSecrets: ResourceValidationPolicy = {
  name: "no-plaintext-secrets",
  description: "Credentials reach containers only through Secrets or secure values (never plain env or ConfigMaps), and no Secret holds a well-known default credential.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    for (const container of containersOf(args.type, args.props)) {
      const env = [...asList(container.env), ...asList(container.environmentVariables)] as Obj[];
      for (const variable of env) {
        const name = String(variable.name ?? "");
        if (typeof variable.value === "string" && variable.value !== "" && looksLikeCredential(name, variable.value)) {
          report(`${args.name}: container "${String(container.name)}" sets ${name} as plain text; use a Secret reference (secureValue on ACI)`);
        }
      }
    }
    if (args.type === "kubernetes:core/v1:ConfigMap") {
      for (const [key, value] of Object.entries((args.props.data as Obj | undefined) ?? {})) {
        if (looksLikeCredential(key, value)) report(`${args.name}: ConfigMap key "${key}" looks like a credential; put it in a Secret`);
      }
    }
    if (args.type === "kubernetes:core/v1:Secret") {
      const entries = [
        ...Object.entries((args.props.stringData as Obj | undefined) ?? {}).map(([k, v]) => [k, String(v)] as const),
        ...Object.entries((args.props.data as Obj | undefined) ?? {}).map(([k, v]) => [k, decodeIfBase64(String(v))] as const),
      ];
      for (const [key, value] of entries) {
        if (WELL_KNOWN_CREDENTIALS.has(value.toLowerCase())) report(`${args.name}: key "${key}" holds a well-known default credential`);
      }
    }
  },
};

export const forjaPolicies: ResourceValidationPolicy[] = [
  noUnpinnedImages,
  podRule("containers-non-root", "Containers run as a non-root user.", ["root"]),
  podRule("containers-no-privilege-escalation", "Containers are not privileged and cannot escalate privileges.", ["privilege-escalation"]),
  podRule("containers-drop-capabilities", "Containers drop ALL capabilities (NET_BIND_SERVICE may be added back).", ["capabilities"]),
  podRule("containers-resources-set", "Containers set cpu and memory requests and a memory limit.", ["resources"]),
  podRule("containers-seccomp", "Containers run with the RuntimeDefault seccomp profile.", ["seccomp"]),
  podRule("pods-no-host-namespaces", "Pods do not share the host's network, PID or IPC namespace.", ["host-namespaces"]),
  noPublicS3,
  encryptedAtRest,
  inTransitTls,
  noIamStarStar,
  noOpenIngress,
  statefulProtected,
  noPlaintextSecrets,
];

/** A resource as the rules see it: what CrossGuard would pass to `validateResource`. */
export interface PolicyResource {
  type: string;
  name: string;
  urn: string;
  props: Props;
  protect: boolean;
}

export interface PolicyViolation {
  policy: string;
  urn: string;
  message: string;
}

/**
 * Runs every rule over every resource, outside the policy engine. Used by the
 * offline synth and the stack tests; the pack in `index.ts` runs the same rules
 * under `pulumi preview --policy-pack policies`.
 */
export function runPolicies(resources: PolicyResource[], config: ProtectionConfig): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const resource of resources) {
    const args = {
      type: resource.type,
      name: resource.name,
      urn: resource.urn,
      props: resource.props,
      opts: { protect: resource.protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
      stackTags: new Map<string, string>(),
      getConfig: <T>() => config as unknown as T,
      isType: () => false,
      asType: () => undefined,
    } as unknown as ResourceValidationArgs;
    for (const policy of forjaPolicies) {
      const validate = policy.validateResource;
      const validators = Array.isArray(validate) ? validate : validate ? [validate] : [];
      for (const run of validators) {
        void run(args, (message) => violations.push({ policy: policy.name, urn: resource.urn, message }));
      }
    }
  }
  return violations;
}
