export { ImageMirror } from "./image-mirror";
export type { ImageMirrorArgs, UpstreamCredential } from "./args";
export { Upstream } from "./defaults";
export type { UpstreamName } from "./defaults";
