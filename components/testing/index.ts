/**
 * `forja/testing`: unit-test a Pulumi program that uses Forja, offline. Mocks
 * answer like the providers Forja uses (EKS cluster outputs, OIDC, kubeconfig,
 * Elastic IPs, Helm releases, ARNs), unknown invokes fail loudly, and every
 * registered resource is recorded with its inputs and options.
 * Loads only `@pulumi/pulumi`.
 */
export { recordStack, RecordedStack } from "./stack";
export type { RecordOptions } from "./stack";
export { ForjaMocks, MOCK_ACCOUNT_ID, MOCK_SUBSCRIPTION_ID, MOCK_TENANT_ID } from "./mocks";
export type { MockSettings } from "./mocks";
export { RecordingMonitor, REDACTED } from "./record";
export type { ResourceRecord } from "./record";
