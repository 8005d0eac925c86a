// A Minikube cluster Forja deploys into: the ambient kubeconfig's "minikube" context.
import { K3sCluster } from "forja/k3s";

export const cluster = new K3sCluster("lab", {
  context: "minikube", // K3s: omit, or pass kubeconfig (content, as a secret)
  storageClass: "standard", // Minikube's; K3s defaults to local-path
  ingressClass: "nginx", // Minikube's; K3s defaults to traefik
});
// Kubernetes components take cluster.capabilities and { providers: { kubernetes: cluster.provider } }.
export const capabilities = cluster.capabilities;
