import type * as pulumi from "@pulumi/pulumi";
import type { IngressController, NodeArchitecture } from "../capabilities";

export interface K3sClusterArgs {
  /**
   * kubeconfig content or a path to a kubeconfig file (the Kubernetes provider
   * accepts both). Content is stored as a secret.
   * @default the provider's ambient kubeconfig ($KUBECONFIG or ~/.kube/config)
   */
  kubeconfig?: pulumi.Input<string>;
  /** kubeconfig context. @default the kubeconfig's current context */
  context?: pulumi.Input<string>;
  /** Default StorageClass for volumes (`standard` on Minikube). @default "local-path" */
  storageClass?: string;
  /** IngressClass for routes (`nginx` on Minikube). @default "traefik" */
  ingressClass?: string;
  /** Controller behind the IngressClass. @default "traefik" when ingressClass is "traefik", "nginx" when "nginx", else "other" */
  ingressController?: IngressController;
  /** Node architecture. @default "amd64" */
  nodeArchitecture?: NodeArchitecture;
  /** Whether nvidia.com/gpu is schedulable. @default false */
  gpu?: boolean;
  /** Registry mirrors for every image: upstream prefix -> mirror prefix. @default {} */
  imageMirrors?: Record<string, string>;
}
