import type * as pulumi from "@pulumi/pulumi";
import type { Peer } from "../core/peer";

/** An Istio Gateway: which hosts the ingress gateway pods accept, on one HTTP(S) port. */
export interface IstioGatewayArgs {
  /** The Gateway's name (VirtualServices refer to it). */
  name: string;
  /** Hosts it accepts, e.g. `anomaly-detector.local`. */
  hosts: string[];
  /** The ingress gateway pods' labels. @default { istio: "ingressgateway" } (the gateway chart's release `istio-ingressgateway`) */
  selector?: Record<string, string>;
  /** Port on the gateway pods (the chart's Service maps 80 to 80). @default 80 */
  port?: number;
  /** A TLS Secret in the gateway's namespace: serves HTTPS on 443 instead. @default unset (plain HTTP) */
  tlsSecretName?: string;
}

/** One VirtualService: hosts, a path prefix, one destination. */
export interface IstioRouteArgs {
  name: string;
  /** Hosts it serves (each must be one of the Gateway's). */
  hosts: string[];
  /** URI prefix matched. @default "/" */
  prefix?: string;
  /** The Service (short name in the same namespace, or FQDN) and port. */
  destination: { host: pulumi.Input<string>; port: number };
  /** Per-request timeout, e.g. "30s". @default unset (Istio's: none) */
  timeout?: string;
}

/** TLS from the mesh to a destination: mutual (destination in the mesh) or none (outside it). */
export const IstioTlsMode = { IstioMutual: "ISTIO_MUTUAL", Disable: "DISABLE" } as const;
export type IstioTlsMode = (typeof IstioTlsMode)[keyof typeof IstioTlsMode];

/** A DestinationRule for one host. */
export interface IstioDestinationArgs {
  name: string;
  host: pulumi.Input<string>;
  /** ISTIO_MUTUAL for a destination with a sidecar, DISABLE for one outside the mesh. */
  tlsMode: IstioTlsMode;
}

/** A port that takes plaintext although the namespace is STRICT: a scraper outside the mesh reads metrics there. */
export interface IstioScrapeException {
  /** Names the workload's PeerAuthentication. */
  name: string;
  /** The workload's pods. */
  podLabels: Record<string, string>;
  /** Container ports opened to plaintext (the metrics ports only). */
  ports: number[];
}

/** JWT validation (RequestAuthentication) on some pods, e.g. the ingress gateway's. */
export interface IstioJwtArgs extends Pick<Peer, "namespace"> {
  name: string;
  /** The pods (in `namespace`) this applies to. */
  podLabels: Record<string, string>;
  issuer: string;
  /** Where istiod fetches the keys (istiod needs egress to it). Give this or `jwks`. @default unset */
  jwksUri?: string;
  /** The keys inline (JWKS JSON): istiod needs no egress. @default unset */
  jwks?: string;
  /** Accepted `aud` values. @default unset (any) */
  audiences?: string[];
}

/** Who may call, and what (one `rules[]` entry of an ALLOW AuthorizationPolicy; unset fields match anything). */
export interface IstioAuthorizationRule {
  /** Peer identities (mTLS), e.g. `cluster.local/ns/istio-ingress/sa/istio-ingressgateway`. @default any */
  principals?: string[];
  /** JWT identities `<iss>/<sub>`; `["*"]` means any valid token. @default any */
  requestPrincipals?: string[];
  /** @default any */
  hosts?: string[];
  /** @default any */
  paths?: string[];
  /** @default any */
  methods?: string[];
  /** @default any */
  ports?: number[];
}

/** An ALLOW AuthorizationPolicy: once one selects a pod, requests no rule matches are denied. */
export interface IstioAuthorizationArgs extends Pick<Peer, "namespace"> {
  name: string;
  /** The pods (in `namespace`) this applies to. */
  podLabels: Record<string, string>;
  rules: IstioAuthorizationRule[];
}

export interface IstioPolicyArgs {
  /** Namespace of the routes, destination rules and PeerAuthentications (e.g. a Namespace's `metadata.name`, which also orders them after it). */
  namespace: pulumi.Input<string>;
  /** The mesh's readiness (`ServiceMesh.ready`): the CRDs and istiod's validating webhook. */
  meshReady: pulumi.Resource[];
  /** @default unset (no Gateway) */
  gateway?: IstioGatewayArgs;
  /** VirtualServices bound to the Gateway. @default [] */
  routes?: IstioRouteArgs[];
  /** @default [] */
  destinations?: IstioDestinationArgs[];
  /** Namespace-wide mutual TLS: STRICT, with plaintext only on the listed scrape ports. @default { mode: "STRICT", scrapeExceptions: [] } */
  mtls?: { mode?: "STRICT" | "PERMISSIVE"; scrapeExceptions?: IstioScrapeException[] };
  /** @default [] */
  jwt?: IstioJwtArgs[];
  /** @default [] */
  authorization?: IstioAuthorizationArgs[];
  /** Extra labels on every object. @default {} */
  labels?: Record<string, string>;
}
