export { ChartRenderer } from "./renderer";
export type { ChartInputs } from "./renderer";
export type { ChartRenderSettings } from "./settings";
export { resolveChartSettings } from "./settings";
export { PINNED_HELM, locateHelm } from "./binary";
export { chartChildren, childKey, typeToken } from "./children";
export type { ChartChild } from "./children";
export type { ManifestObject, RenderedManifest } from "./render";
