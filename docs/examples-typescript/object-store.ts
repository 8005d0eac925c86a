// An S3-compatible store for a laptop cluster: SeaweedFS behind generated keys, two buckets, and
// one client (an ingester that buffers on its own volume) connected to it. On EKS the same args
// make private S3 buckets and a WorkloadRole instead (backend "s3").
import * as k8s from "@pulumi/kubernetes";
import { connect } from "forja/core";
import { K3sCluster } from "forja/k3s";
import { ObjectStore } from "forja/object-store";
import { StatefulService } from "forja/stateful-service";

const cluster = new K3sCluster("lab", {});
const opts = { providers: { kubernetes: cluster.provider } };
const data = new k8s.core.v1.Namespace("data", { metadata: { name: "data" } }, { provider: cluster.provider });
const ingestToStore = connect({ name: "ingest", namespace: "data" }, { name: "store", namespace: "data" }, [8333]);

const store = new ObjectStore("store", { cluster: cluster.capabilities, namespace: data.metadata.name, buckets: ["raw", "features"], storageSize: "20Gi", clients: [ingestToStore.ingress] }, opts);
const keys = store.credentialsSecretName!; // SeaweedFS: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
new StatefulService(
  "ingest",
  {
    cluster: cluster.capabilities,
    namespace: data.metadata.name,
    image: "ghcr.io/example/ingest:1.0.0",
    port: 8080,
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    volume: { mountPath: "/spool" },
    env: { AWS_ENDPOINT_URL: store.url!, AWS_REGION: "us-east-1", RAW_BUCKET: store.buckets.apply((b) => b.raw) },
    secretRefs: { AWS_ACCESS_KEY_ID: { name: keys, key: "AWS_ACCESS_KEY_ID" }, AWS_SECRET_ACCESS_KEY: { name: keys, key: "AWS_SECRET_ACCESS_KEY" } },
    clients: [],
    egressTo: [ingestToStore.egress],
  },
  opts,
);
export const endpoint = store.endpoint; // { host: "store.data.svc.cluster.local", port: 8333 }
