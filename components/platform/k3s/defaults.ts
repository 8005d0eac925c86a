/** K3s ships the local-path provisioner and Traefik; Minikube users override both. */
export const K3S_DEFAULTS = {
  storageClass: "local-path",
  ingressClass: "traefik",
  nodeArchitecture: "amd64",
  gpu: false,
  /** Kubernetes minor of the K3s release Forja documents and renders charts for (K3s v1.35, stable channel's previous minor). */
  kubernetesVersion: "1.35",
  /** A single-server K3s: what the synth's capacity check assumes when `forja:k3s.nodes` is unset. */
  nodes: { count: 1, cpu: "8", memory: "32Gi" },
} as const;
