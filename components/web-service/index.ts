export { WebService } from "./web-service";
export type {
  WebServiceArgs,
  ProbeArgs,
  ProbesArgs,
  HttpProbeArgs,
  TcpProbeArgs,
  ExecProbeArgs,
  ResourceArgs,
  ResourceRequests,
  ResourceLimits,
  NamedPort,
  NetworkPeer,
  NetworkPolicyArgs,
  IngressArgs,
  AutoscalingArgs,
} from "./args";
export { PathType } from "./args";
export type { ClusterCapabilities } from "../platform/capabilities";
