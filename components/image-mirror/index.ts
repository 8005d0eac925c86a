export { ImageMirror } from "./image-mirror";
export type { ImageMirrorArgs, PrivateRepository, UpstreamCredential } from "./args";
export { UPSTREAMS, IMAGE_MIRROR_DEFAULTS } from "./defaults";
export type { UpstreamName } from "./defaults";
export { mirrorMap, registryHost, enabledUpstreams, lifecyclePolicy, nodePullThroughPolicy, creationRolePolicy, validateImageMirror } from "./values";
