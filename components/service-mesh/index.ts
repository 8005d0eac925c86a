export { ServiceMesh, keepIstiodCaBundle } from "./service-mesh";
export { CniPlatform, GatewayServiceType } from "./args";
export type { ServiceMeshArgs } from "./args";
export { ISTIO_CHARTS, ISTIO_HUB, ISTIO_VERSION, MESH_DEFAULTS, MESH_SIZES } from "./defaults";
export type { MeshResources } from "./defaults";
export { planServiceMesh, renderBaseValues, renderCniValues, renderGatewayValues, renderIstiodValues } from "./values";
