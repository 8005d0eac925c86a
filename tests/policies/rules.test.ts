import { forjaPolicies, runPolicies } from "../../policies/rules";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../components/core";

type Props = Record<string, unknown>;

function violations(policy: string, type: string, props: Props, options: { protect?: boolean; production?: boolean } = {}): string[] {
  return runPolicies([{ type, name: "subject", urn: `urn:pulumi:test::forja::${type}::subject`, props, protect: options.protect ?? false }], {
    production: options.production ?? false,
  })
    .filter((v) => v.policy === policy)
    .map((v) => v.message);
}

const goodContainer = {
  name: "app",
  image: "ghcr.io/acme/app:1.2.3",
  securityContext: restrictedContainerSecurityContext(),
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
};
function deployment(container: Props, pod: Props = {}): Props {
  return { spec: { template: { spec: { securityContext: restrictedPodSecurityContext(), containers: [container], ...pod } } } };
}
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

describe("the policy pack", () => {
  it("has at least 12 rules with unique names and descriptions", () => {
    const names = forjaPolicies.map((p) => p.name);
    expect(names.length).toBeGreaterThanOrEqual(12);
    expect(new Set(names).size).toBe(names.length);
    expect(forjaPolicies.every((p) => p.description.length > 10 && p.enforcementLevel === "mandatory")).toBe(true);
  });

  it("passes a fully hardened Deployment under every rule", () => {
    expect(runPolicies([{ type: DEPLOYMENT, name: "ok", urn: "u", props: deployment(goodContainer), protect: false }], { production: true })).toEqual([]);
  });
});

describe("no-unpinned-images", () => {
  it("fails a latest tag and an untagged image", () => {
    expect(violations("no-unpinned-images", DEPLOYMENT, deployment({ ...goodContainer, image: "icr.io/mjc-cr/app:latest" }))).toHaveLength(1);
    expect(violations("no-unpinned-images", DEPLOYMENT, deployment({ ...goodContainer, image: "nginx" }))).toHaveLength(1);
  });

  it("checks CronJob and ACI container images too", () => {
    const cron = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ ...goodContainer, image: "busybox" }] } } } } } };
    expect(violations("no-unpinned-images", "kubernetes:batch/v1:CronJob", cron)).toHaveLength(1);
    expect(violations("no-unpinned-images", "azure-native:containerinstance:ContainerGroup", { containers: [{ name: "ollama", image: "ollama/ollama:latest" }] })).toHaveLength(1);
  });

  it("finds unpinned images in Helm values, pass pinned ones", () => {
    const type = "kubernetes:helm.sh/v3:Release";
    expect(violations("no-unpinned-images", type, { values: { kafka: { image: { registry: "docker.io", repository: "bitnami/kafka", tag: "latest" } } } })).toEqual([
      expect.stringContaining("values.kafka.image"),
    ]);
    expect(violations("no-unpinned-images", type, { values: { image: { repository: "milvusdb/milvus", tag: "v2.5.15" } } })).toEqual([]);
  });
});

describe("pod security rules", () => {
  it.each([
    ["containers-non-root", { ...goodContainer, securityContext: { ...goodContainer.securityContext, runAsUser: 0 } }],
    ["containers-no-privilege-escalation", { ...goodContainer, securityContext: { ...goodContainer.securityContext, allowPrivilegeEscalation: true } }],
    ["containers-drop-capabilities", { ...goodContainer, securityContext: { ...goodContainer.securityContext, capabilities: { drop: [] } } }],
    ["containers-resources-set", { ...goodContainer, resources: { requests: { cpu: "1" } } }],
    ["containers-seccomp", { ...goodContainer, securityContext: { ...goodContainer.securityContext, seccompProfile: { type: "Unconfined" } } }],
  ])("%s fails a container that breaks it and passes the hardened one", (policy, container) => {
    expect(violations(policy, DEPLOYMENT, deployment(container))).toHaveLength(1);
    expect(violations(policy, DEPLOYMENT, deployment(goodContainer))).toEqual([]);
  });

  it("pods-no-host-namespaces fails hostNetwork", () => {
    expect(violations("pods-no-host-namespaces", DEPLOYMENT, deployment(goodContainer, { hostNetwork: true }))).toHaveLength(1);
    expect(violations("pods-no-host-namespaces", DEPLOYMENT, deployment(goodContainer))).toEqual([]);
  });

  it("checks init containers and StatefulSets", () => {
    const props = { spec: { template: { spec: { containers: [goodContainer], initContainers: [{ name: "init", image: "busybox:1.36" }] } } } };
    expect(violations("containers-non-root", "kubernetes:apps/v1:StatefulSet", props)).toEqual([expect.stringContaining('container "init"')]);
  });
});

describe("no-public-s3-bucket", () => {
  const type = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
  const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
  it("fails a public access block that lets anything through", () => {
    expect(violations("no-public-s3-bucket", type, { ...all, restrictPublicBuckets: false })).toEqual([expect.stringContaining("restrictPublicBuckets")]);
    expect(violations("no-public-s3-bucket", "aws:s3/bucketAclV2:BucketAclV2", { acl: "public-read" })).toHaveLength(1);
  });
  it("passes a full block", () => {
    expect(violations("no-public-s3-bucket", type, all)).toEqual([]);
  });
});

