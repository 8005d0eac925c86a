import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Peer } from "../core/peer";
import type { Resources } from "../core/resources";

export interface HttpProbeArgs {
  /** Path, starting with "/". */
  path: string;
  /** Integer port. @default the service port */
  port?: number;
}

export interface TcpProbeArgs {
  /** Integer port. @default the service port */
  port?: number;
}

export interface ExecProbeArgs {
  /** The command the probe runs in the container; exit 0 is healthy. */
  command: string[];
}

/** One probe: exactly one of http, tcp or exec. Timings (integers) default to PROBE_DEFAULTS. */
export interface ProbeArgs {
  /** HTTP GET on a path. @default unset */
  http?: HttpProbeArgs;
  /** TCP connect. @default unset */
  tcp?: TcpProbeArgs;
  /** A command run in the container. @default unset */
  exec?: ExecProbeArgs;
  /** @default 5 */
  initialDelaySeconds?: number;
  /** @default 10 */
  periodSeconds?: number;
  /** @default 3 */
  timeoutSeconds?: number;
  /** @default 3 */
  failureThreshold?: number;
}

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type ResourceArgs = Resources;

export interface ProbesArgs {
  /** @default TCP on the port */
  readiness?: ProbeArgs;
  /** @default TCP on the port, after 15 s */
  liveness?: ProbeArgs;
  /** @default none */
  startup?: ProbeArgs;
}

export interface NamedPort {
  /** IANA-style name, at most 15 characters. */
  name: string;
  /** Integer port. */
  port: number;
}

export interface NetworkPolicyArgs {
  /** Who may connect, each on its `ports` (the service ports when unset), e.g. `connect(client, service, [port]).ingress`. @default nobody (the ingress controller still reaches a routed port) */
  ingressFrom?: Peer[];
  /** Where the pods may connect. @default no egress beyond DNS (and AWS APIs with a role) */
  egressTo?: Peer[];
}

/** How an Ingress path matches. */
export const PathType = { Prefix: "Prefix", Exact: "Exact" } as const;
export type PathType = (typeof PathType)[keyof typeof PathType];

/** @deprecated use `Peer` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type NetworkPeer = Peer;

export interface IngressArgs {
  /** URL path, starting with "/". */
  path: string;
  /** @default "Prefix" */
  pathType?: PathType;
  /** Host name to match. @default every host */
  host?: string;
  /**
   * Services that share one load balancer use the same group (ALB `group.name`;
   * seed 002 routes /service, /grafana and / on one ALB). Every route of a
   * group must agree on scheme and TLS (`ssl-redirect` is group-wide).
   * @default "forja-internal" / "forja-internal-tls" inside the VPC, "forja-public" (TLS) / "forja-public-http" when internetFacing
   */
  group?: string;
  /** Health-check path for the load balancer. @default the readiness probe's HTTP path, else "/" */
  healthCheckPath?: string;
  /** Expose to the internet instead of inside the VPC. Named for the risk. @default false */
  internetFacing?: boolean;
  /** ACM certificate: listen on HTTPS 443 and redirect HTTP. @default HTTP only */
  certificateArn?: pulumi.Input<string>;
  /** Serve an internet-facing route over plain HTTP, without a certificate. Named for the risk. @default false */
  allowPlainHttp?: boolean;
}

export interface AutoscalingArgs {
  /** The fewest replicas the autoscaler keeps. */
  minReplicas: number;
  /** The most replicas the autoscaler runs. */
  maxReplicas: number;
  /** Average CPU utilisation target, percent of requests. @integer @default 70 */
  cpuUtilization?: number;
}

export interface WebServiceArgs {
  /** Capabilities of the cluster it runs on (from EksCluster or K3sCluster). */
  cluster: ClusterCapabilities;
  /** Namespace to run in (must exist). */
  namespace: pulumi.Input<string>;
  /** Image pinned to a tag or digest; rewritten through `cluster.imageMirrors`. */
  image: string;
  /** Container port the app listens on. Omit for a worker: no Service, no Ingress. @default none (worker) */
  port?: number;
  /** Port the Service exposes. @default port */
  servicePort?: number;
  /** Further named container ports (e.g. metrics), exposed on the Service too. @default [] */
  extraPorts?: NamedPort[];
  /** Overrides the image's entrypoint. @default the image's */
  command?: string[];
  /** Arguments to the entrypoint. @default the image's */
  args?: string[];
  /** Requests and limits are required. */
  resources: Resources;
  /** Replicas when not autoscaled. @default 2 */
  replicas?: number;
  /** Horizontal autoscaling on CPU. @default none */
  autoscaling?: AutoscalingArgs;
  /** Plain settings, delivered through a ConfigMap. @default {} */
  env?: Record<string, pulumi.Input<string>>;
  /** Credentials, delivered through a Secret; always stored as Pulumi secrets. @default {} */
  secretEnv?: Record<string, pulumi.Input<string>>;
  /** Probes. @default readiness and liveness (initialDelaySeconds 15) on a TCP connect to the port; none for workers */
  probes?: ProbesArgs;
  /** HTTP route on the cluster's ingress class. @default none */
  ingress?: IngressArgs;
  /**
   * An existing cloud role for the pods' service account (IRSA annotation or
   * an EKS Pod Identity association, per the cluster); its trust must admit
   * this service account. @default none
   */
  roleArn?: pulumi.Input<string>;
  /**
   * IAM policies (JSON) by a stable name for a role made for this service
   * alone (a WorkloadRole trusted only by its service account). @default none
   */
  rolePolicies?: Record<string, pulumi.Input<string>>;
  /** Existing docker-registry Secrets for private registries (seed 002 pulls from GHCR). @default [] */
  imagePullSecrets?: string[];
  /**
   * Explicit allows of the default-deny NetworkPolicy. DNS egress is always
   * allowed; with roleArn, so is HTTPS to AWS APIs (and the Pod Identity agent),
   * since a role is only useful if the pod can call AWS.
   * @default no ingress but the ingress controller to a routed port, no egress but DNS
   */
  networkPolicy?: NetworkPolicyArgs;
  /** UID the container runs as. @integer @default 65532 */
  runAsUser?: number;
  /** Opt out of the read-only root filesystem (a writable /tmp is always mounted). @default true */
  readOnlyRootFilesystem?: boolean;
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
