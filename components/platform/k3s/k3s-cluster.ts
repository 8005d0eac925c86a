import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../../core/defaults";
import { childName } from "../../core/naming";
import type { ClusterCapabilities } from "../capabilities";
import type { IngressController } from "../capabilities";
import { ClusterKind, controllerPodPeers } from "../capabilities";
import type { K3sClusterArgs } from "./args";
import { K3S_DEFAULTS } from "./defaults";
import { k3sClusterProblems } from "./validate";

/** Pure: the capabilities of an existing K3s (or Minikube, or any conformant) cluster. */
export function k3sCapabilities(args: K3sClusterArgs): ClusterCapabilities {
  const [first] = k3sClusterProblems(args);
  if (first) throw first;
  const a = withDefaults(K3S_DEFAULTS, args);
  const known: Record<string, IngressController> = { traefik: "traefik", nginx: "nginx" };
  const controller = a.ingressController ?? known[a.ingressClass] ?? "other";
  // Pod labels of the controllers' upstream charts; "other" controllers get no automatic allow.
  const controllerApp: Partial<Record<IngressController, string>> = { traefik: "traefik", nginx: "ingress-nginx" };
  return {
    kind: ClusterKind.K3s,
    storageClass: a.storageClass,
    ingress: {
      className: a.ingressClass,
      controller,
      annotations: {},
      sourcePeers: controllerApp[controller] ? controllerPodPeers(controllerApp[controller]) : [],
    },
    workloadIdentity: { kind: "none" },
    nodeArchitecture: a.nodeArchitecture,
    gpu: a.gpu,
    imageMirrors: a.imageMirrors ?? {},
  };
}

/**
 * Wraps an existing cluster: a Kubernetes provider from its kubeconfig plus the
 * capabilities components need. Creates nothing in the cluster.
 */
export class K3sCluster extends pulumi.ComponentResource {
  /** The Kubernetes provider for the cluster's workloads (TypeScript only: other languages build theirs from `kubeconfig`). */
  readonly provider: k8s.Provider;
  /** What the cluster can do: pass it as the `cluster` arg of every Kubernetes component. */
  readonly capabilities: ClusterCapabilities;
  /**
   * The kubeconfig it was given, as a secret: a program in another language
   * creates its `kubernetes.Provider` from it, since a provider cannot be a
   * component output there. Unset when none was given (the ambient kubeconfig).
   */
  readonly kubeconfig: pulumi.Output<string | undefined>;

  constructor(name: string, args: K3sClusterArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const capabilities = k3sCapabilities(args);
    super("forja:index:K3sCluster", name, {}, opts);
    this.capabilities = capabilities;
    this.kubeconfig = pulumi.secret(args.kubeconfig);
    this.provider = new k8s.Provider(
      childName(name, "provider"),
      {
        kubeconfig: args.kubeconfig === undefined ? undefined : pulumi.secret(args.kubeconfig),
        context: args.context,
      },
      { parent: this },
    );
    this.registerOutputs({ capabilities: this.capabilities, kubeconfig: this.kubeconfig });
  }
}
