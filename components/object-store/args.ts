import type * as pulumi from "@pulumi/pulumi";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { ClusterCapabilities } from "../platform/capabilities";

/** Where the buckets live: SeaweedFS in the cluster (K3s, Minikube) or Amazon S3 (EKS). */
export const ObjectStoreBackend = { SeaweedFs: "seaweedfs", S3: "s3" } as const;
export type ObjectStoreBackend = (typeof ObjectStoreBackend)[keyof typeof ObjectStoreBackend];

/** Amazon S3 settings, used when the backend is `s3`. */
export interface ObjectStoreS3Args {
  /** Region of the buckets (and the cluster). */
  region: string;
  /** Prefix of every bucket's name (S3 names are global): `<prefix>-<bucket>`. */
  bucketPrefix: string;
  /** KMS key for SSE-KMS. @default unset (the account's aws/s3 key) */
  kmsKeyArn?: pulumi.Input<string>;
  /** @default {} */
  tags?: Record<string, string>;
}

export interface ObjectStoreArgs {
  /** Capabilities of the cluster (storage class, mirrors, workload identity for S3). */
  cluster: ClusterCapabilities;
  /** Namespace of the store and of its clients' credentials Secret or service accounts (must exist). */
  namespace: pulumi.Input<string>;
  /** Buckets to create (S3 bucket names: lower case, digits, `-`, 3-63 characters). */
  buckets: string[];
  /** SeaweedFS in the cluster, or Amazon S3 with a WorkloadRole. @default "s3" on EKS, else "seaweedfs" */
  backend?: ObjectStoreBackend;
  /** Pods that may read and write the buckets (e.g. `connect(mlflow, store, [8333]).ingress`): the store's NetworkPolicy admits them on the S3 port. @default [] (nobody but the bucket Job) */
  clients?: Peer[];
  /** S3 backend: the service accounts (in `namespace`) trusted by the buckets' role. @default [] */
  serviceAccounts?: string[];
  /** S3 backend settings. @default unset (required with the s3 backend) */
  s3?: ObjectStoreS3Args;
  /** SeaweedFS image, pinned. @default "docker.io/chrislusf/seaweedfs:4.13" */
  image?: string;
  /** Image of the Job that creates the buckets (AWS CLI), pinned. @default "public.ecr.aws/aws-cli/aws-cli:2.27.0" */
  jobImage?: string;
  /** Size of the retained data volume. @default "10Gi" */
  storageSize?: string;
  /** @default requests 100m / 256Mi, limits 1 CPU / 1Gi */
  resources?: Resources;
  /** Protect the StatefulSet and the keys (the volume is retained either way); on S3, the buckets. @default true */
  protect?: boolean;
  /** Extra labels on every object, pod templates included (e.g. Istio's `sidecar.istio.io/inject`). @default {} */
  labels?: Record<string, string>;
}
