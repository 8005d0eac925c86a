/** Pinned SeaweedFS and the numbers of its single-node S3 store. */
export const OBJECT_STORE_DEFAULTS = {
  /** The tag MLflow's own compose file pins for SeaweedFS. */
  image: "docker.io/chrislusf/seaweedfs:4.13",
  /** The AWS CLI Forja's other Jobs (Milvus and Airflow backups) use. */
  jobImage: "public.ecr.aws/aws-cli/aws-cli:2.27.0",
  /** A static Go binary: any uid works; the volume is made the group's by fsGroup. */
  uid: 1000,
  s3Port: 8333,
  dataPath: "/data",
  configPath: "/etc/seaweedfs",
  storageSize: "10Gi",
  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  protect: true,
  /** Access key id length (AWS-like) and secret key length. */
  accessKeyLength: 20,
  secretKeyLength: 40,
  /** SeaweedFS's default volume size (30 GB) would preallocate more than a laptop's volume. */
  volumeSizeLimitMB: 1024,
  bucketJobBackoffLimit: 6,
  bucketJobDeadlineSeconds: 600,
} as const;

/** The keys clients read from the credentials Secret: the AWS SDKs' own variable names. */
export const OBJECT_STORE_KEYS = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY", config: "s3.json" } as const;
