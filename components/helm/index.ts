export { chartRepositoryReason, chartValues, mirrorValues, validateChartReference } from "./chart";
export type { ChartReference, ChartValueLayers } from "./chart";
export { HelmInstall, chartSource, deployChart, serviceLinksOff } from "./deploy";
export type { ChartDeployment } from "./deploy";
