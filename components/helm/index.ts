export { chartRepositoryReason, chartValues, mirrorValues, validateChartReference } from "./chart";
export type { ChartReference, ChartValueLayers } from "./chart";
export { HelmInstall, chartSource, deployChart } from "./deploy";
export type { ChartDeployment } from "./deploy";
