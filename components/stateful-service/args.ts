import type * as pulumi from "@pulumi/pulumi";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { AppRoute, SecretKeyReference } from "../stateful-app/types";
import type { ProbesArgs } from "../web-service/args";

/** The one volume the pod keeps across restarts, rescheduling and `pulumi destroy`. */
export interface StatefulServiceVolume {
  /** Where it is mounted in the container, e.g. "/data". */
  mountPath: string;
  /**
   * Size of the claim. Fixed once created (volumeClaimTemplates are
   * immutable): a change is refused unless `createdWith.volumeSize` says
   * what it was created with. @default "10Gi"
   */
  size?: string;
  /** StorageClass of the claim; fixed once created, like the size. @default the cluster's storage class */
  storageClass?: string;
}

/** What the volume was created with, so a later change of `volume` is refused instead of replacing the StatefulSet. */
export interface StatefulServiceCreatedWith {
  /** @default "10Gi" (the default of `volume.size`) */
  volumeSize?: string;
  /** @default the cluster's storage class */
  storageClass?: string;
}

export interface StatefulServiceArgs {
  /** Capabilities of the cluster it runs on (from EksCluster or K3sCluster). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Image pinned to a tag or digest; rewritten through `cluster.imageMirrors`. */
  image: string;
  /** Container port the app listens on (integer). */
  port: number;
  /** Name of the port (Service, probes, route); a mesh reads the protocol from its prefix. @default "http" */
  portName?: string;
  /** Port the Service exposes (integer). @default port */
  servicePort?: number;
  /** Overrides the image's entrypoint. @default the image's */
  command?: string[];
  /** Arguments to the entrypoint. @default the image's */
  args?: string[];
  /** Requests and limits are required. */
  resources: Resources;
  /** The retained volume. */
  volume: StatefulServiceVolume;
  /** What the volume was created with (see `volume.size`). @default the defaults of `volume` */
  createdWith?: StatefulServiceCreatedWith;
  /** Plain settings, as env literals in the pod spec. @default {} */
  env?: Record<string, pulumi.Input<string>>;
  /** Credentials, kept in a Secret made for this service (always Pulumi secrets); a change rolls the pod. @default {} */
  secretEnv?: Record<string, pulumi.Input<string>>;
  /** Env read from keys of existing Secrets in the namespace, e.g. `Postgres.ownerSecretNames[user]` and `password`. @default {} */
  secretRefs?: Record<string, SecretKeyReference>;
  /** Probes. @default readiness and liveness (initialDelaySeconds 15) on a TCP connect to the port */
  probes?: ProbesArgs;
  /** Who may connect to the port (each peer's `ports`, if set, must be `[port]`), e.g. `connect(client, service, [port]).ingress`. @default [] (nobody: every Forja server denies by default) */
  clients?: Peer[];
  /** Where the pod may connect besides DNS (each peer's `ports`, or every port). @default [] (DNS only) */
  egressTo?: Peer[];
  /** An HTTP route through the cluster's in-cluster ingress controller (Traefik, nginx; not the ALB). @default unset (no route) */
  route?: AppRoute;
  /** UID and GID the container runs as and owns the volume as. @default 65532 */
  runAsUser?: number;
  /** Opt out of the read-only root filesystem (a writable /tmp is always mounted). @default true */
  readOnlyRootFilesystem?: boolean;
  /** Protect the StatefulSet from `pulumi destroy` (the volume is retained either way). @default true */
  protect?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
