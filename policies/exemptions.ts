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
];

/** The exemption that covers a finding on a chart object, if any. */
export function chartExemption(policy: string, origin: { template: string } | undefined, message: string): ChartExemption | undefined {
  if (!origin) return undefined;
  return CHART_EXEMPTIONS.find((e) => e.policy === policy && e.template === origin.template && e.finding.test(message));
}
