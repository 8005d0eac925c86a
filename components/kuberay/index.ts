export { KubeRayOperator } from "./kuberay-operator";
export { RayService } from "./ray-service";
export type { KubeRayOperatorArgs, RayResources, RayServeAppArgs, RayServiceArgs, RayWorkersArgs } from "./args";
export { KUBERAY_CHART, KUBERAY_DEFAULTS, RAY_DEFAULT_IMAGE, RAY_PORTS, RAY_SERVICE_DEFAULTS } from "./defaults";
export { planKubeRayOperator, planRayService, rayPodLabels, rayPodMonitorSpec, rayServiceSpec, rayVersionOfImage, renderKubeRayValues, serveConfig } from "./values";
export { RAY_DASHBOARD_METRICS, rayDashboard } from "./dashboard";
