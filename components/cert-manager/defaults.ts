import type { Resources } from "../core/resources";
/**
 * Pinned cert-manager: chart, images and the sizes its three pods request.
 * cert-manager's chart versions keep the `v` (jetstack's convention).
 */
import type { ChartReference } from "../helm/chart";

export const CERT_MANAGER_CHART: ChartReference = {
  chart: "cert-manager",
  version: "v1.21.1",
  repository: "https://charts.jetstack.io",
};

/** The chart's appVersion; every image is pinned to it explicitly so a mirror sees the tag. */
export const CERT_MANAGER_VERSION = "v1.21.1";

/** The chart's three long-running pods, by values key, and the image each runs. */
export const CERT_MANAGER_PODS = {
  controller: "quay.io/jetstack/cert-manager-controller",
  webhook: "quay.io/jetstack/cert-manager-webhook",
  cainjector: "quay.io/jetstack/cert-manager-cainjector",
} as const;
export type CertManagerPod = keyof typeof CERT_MANAGER_PODS;

/** @deprecated use `Resources` (components/core), which this now is; kept one release for migration (CHANGELOG). */
export type CertManagerResources = Resources;

export const CERT_MANAGER_DEFAULTS = {
  namespace: "cert-manager",
  /**
   * Small-cluster sizes (the seed's Minikube, a 2-CPU laptop): upstream sets no
   * requests; these are above what each pod uses idle on a few dozen certificates.
   */
  resources: {
    controller: { requests: { cpu: "25m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
    webhook: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
    cainjector: { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } },
  } as Record<CertManagerPod, Resources>,
};

/** Pulumi's await annotation: the webhook configuration counts as created once cainjector has set its CA. */
export const CA_INJECTION_WAIT = { annotation: "pulumi.com/waitFor", value: "jsonpath={.webhooks[0].clientConfig.caBundle}" } as const;
