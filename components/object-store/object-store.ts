import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects, generatedKey } from "../stateful-app/resources";
import { appLabels, appSelector } from "../stateful-app/values";
import type { ObjectStoreArgs } from "./args";
import type * as S3Backend from "./s3";
import { ObjectStoreBackend } from "./args";
import { OBJECT_STORE_DEFAULTS, OBJECT_STORE_KEYS } from "./defaults";
import { credentialsSecretName, planObjectStore, renderBucketJob, renderBucketJobNetworkPolicy, s3IdentitiesConfig, seaweedNetwork, seaweedSpec } from "./values";

/**
 * An S3-compatible object store with one interface on every cluster: on
 * K3s/Minikube SeaweedFS as one pod on a retained volume, always behind
 * generated keys (SeaweedFS with no identity serves anyone), its buckets
 * created by a Job; on EKS real S3 buckets and a WorkloadRole for the named
 * service accounts. Clients read `endpoint`, `buckets` and either
 * `credentialsSecretName` (SeaweedFS) or `serviceAccountAnnotations` (S3).
 */
export class ObjectStore extends pulumi.ComponentResource {
  readonly backend: ObjectStoreBackend;
  /** S3 endpoint URL for clients; undefined on S3 (the SDK's regional default). */
  readonly endpoint?: pulumi.Output<string>;
  /** Logical bucket name -> the real bucket's name. */
  readonly buckets: pulumi.Output<Record<string, string>>;
  /** SeaweedFS: the Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  readonly credentialsSecretName?: pulumi.Output<string>;
  /** S3: annotations for the clients' ServiceAccounts (IRSA's role ARN; none for Pod Identity). */
  readonly serviceAccountAnnotations?: pulumi.Output<Record<string, string>>;
  /** Where clients must be allowed to connect (the store's pods on 8333; S3 and STS on 443). */
  readonly peer: Peer;
  /** What clients must wait for: the buckets exist. */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: ObjectStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planObjectStore(name, args);
    if (plan.backend === ObjectStoreBackend.SeaweedFs) requireKubernetesProvider("ObjectStore", opts);
    super("forja:index:ObjectStore", name, {}, opts);
    this.backend = plan.backend;
    if (plan.backend === ObjectStoreBackend.S3) {
      // Loaded only for S3, so K3s users need not install @pulumi/aws.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { s3Buckets } = require("./s3") as typeof S3Backend;
      const s3 = s3Buckets(this, name, plan);
      this.buckets = pulumi.output(s3.names);
      this.serviceAccountAnnotations = s3.role.serviceAccountAnnotations;
      this.peer = { cidr: "0.0.0.0/0", ports: [443] };
      this.ready = s3.ready;
      this.registerOutputs({ buckets: this.buckets, serviceAccountAnnotations: this.serviceAccountAnnotations });
      return;
    }
    const accessKey = generatedKey(this, childName(name, "access-key"), OBJECT_STORE_DEFAULTS.accessKeyLength, plan.protect);
    const secretKey = generatedKey(this, childName(name, "secret-key"), OBJECT_STORE_DEFAULTS.secretKeyLength, plan.protect);
    const spec = seaweedSpec(name, plan);
    const secret = new k8s.core.v1.Secret(
      childName(name, "credentials"),
      {
        metadata: { name: credentialsSecretName(name), namespace: plan.namespace, labels: appLabels(spec) },
        type: "Opaque",
        stringData: pulumi.secret({
          [OBJECT_STORE_KEYS.accessKeyId]: accessKey,
          [OBJECT_STORE_KEYS.secretAccessKey]: secretKey,
          [OBJECT_STORE_KEYS.config]: pulumi.all([accessKey, secretKey]).apply(([a, s]) => s3IdentitiesConfig(a, s)),
        }),
      },
      { parent: this },
    );
    const { service, statefulSet } = createAppObjects(this, spec, seaweedNetwork(name, plan), plan.protect, [secret]);
    new k8s.networking.v1.NetworkPolicy(childName(name, "buckets-netpol"), renderBucketJobNetworkPolicy(name, plan, plan.namespace), { parent: this });
    const job = new k8s.batch.v1.Job(childName(name, "buckets"), renderBucketJob(name, plan, plan.namespace), { parent: this, dependsOn: [statefulSet, secret] });
    this.endpoint = pulumi.interpolate`http://${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local:${OBJECT_STORE_DEFAULTS.s3Port}`;
    this.buckets = pulumi.output(Object.fromEntries(plan.buckets.map((b) => [b, b])));
    this.credentialsSecretName = secret.metadata.name;
    this.peer = { podLabels: appSelector(spec), ports: [OBJECT_STORE_DEFAULTS.s3Port] };
    this.ready = [job];
    this.registerOutputs({ endpoint: this.endpoint, buckets: this.buckets, credentialsSecretName: this.credentialsSecretName });
  }
}
