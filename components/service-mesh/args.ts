import type { ClusterCapabilities } from "../platform/capabilities";

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

/** How the ingress gateway's Service is exposed. */
export const GatewayServiceType = { LoadBalancer: "LoadBalancer", NodePort: "NodePort", ClusterIp: "ClusterIP" } as const;
export type GatewayServiceType = (typeof GatewayServiceType)[keyof typeof GatewayServiceType];

/** Where the node's CNI lives, which the Istio CNI agent chains into. */
export const CniPlatform = {
  /** /opt/cni/bin and /etc/cni/net.d: EKS, Minikube, kind. */
  Default: "default",
  /** K3s's own paths under /var/lib/rancher/k3s (Istio's `platform: k3s` profile). */
  K3s: "k3s",
} as const;
export type CniPlatform = (typeof CniPlatform)[keyof typeof CniPlatform];

export interface ServiceMeshArgs {
  /** The cluster's capabilities: `kind` picks the gateway Service and CNI paths, `imageMirrors` rewrites the hub. */
  cluster: ClusterCapabilities;
  /** Resource sizes: "small" for a 2-CPU / 8-GB machine, "standard" for the seed's 6 CPU / 12 GB and up. @default "small" */
  size?: "small" | "standard";
  /**
   * Run the Istio CNI agent so injected pods need no NET_ADMIN/NET_RAW
   * `istio-init` and pass restricted Pod Security. Its DaemonSet runs
   * privileged in a namespace of its own, under named policy exemptions.
   * Without it, injected pods are refused in restricted namespaces. @default true
   */
  cni?: boolean;
  /** CNI paths on the nodes. Minikube users on a K3s-kind cluster set "default". @default "k3s" on K3s, else "default" */
  cniPlatform?: CniPlatform;
  /** Image hub for every Istio image, rewritten through `cluster.imageMirrors`. @default "docker.io/istio" */
  hub?: string;
  /** istiod's namespace (restricted). @default "istio-system" */
  namespace?: string;
  /** The CNI agent's namespace (privileged). @default "istio-cni" */
  cniNamespace?: string;
  /** The ingress gateway's namespace (restricted). @default "istio-ingress" */
  gatewayNamespace?: string;
  /**
   * The gateway Service. A LoadBalancer on K3s is not awaited (Minikube never
   * gives it an address without `minikube tunnel`). @default "LoadBalancer" on EKS, "NodePort" on K3s
   */
  gatewayService?: GatewayServiceType;
  /** A mirror of the Istio chart repository (https://, oci:// or a file:/// folder). @default "https://blob.istio.io/istio-release/charts" */
  chartRepository?: string;
  /** Extra values per chart, merged last. @default {} */
  values?: { base?: ChartValuesOverride; cni?: ChartValuesOverride; istiod?: ChartValuesOverride; gateway?: ChartValuesOverride };
  /** Protect the namespaces it creates (deleting one deletes everything in it, volume claims included) and keep them on removal; the stack sets it in production. @default false */
  protect?: boolean;
}
