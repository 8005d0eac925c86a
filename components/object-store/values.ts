/**
 * Pure parts of ObjectStore: the plan (args checked, defaults filled), the
 * SeaweedFS app spec the shared single-pod renderer turns into objects, its
 * S3 identities file, and the Job that creates the buckets.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { podDefaults } from "../core/pod";
import { mirrorImage, unpinnedReason } from "../core/images";
import { kubernetesName, shortHash } from "../core/naming";
import { peerProblem } from "../core/peer";
import type { Resources } from "../core/resources";
import { restrictedContainerSecurityContext } from "../core/security";
import type { ArgumentProblems } from "../core/validate";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { AppNetwork, AppPodSpec } from "../stateful-app/values";
import { DNS_EGRESS, appSelector, commonAppProblems } from "../stateful-app/values";
import type { ObjectStoreArgs } from "./args";
import { ObjectStoreBackend } from "./args";
import { OBJECT_STORE_DEFAULTS, OBJECT_STORE_KEYS } from "./defaults";

const COMPONENT = "ObjectStore";
const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** The backend a cluster gets unless asked: S3 where pods have a cloud identity (EKS), SeaweedFS elsewhere. */
export function defaultBackend(cluster: ClusterCapabilities | undefined): ObjectStoreBackend {
  return cluster?.kind === "eks" ? ObjectStoreBackend.S3 : ObjectStoreBackend.SeaweedFs;
}

export function planObjectStore(name: string, args: ObjectStoreArgs) {
  const problems = commonAppProblems(COMPONENT, name, args && { ...args, clients: undefined, resources: args.resources });
  if (!args || typeof args !== "object") problems.throwFirst();
  const plan = withDefaults(
    {
      backend: defaultBackend(args.cluster),
      image: OBJECT_STORE_DEFAULTS.image,
      jobImage: OBJECT_STORE_DEFAULTS.jobImage,
      storageSize: OBJECT_STORE_DEFAULTS.storageSize,
      resources: OBJECT_STORE_DEFAULTS.resources as Resources,
      protect: OBJECT_STORE_DEFAULTS.protect as boolean,
      clients: [] as NonNullable<ObjectStoreArgs["clients"]>,
      serviceAccounts: [] as string[],
      labels: {} as Record<string, string>,
    },
    args,
  );
  if (!Object.values(ObjectStoreBackend).includes(plan.backend)) problems.add("backend", plan.backend, `one of ${Object.values(ObjectStoreBackend).join(", ")}`);
  if (!Array.isArray(plan.buckets) || plan.buckets.length === 0) problems.add("buckets", plan.buckets, "at least one bucket name");
  else plan.buckets.forEach((bucket, i) => problems.check(`buckets[${i}]`, bucket, typeof bucket === "string" && BUCKET.test(bucket) && !bucket.includes("--") ? undefined : "an S3 bucket name: 3-63 lower-case letters, digits and single hyphens"));
  plan.clients.forEach((peer, i) => problems.check(`clients[${i}]`, peer, peerProblem(peer)));
  checkImage(problems, "jobImage", plan.jobImage);
  if (plan.backend === ObjectStoreBackend.S3) s3Problems(problems, plan);
  problems.throwFirst();
  return plan;
}
export type ObjectStorePlan = ReturnType<typeof planObjectStore>;

function checkImage(problems: ArgumentProblems, argument: string, image: string): void {
  const reason = unpinnedReason(image);
  if (reason) problems.add(argument, image, `an image pinned to a tag other than latest, or a digest (${reason})`);
}

function s3Problems(problems: ArgumentProblems, plan: ObjectStorePlan): void {
  if (plan.cluster.workloadIdentity.kind === "none") problems.add("backend", plan.backend, 'a cluster whose pods get a cloud identity (IRSA or Pod Identity) for S3, or backend "seaweedfs"');
  if (!plan.s3 || typeof plan.s3 !== "object") return problems.add("s3", plan.s3, "the S3 settings: region and bucketPrefix");
  if (typeof plan.s3.region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(plan.s3.region)) problems.add("s3.region", plan.s3.region, "an AWS region such as us-east-1");
  if (typeof plan.s3.bucketPrefix !== "string" || !/^[a-z0-9][a-z0-9-]{1,40}$/.test(plan.s3.bucketPrefix)) problems.add("s3.bucketPrefix", plan.s3.bucketPrefix, "2-41 lower-case letters, digits and hyphens (bucket names are global)");
  if (plan.serviceAccounts.length === 0) problems.add("serviceAccounts", plan.serviceAccounts, "the service accounts that use the buckets (the role trusts only them)");
}

/** Name of the S3 bucket behind a logical bucket. */
export function s3BucketName(plan: ObjectStorePlan, bucket: string): string {
  return `${plan.s3!.bucketPrefix}-${bucket}`.slice(0, 63).replace(/-+$/, "");
}

/** The credentials Secret clients read (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY). */
export function credentialsSecretName(name: string): string {
  return kubernetesName([name, "credentials"]);
}

/**
 * SeaweedFS's S3 identities: one, with the generated keys. Without any
 * identity SeaweedFS serves S3 to anyone (allow-all), so one is always set.
 */
export function s3IdentitiesConfig(accessKey: string, secretKey: string): string {
  return JSON.stringify({ identities: [{ name: "forja", credentials: [{ accessKey, secretKey }], actions: ["Admin", "Read", "List", "Tagging", "Write"] }] });
}

