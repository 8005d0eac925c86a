/**
 * Named exemptions for objects upstream charts render that cannot meet a rule
 * as written, each with the chart template it covers and why it is safe.
 * Never a blanket exemption: one rule, one template, one finding.
 */
export interface ChartExemption {
  policy: string;
  /** The template as `helm template` names it: the chart's name, then its path (subcharts under `charts/`). */
  template: string;
  /** A substring of the finding it covers. */
  finding: string;
  why: string;
}

export const CHART_EXEMPTIONS: ChartExemption[] = [
  {
    policy: "no-plaintext-secrets",
    template: "milvus/charts/etcd/templates/statefulset.yaml",
    finding: "ETCD_INITIAL_CLUSTER_TOKEN",
    why: "etcd's initial-cluster-token only keeps two clusters apart while they bootstrap; it grants no access (etcd docs, clustering guide)",
  },
];

/** The exemption that covers a finding on a chart object, if any. */
export function chartExemption(policy: string, origin: { template: string } | undefined, message: string): ChartExemption | undefined {
  if (!origin) return undefined;
  return CHART_EXEMPTIONS.find((e) => e.policy === policy && e.template === origin.template && message.includes(e.finding));
}
