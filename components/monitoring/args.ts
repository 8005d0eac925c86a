import type { GrafanaDashboard } from "../grafana/args";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { MonitoringPod } from "./defaults";
import type { Resources } from "../core/resources";

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

export interface MonitoringArgs {
  /** The cluster's capabilities (only `imageMirrors` is used: every image is rewritten through it). */
  cluster: ClusterCapabilities;
  /** Namespace, created with the restricted Pod Security labels. @default "monitoring" */
  namespace?: string;
  /** How long Prometheus keeps samples. @default "7d" */
  retention?: string;
  /** Requests and limits per pod. @default MONITORING_DEFAULTS.resources */
  resources?: Partial<Record<MonitoringPod, Resources>>;
  /** Dashboards as code (e.g. `rayDashboard()` from `forja/kuberay`), each a ConfigMap Grafana's sidecar loads. @default [] */
  dashboards?: GrafanaDashboard[];
  /** A mirror of the chart repository (https://, oci:// or a file:/// folder). @default "https://prometheus-community.github.io/helm-charts" */
  chartRepository?: string;
  /** Extra chart values, merged last. @default {} */
  values?: ChartValuesOverride;
  /** Protect the namespaces it creates (deleting one deletes everything in it, volume claims included) and keep them on removal; the stack sets it in production. @default false */
  protect?: boolean;
}
