export { chartValues, mirrorValues, validateChartReference } from "./chart";
export type { ChartReference, ChartValueLayers } from "./chart";
export { HelmInstall, deployChart } from "./deploy";
export type { ChartDeployment } from "./deploy";
