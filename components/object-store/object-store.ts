import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Endpoint } from "../core/connect";
import { serverPeer } from "../core/connect";
import { childName } from "../core/naming";
import type { Peer } from "../core/peer";
import { requireKubernetesProvider } from "../platform/kubernetes";
import { createAppObjects, generatedKey } from "../stateful-app/resources";
import { appLabels } from "../stateful-app/values";
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
 * service accounts. Clients read `url` (unset on S3), `buckets` and either
 * `credentialsSecretName` (SeaweedFS) or `serviceAccountAnnotations` (S3),
 * and allow `clientPeer` in their egress; SeaweedFS admits nobody but its
 * bucket Job unless `clients` names them.
 */
export class ObjectStore extends pulumi.ComponentResource {
  readonly backend: ObjectStoreBackend;
  /** S3 endpoint URL for clients (`AWS_ENDPOINT_URL`, MLflow's `artifacts.url`); undefined on S3 (the SDK's regional default). */
  readonly url?: pulumi.Output<string>;
  /** Where clients connect: SeaweedFS's Service on 8333, or the region's S3 endpoint on 443. */
  readonly endpoint: pulumi.Output<Endpoint>;
  /** Logical bucket name -> the real bucket's name. */
  readonly buckets: pulumi.Output<Record<string, string>>;
  /** SeaweedFS: the Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  readonly credentialsSecretName?: pulumi.Output<string>;
  /** S3: annotations for the clients' ServiceAccounts (IRSA's role ARN; none for Pod Identity). */
  readonly serviceAccountAnnotations?: pulumi.Output<Record<string, string>>;
  /** The peer a client's egress must allow: the store's pods on 8333 (the same as `connect(client, store, [8333]).egress`); on S3, HTTPS anywhere (S3 and STS have no fixed addresses). */
  readonly clientPeer: Peer;
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
      this.endpoint = pulumi.output({ host: `s3.${plan.s3!.region}.amazonaws.com`, port: 443 });
      this.clientPeer = { cidr: "0.0.0.0/0", ports: [443] };
      this.ready = s3.ready;
      this.registerOutputs({ buckets: this.buckets, serviceAccountAnnotations: this.serviceAccountAnnotations, endpoint: this.endpoint, clientPeer: this.clientPeer });
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
    const host = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    this.url = pulumi.interpolate`http://${host}:${OBJECT_STORE_DEFAULTS.s3Port}`;
    this.endpoint = host.apply((h) => ({ host: h, port: OBJECT_STORE_DEFAULTS.s3Port }));
    this.buckets = pulumi.output(Object.fromEntries(plan.buckets.map((b) => [b, b])));
    this.credentialsSecretName = secret.metadata.name;
    this.clientPeer = serverPeer(name, plan.namespace, [OBJECT_STORE_DEFAULTS.s3Port]);
    this.ready = [job];
    this.registerOutputs({ url: this.url, endpoint: this.endpoint, buckets: this.buckets, credentialsSecretName: this.credentialsSecretName, clientPeer: this.clientPeer });
  }
}
