export { ForjaArgumentError, describeValue } from "./errors";
export { withDefaults } from "./defaults";
export type { Defaulted } from "./defaults";
export { deepMerge, isPlainObject } from "./merge";
export type { PlainObject } from "./merge";
export { KUBERNETES_NAME_LIMIT, kubernetesName, childName, shortHash } from "./naming";
export { MANAGED_BY, standardLabels, selectorLabels, labelValue } from "./labels";
export type { LabelArgs } from "./labels";
export {
  DEFAULT_RUN_AS_USER,
  restrictedPodSecurityContext,
  restrictedContainerSecurityContext,
  podSpecViolations,
  restrictedNamespaceLabels,
  looksLikeCredential,
  looksLikeCredentialValue,
} from "./security";
export type { PodSecurityPreset, ContainerSecurityPreset, PodViolation, PodViolationKind, PodCheckOptions } from "./security";
export { podDefaults, podSpecOf, withoutServiceLinks } from "./pod";
export type { PodDefaults, PodDefaultsOptions } from "./pod";
export { parseCidr, coversInternet } from "./network";
export type { Cidr } from "./network";
export { DOCKER_HUB, parseImage, formatImage, unpinnedReason, mirrorImage } from "./images";
export type { ImageReference, RegistryMirrors } from "./images";
export { NAMESPACE_NAME_LABEL, networkPolicyPeer, peerPorts, peerProblem } from "./peer";
export type { Peer } from "./peer";
export { containerResources, resourcesProblems } from "./resources";
export type { Quantity, Resources, ResourceRequests, ResourceLimits, ResourcesProblem } from "./resources";
export { INSTANCE_LABEL, componentPods, connect, serverPeer } from "./connect";
export type { ComponentRef, Connection, Endpoint } from "./connect";
