import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

export interface RedisArgs {
  /** Capabilities of the cluster it runs on (storage class, registry mirrors). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Official Debian-based redis image, pinned (runs as uid 999). @default "docker.io/library/redis:7.2.11-bookworm" */
  image?: string;
  /** Size of the append-only-file volume. @default "2Gi" */
  storageSize?: string;
  /** Requests and limits of the server. @default requests cpu "100m", memory "256Mi"; limit memory "512Mi" */
  resources?: Resources;
  /** Pods allowed to connect on 6379, e.g. `connect(client, redis, [6379]).ingress`. @default [] (nobody) */
  clients?: Peer[];
  /** Protect the StatefulSet and password from deletion (the volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
