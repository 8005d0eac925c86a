/**
 * Named exemptions for objects upstream charts render that cannot meet a rule
 * as written, each with the chart template it covers and why it is safe.
 * Never a blanket exemption: one rule, one template, one finding.
 */
export interface ChartExemption {
  policy: string;
  /** The template as `helm template` names it: the chart's name, then its path (subcharts under `charts/`). */
  template: string;
  /** The finding it covers (the rule's message). */
  finding: RegExp;
  why: string;
}

export const CHART_EXEMPTIONS: ChartExemption[] = [
  {
    policy: "no-plaintext-secrets",
    template: "milvus/charts/etcd/templates/statefulset.yaml",
    finding: /sets ETCD_INITIAL_CLUSTER_TOKEN as plain text/,
    why: "etcd's initial-cluster-token only keeps two clusters apart while they bootstrap; it grants no access (etcd docs, clustering guide)",
  },
  // The NVIDIA device plugin registers GPUs through the kubelet's socket folder and CDI specs on the
  // host, as root (upstream runs it so; it lives in kube-system, which does not enforce restricted).
  ...["containers-non-root", "pods-no-host-path"].map((policy) => ({
    policy,
    template: "nvidia-device-plugin/templates/daemonset-device-plugin.yml",
    finding: /container "nvidia-device-plugin-ctr" may run as root|volume "(device-plugin|mps-root|mps-shm|cdi-root)" mounts the host path/,
    why: "the plugin writes its socket into /var/lib/kubelet/device-plugins and reads CDI and MPS state on the host, as root",
  })),
  // The MPS control daemon only schedules on nodes labelled nvidia.com/mps.capable=true (its own
  // affinity), which Forja never sets: rendered, never run. It needs a privileged root container.
  ...["containers-non-root", "containers-no-privilege-escalation", "containers-drop-capabilities", "pods-no-host-path"].map((policy) => ({
    policy,
    template: "nvidia-device-plugin/templates/daemonset-mps-control-daemon.yml",
    finding: /container "mps-control-daemon-(ctr|mounts)"|volume "(mps-root|mps-shm)" mounts the host path/,
    why: "the MPS daemon mounts a host tmpfs and runs nvidia-cuda-mps-control privileged; it runs only on nodes labelled nvidia.com/mps.capable, which Forja does not label",
  })),
  // Istio's CNI agent (ServiceMesh) chains itself into the node's CNI config and sets up each injected
  // pod's traffic redirection from the host: the one privileged piece, so injected pods need neither
  // NET_ADMIN nor root. It runs alone in its own namespace, labelled privileged.
  ...["containers-non-root", "containers-no-privilege-escalation", "containers-drop-capabilities", "containers-apparmor", "pods-no-host-path"].map((policy) => ({
    policy,
    template: "cni/templates/daemonset.yaml",
    finding: /container "install-cni" (may run as root|allows privilege escalation|adds capabilities|runs with AppArmor profile unconfined)|volume "cni-(bin-dir|net-dir|host-procfs|socket-dir|netns-dir)" mounts the host path/,
    why: "istio-cni-node writes the CNI plugin and config into the node's CNI folders and enters pods' network namespaces to program iptables, as root with NET_ADMIN (Istio docs, CNI plugin); this replaces NET_ADMIN in every injected pod",
  })),
  {
    policy: "no-plaintext-secrets",
    template: "istiod/templates/configmap-values.yaml",
    finding: /ConfigMap key "merged-values" embeds the credential setting "token"/,
    why: 'the match is sds.token.aud: "istio-ca", the audience of the projected service-account token the proxies present to istiod; a name, not a credential',
  },
  {
    policy: "no-plaintext-secrets",
    template: "istiod/templates/istiod-injector-configmap.yaml",
    finding: /ConfigMap key "(values|config)" embeds the credential setting "(token|secret)"/,
    why: "the injector's values carry sds.token.aud (an audience name) and its pod templates mount Secrets by name (volume source `secret:`); neither holds a credential",
  },
  {
    policy: "no-unpinned-images",
    template: "gateway/templates/deployment.yaml",
    finding: /container "istio-proxy": image "auto" has no tag/,
    why: "\"auto\" is a placeholder istiod's injection webhook replaces at admission with the proxy image of its pinned global.hub and global.tag; the pod never pulls \"auto\"",
  },
  {
    policy: "rbac-no-cluster-admin",
    template: "argo-cd/templates/argocd-application-controller/clusterrole.yaml",
    finding: /rule 1 allows every verb on every resource/,
    why: "Argo CD's application controller applies whatever kinds the synced manifests hold (Argo CD docs, cluster-scoped install); GitOps confines Applications through an AppProject to one repository and their namespaces, with no cluster-scoped kinds",
  },
];

/** The exemption that covers a finding on a chart object, if any. */
export function chartExemption(policy: string, origin: { template: string } | undefined, message: string): ChartExemption | undefined {
  if (!origin) return undefined;
  return CHART_EXEMPTIONS.find((e) => e.policy === policy && e.template === origin.template && e.finding.test(message));
}
