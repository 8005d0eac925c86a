import type * as pulumi from "@pulumi/pulumi";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { Resources } from "../core/resources";

/** Chart values are free-form by nature; `any` becomes the schema's JSON type for other languages. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartValuesOverride = Record<string, any>;

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type RayResources = Resources;

export interface KubeRayOperatorArgs {
  /** The cluster's capabilities (only `imageMirrors` is used). */
  cluster: ClusterCapabilities;
  /** Namespace, created with the restricted Pod Security labels. @default "kuberay-system" */
  namespace?: string;
  /** Operator image, pinned; rewritten through `cluster.imageMirrors`. @default "quay.io/kuberay/operator:v1.7.0" */
  image?: string;
  /** A mirror of the chart repository (https://, oci:// or a file:/// folder of packaged charts). @default "https://ray-project.github.io/kuberay-helm/" */
  chartRepository?: string;
  /** Extra chart values, merged last. @default {} */
  values?: ChartValuesOverride;
  /** Protect the namespaces it creates (deleting one deletes everything in it, volume claims included) and keep them on removal; the stack sets it in production. @default false */
  protect?: boolean;
}

/** The Serve application the RayService runs (its code baked into the image). */
export interface RayServeAppArgs {
  /** `module:attribute` of the bound Serve deployment, e.g. "detector.app:deployment". */
  importPath: string;
  /** @default "app" */
  name?: string;
  /** Where the app's routes (e.g. /health, /predict, /metrics) are mounted on the serve port. @default "/" */
  routePrefix?: string;
}

/** A worker group; none by default (head-only). */
export interface RayWorkersArgs {
  /** Workers at start (integer >= 0). @default 0 */
  replicas?: number;
  /** @default RAY_SERVICE_DEFAULTS.worker */
  resources?: Resources;
}

export interface RayServiceArgs {
  /** The cluster's capabilities (only `imageMirrors` is used). */
  cluster: ClusterCapabilities;
  /** The RayService's name: at most 53 characters, so `<name>-serve-svc` fits 63. @default the Pulumi name */
  name?: string;
  /** Existing namespace the RayService lives in. */
  namespace: pulumi.Input<string>;
  /** The operator's readiness (`KubeRayOperator.ready`): the RayService CRD and its controller come from it. */
  operatorReady: pulumi.Resource[];
  /** The Serve application. */
  app: RayServeAppArgs;
  /** Ray image with the app's code, pinned; its tag starts with the Ray version unless `rayVersion` says it. @default "docker.io/rayproject/ray:2.52.0" */
  image?: string;
  /** The Ray version inside `image`; must match the tag when the tag carries one. @default read from the image tag */
  rayVersion?: string;
  /** Head container size. @default RAY_SERVICE_DEFAULTS.head */
  headResources?: Resources;
  /** @default no worker group (head-only) */
  workers?: RayWorkersArgs;
  /**
   * Readiness of the Prometheus operator (`Monitoring.ready`): when given, a
   * PodMonitor scrapes Ray's metrics port (8080) on the head and workers.
   * @default unset (no PodMonitor)
   */
  monitoringReady?: pulumi.Resource[];
  /** Pull secrets for a private image (e.g. GHCR). @default [] */
  imagePullSecrets?: string[];
}
