export { WebService } from "./web-service";
export type { WebServiceArgs, ProbeArgs, ResourceArgs, NetworkPeer, IngressArgs, AutoscalingArgs } from "./args";
export { WEB_SERVICE_DEFAULTS, PROBE_DEFAULTS } from "./defaults";
export {
  validateWebService,
  renderDeployment,
  renderService,
  renderAutoscaler,
  renderDisruptionBudget,
  renderIngress,
  renderNetworkPolicy,
  effectiveProbes,
} from "./values";
