import type { ClusterCapabilities } from "../platform/capabilities";
import type { CertManagerPod } from "./defaults";
import type { Resources } from "../core/resources";

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

export interface CertManagerArgs {
  /** The cluster's capabilities (only `imageMirrors` is used). */
  cluster: ClusterCapabilities;
  /** Namespace, created with the restricted Pod Security labels. @default "cert-manager" */
  namespace?: string;
  /** A mirror of the chart repository (https://, oci:// or a file:/// folder of packaged charts). @default "https://charts.jetstack.io" */
  chartRepository?: string;
  /** Requests and limits per pod (controller, webhook, cainjector). @default CERT_MANAGER_DEFAULTS.resources */
  resources?: Partial<Record<CertManagerPod, Resources>>;
  /**
   * A self-signed ClusterIssuer named this, created after the webhook is ready
   * (a CA Issuer chain for in-cluster TLS starts from one). @default unset (none)
   */
  selfSignedIssuer?: string;
  /** Extra chart values, merged last. @default {} */
  values?: ChartValuesOverride;
  /** Protect the namespaces it creates (deleting one deletes everything in it, volume claims included) and keep them on removal; the stack sets it in production. @default false */
  protect?: boolean;
}
