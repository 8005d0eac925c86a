export { IstioPolicy } from "./istio-policy";
export { IstioTlsMode } from "./args";
export type { IstioAuthorizationArgs, IstioAuthorizationRule, IstioDestinationArgs, IstioGatewayArgs, IstioJwtArgs, IstioPolicyArgs, IstioRouteArgs, IstioScrapeException } from "./args";
export { planIstioPolicy, renderIstioPolicy } from "./values";
