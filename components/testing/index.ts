/**
 * `forja/testing`: unit-test a Pulumi program that uses Forja, offline. Mocks
 * answer like the providers Forja uses (EKS cluster outputs, OIDC, kubeconfig,
 * Elastic IPs, Helm releases, ARNs), unknown invokes fail loudly, and every
 * registered resource is recorded with its inputs and options. Helm charts
 * are rendered with a real Helm, as the kubernetes provider renders them, and
 * their objects recorded as the chart's children (see `ChartRenderSettings`).
 * Loads only `@pulumi/pulumi`.
 */
export { recordStack, RecordedStack } from "./stack";
export type { RecordOptions } from "./stack";
export { ForjaMocks, MOCK_ACCOUNT_ID, MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID } from "./mocks";
export type { MockSettings } from "./mocks";
export { RecordingMonitor, REDACTED } from "./record";
export type { ChartOrigin, ReleaseObject, ResourceRecord } from "./record";
export { DEFAULT_KUBERNETES_VERSION } from "./mocks";
export { unadmittedEgress } from "./network";
export type { RenderedKubernetesObject } from "./network";
export { PINNED_HELM } from "./helm";
export type { ChartRenderSettings } from "./helm";