describe("encrypted-at-rest", () => {
  it.each([
    ["aws:rds/instance:Instance", { storageEncrypted: false }, { storageEncrypted: true }],
    ["aws:elasticache/replicationGroup:ReplicationGroup", {}, { atRestEncryptionEnabled: true }],
    ["aws:ebs/volume:Volume", { encrypted: false }, { encrypted: true }],
    ["kubernetes:storage.k8s.io/v1:StorageClass", { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } }, { provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true" } }],
    [
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      { rules: [] },
      { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
    ],
  ])("%s: fails unencrypted, passes encrypted", (type, bad, good) => {
    expect(violations("encrypted-at-rest", type, bad)).toHaveLength(1);
    expect(violations("encrypted-at-rest", type, good)).toEqual([]);
  });
});

describe("in-transit-tls", () => {
  it("fails ElastiCache without transit encryption", () => {
    expect(violations("in-transit-tls", "aws:elasticache/replicationGroup:ReplicationGroup", { transitEncryptionEnabled: false })).toHaveLength(1);
    expect(violations("in-transit-tls", "aws:elasticache/replicationGroup:ReplicationGroup", { transitEncryptionEnabled: true })).toEqual([]);
  });
  it("requires rds.force_ssl on Postgres parameter groups", () => {
    const type = "aws:rds/parameterGroup:ParameterGroup";
    expect(violations("in-transit-tls", type, { family: "postgres15", parameters: [] })).toHaveLength(1);
    expect(violations("in-transit-tls", type, { family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }] })).toEqual([]);
  });
});

describe("no-iam-star-on-star", () => {
  const doc = (statement: Props) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
  it("fails Allow * on *, in a policy or a role's inline policy", () => {
    expect(violations("no-iam-star-on-star", "aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) })).toHaveLength(1);
    expect(violations("no-iam-star-on-star", "aws:iam/role:Role", { inlinePolicies: [{ policy: doc({ Effect: "Allow", Action: ["*"], Resource: ["*"] }) }] })).toHaveLength(1);
  });
  it("passes scoped statements and Deny *", () => {
    expect(violations("no-iam-star-on-star", "aws:iam/policy:Policy", { policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) })).toEqual([]);
    expect(violations("no-iam-star-on-star", "aws:iam/policy:Policy", { policy: doc({ Effect: "Deny", Action: "*", Resource: "*" }) })).toEqual([]);
  });
});

describe("no-open-ingress", () => {
  const type = "aws:ec2/securityGroup:SecurityGroup";
  const open = (port: number) => ({ fromPort: port, toPort: port, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] });
  it("fails SSH from anywhere and 443 from anywhere on a group that is not a load balancer", () => {
    expect(violations("no-open-ingress", type, { ingress: [open(22)] })).toHaveLength(1);
    expect(violations("no-open-ingress", type, { ingress: [open(443)] })).toHaveLength(1);
    expect(violations("no-open-ingress", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" })).toHaveLength(1);
  });
  it("passes 80/443 on a load balancer group and private ranges anywhere", () => {
    expect(violations("no-open-ingress", type, { ingress: [open(80), open(443)], tags: { "forja:purpose": "load-balancer" } })).toEqual([]);
    expect(violations("no-open-ingress", type, { ingress: [{ fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }] })).toEqual([]);
  });
});

describe("stateful-resources-protected", () => {
  const pvc = "kubernetes:core/v1:PersistentVolumeClaim";
  it("fails an unprotected database or volume claim in production", () => {
    expect(violations("stateful-resources-protected", "aws:rds/instance:Instance", { storageEncrypted: true }, { production: true })).toHaveLength(1);
    expect(violations("stateful-resources-protected", pvc, {}, { production: true })).toHaveLength(1);
  });
  it("passes when protected, and outside production", () => {
    expect(violations("stateful-resources-protected", pvc, {}, { production: true, protect: true })).toEqual([]);
    expect(violations("stateful-resources-protected", pvc, {}, { production: false })).toEqual([]);
  });
});

describe("no-plaintext-secrets", () => {
  it("fails a password in a container's plain env and a well-known default in a Secret", () => {
    const container = { ...goodContainer, env: [{ name: "DB_PASSWORD", value: "hunter2" }] };
    expect(violations("no-plaintext-secrets", DEPLOYMENT, deployment(container))).toHaveLength(1);
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:Secret", { stringData: { "root-password": "minioadmin" } })).toHaveLength(1);
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:Secret", { data: { password: Buffer.from("changeme").toString("base64") } })).toHaveLength(1);
    const aci = { containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", value: "mongodb://u:p@h" }] }] };
    expect(violations("no-plaintext-secrets", "azure-native:containerinstance:ContainerGroup", aci)).toHaveLength(1);
  });
  it("passes secretKeyRef env, ACI secureValue and generated Secret data", () => {
    const container = { ...goodContainer, env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }, { name: "LOG_LEVEL", value: "info" }] };
    expect(violations("no-plaintext-secrets", DEPLOYMENT, deployment(container))).toEqual([]);
    const aci = { containers: [{ name: "api", image: "x:1", environmentVariables: [{ name: "MONGO_URI", secureValue: "mongodb://u:p@h" }] }] };
    expect(violations("no-plaintext-secrets", "azure-native:containerinstance:ContainerGroup", aci)).toEqual([]);
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:Secret", { stringData: { password: "Zq3!x9generated" } })).toEqual([]);
  });
});

describe("no-plaintext-secrets on ConfigMaps", () => {
  it("fails a credential-looking key and passes plain settings", () => {
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:ConfigMap", { data: { DB_PASSWORD: "x" } })).toEqual([expect.stringContaining('"DB_PASSWORD" looks like a credential')]);
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:ConfigMap", { data: { DATABASE: "postgresql://app:pw@db/app" } })).toHaveLength(1);
    expect(violations("no-plaintext-secrets", "kubernetes:core/v1:ConfigMap", { data: { APP_ENV: "production", MAX_TOKENS: "4096", MLFLOW_TRACKING_URI: "http://mlflow:5000" } })).toEqual([]);
  });
});
