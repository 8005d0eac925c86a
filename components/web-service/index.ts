export { WebService } from "./web-service";
export type {
  WebServiceArgs,
  ProbeArgs,
  ProbesArgs,
  HttpProbeArgs,
  TcpProbeArgs,
  ExecProbeArgs,
  ResourceArgs,
  NamedPort,
  NetworkPeer,
  NetworkPolicyArgs,
  IngressArgs,
  AutoscalingArgs,
} from "./args";
export { PathType } from "./args";
/** @deprecated since 0.2.0: the core `Resources` parts. Removed in 0.3.0. */
export type { ResourceRequests, ResourceLimits } from "../core/resources";
export type { ClusterCapabilities } from "../platform/capabilities";
