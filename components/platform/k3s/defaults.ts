/** K3s ships the local-path provisioner and Traefik; Minikube users override both. */
export const K3S_DEFAULTS = {
  storageClass: "local-path",
  ingressClass: "traefik",
  nodeArchitecture: "amd64",
  gpu: false,
} as const;
