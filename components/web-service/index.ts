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
/** @deprecated the core `Resources` parts; kept one release for migration (CHANGELOG). */
export type { ResourceRequests, ResourceLimits } from "../core/resources";
export type { ClusterCapabilities } from "../platform/capabilities";