/**
 * SeaweedFS as one `weed server` (master, volume, filer and S3 gateway in one
 * process) on the retained volume, as uid 1000 with a read-only root: the
 * binary is run directly (the image's entrypoint would chown /data as root).
 */
export function seaweedSpec(name: string, plan: ObjectStorePlan): AppPodSpec {
  const d = OBJECT_STORE_DEFAULTS;
  const port = "s3";
  const tcp = { tcpSocket: { port }, periodSeconds: 10, timeoutSeconds: 5 };
  return {
    name,
    app: "seaweedfs",
    namespace: plan.namespace,
    cluster: plan.cluster,
    image: plan.image,
    uid: d.uid,
    readOnlyRootFilesystem: true,
    port: { name: port, containerPort: d.s3Port },
    command: ["/usr/bin/weed"],
    args: [
      "server",
      `-dir=${d.dataPath}`,
      // Every SeaweedFS part runs in this pod: they find each other on loopback.
      "-ip=127.0.0.1",
      "-ip.bind=0.0.0.0",
      `-master.volumeSizeLimitMB=${d.volumeSizeLimitMB}`,
      "-s3",
      `-s3.port=${d.s3Port}`,
      `-s3.config=${d.configPath}/${OBJECT_STORE_KEYS.config}`,
    ],
    env: [],
    resources: plan.resources,
    readiness: { ...tcp, failureThreshold: 3 },
    liveness: { ...tcp, periodSeconds: 20, failureThreshold: 5 },
    startup: { ...tcp, failureThreshold: 30 },
    volume: { mountPath: d.dataPath, size: plan.storageSize },
    configMounts: [{ name: "s3-config", mountPath: d.configPath, secret: credentialsSecretName(name) }],
    labels: plan.labels,
  };
}

/** The clients on the S3 port, and the bucket Job; no egress beyond DNS. */
export function seaweedNetwork(name: string, plan: ObjectStorePlan): AppNetwork {
  return { clients: [...plan.clients, { podLabels: bucketJobSelector(name) }], egress: [] };
}

/** The bucket Job's pods: labels of their own, so the store's Service and StatefulSet never select them. */
export function bucketJobSelector(name: string): Record<string, string> {
  return appSelector({ name, app: "seaweedfs-buckets" });
}

/** Idempotent: a bucket that exists is left alone, so the Job can run again. */
export function bucketScript(buckets: string[]): string {
  const lines = buckets.map((b) => `aws s3api head-bucket --bucket ${b} 2>/dev/null || aws s3api create-bucket --bucket ${b}`);
  return ["set -eu", ...lines].join("\n");
}

/**
 * The Job that creates the buckets once the store serves: the AWS CLI as an
 * unprivileged user with the store's keys, named after its bucket list so a
 * new bucket runs it again. Outside any mesh (a sidecar would keep it from
 * completing).
 */
export function renderBucketJob(name: string, plan: ObjectStorePlan, namespace: pulumi.Input<string>): k8s.batch.v1.JobArgs {
  const labels = { ...plan.labels, ...bucketJobSelector(name) };
  return {
    metadata: { name: kubernetesName([name, "buckets", shortHash(plan.buckets.join(","))]), namespace, labels },
    spec: {
      backoffLimit: OBJECT_STORE_DEFAULTS.bucketJobBackoffLimit,
      activeDeadlineSeconds: OBJECT_STORE_DEFAULTS.bucketJobDeadlineSeconds,
      template: {
        metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } },
        spec: {
          restartPolicy: "OnFailure",
          ...podDefaults({ user: OBJECT_STORE_DEFAULTS.uid }),
          nodeSelector: { "kubernetes.io/arch": plan.cluster.nodeArchitecture },
          containers: [
            {
              name: "buckets",
              image: mirrorImage(plan.jobImage, plan.cluster.imageMirrors),
              imagePullPolicy: "IfNotPresent",
              command: ["/bin/sh", "-c", bucketScript(plan.buckets)],
              env: [
                { name: "AWS_ENDPOINT_URL", value: `http://${name}:${OBJECT_STORE_DEFAULTS.s3Port}` },
                { name: "AWS_REGION", value: "us-east-1" },
                { name: "AWS_S3_ADDRESSING_STYLE", value: "path" },
                { name: "HOME", value: "/tmp" },
                ...[OBJECT_STORE_KEYS.accessKeyId, OBJECT_STORE_KEYS.secretAccessKey].map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: credentialsSecretName(name), key } } })),
              ],
              resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
        },
      },
    },
  };
}

/** The bucket Job reaches DNS and the store's S3 port only. */
export function renderBucketJobNetworkPolicy(name: string, plan: ObjectStorePlan, namespace: pulumi.Input<string>): k8s.networking.v1.NetworkPolicyArgs {
  return {
    metadata: { name: kubernetesName([name, "buckets"]), namespace, labels: { ...plan.labels, ...bucketJobSelector(name) } },
    spec: {
      podSelector: { matchLabels: bucketJobSelector(name) },
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [DNS_EGRESS, { to: [{ podSelector: { matchLabels: appSelector({ name, app: "seaweedfs" }) } }], ports: [{ protocol: "TCP", port: OBJECT_STORE_DEFAULTS.s3Port }] }],
    },
  };
}
