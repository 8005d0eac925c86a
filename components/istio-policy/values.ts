/**
 * Pure renderers of IstioPolicy: every object a typed `networking.istio.io/v1`
 * or `security.istio.io/v1` resource (v1 since Istio 1.22), checked before
 * anything is registered.
 */
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { ArgumentProblems, dnsLabelReason, hostReason, namespaceReason } from "../core/validate";
import type { IstioAuthorizationArgs, IstioDestinationArgs, IstioGatewayArgs, IstioJwtArgs, IstioPolicyArgs, IstioRouteArgs } from "./args";
import { IstioTlsMode } from "./args";

const COMPONENT = "IstioPolicy";
export const DEFAULT_GATEWAY_SELECTOR = { istio: "ingressgateway" } as const;

export interface IstioObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: pulumi.Input<string>; labels: Record<string, string> };
  spec: Record<string, unknown>;
}

const port = (p: unknown) => Number.isInteger(p) && (p as number) > 0 && (p as number) < 65536;

export function planIstioPolicy(args: IstioPolicyArgs) {
  const problems = new ArgumentProblems(COMPONENT);
  if (!args || typeof args !== "object") {
    problems.add("args", args, "an object with at least namespace and meshReady");
    problems.throwFirst();
  }
  const plan = withDefaults({ routes: [] as IstioRouteArgs[], destinations: [] as IstioDestinationArgs[], jwt: [] as IstioJwtArgs[], authorization: [] as IstioAuthorizationArgs[], labels: {} as Record<string, string> }, args);
  const mtls = withDefaults({ mode: "STRICT" as "STRICT" | "PERMISSIVE", scrapeExceptions: [] as NonNullable<NonNullable<IstioPolicyArgs["mtls"]>["scrapeExceptions"]> }, args.mtls);
  if (typeof plan.namespace === "string" || plan.namespace === undefined) problems.check("namespace", plan.namespace, namespaceReason(plan.namespace));
  if (!Array.isArray(plan.meshReady) || plan.meshReady.length === 0) problems.add("meshReady", plan.meshReady, "ServiceMesh.ready: Istio's CRDs and validating webhook come from it");
  const names = new Map<string, Set<string>>();
  const named = (kind: string, argument: string, name: string) => {
    problems.check(argument, name, dnsLabelReason(name));
    const seen = names.get(kind) ?? new Set<string>();
    if (seen.has(name)) problems.add(argument, name, `a ${kind} name not used twice`);
    names.set(kind, seen.add(name));
  };
  if (plan.gateway) {
    named("Gateway", "gateway.name", plan.gateway.name);
    if (!plan.gateway.hosts?.length) problems.add("gateway.hosts", plan.gateway.hosts, "at least one host");
    plan.gateway.hosts?.forEach((h, i) => problems.check(`gateway.hosts[${i}]`, h, hostReason(h)));
    if (plan.gateway.port !== undefined && !port(plan.gateway.port)) problems.add("gateway.port", plan.gateway.port, "a port 1-65535");
  }
  plan.routes.forEach((route, i) => {
    named("VirtualService", `routes[${i}].name`, route.name);
    if (!plan.gateway) problems.add(`routes[${i}]`, route.name, "a gateway to bind the route to (gateway)");
    (route.hosts ?? []).forEach((h, j) => {
      if (plan.gateway && !plan.gateway.hosts.includes(h)) problems.add(`routes[${i}].hosts[${j}]`, h, `one of the Gateway's hosts (${plan.gateway.hosts.join(", ")}): the gateway drops other hosts`);
    });
    if (!route.hosts?.length) problems.add(`routes[${i}].hosts`, route.hosts, "at least one host");
    if (route.prefix !== undefined && !route.prefix.startsWith("/")) problems.add(`routes[${i}].prefix`, route.prefix, 'a path starting with "/"');
    if (!route.destination || !port(route.destination.port)) problems.add(`routes[${i}].destination.port`, route.destination?.port, "the Service port 1-65535");
  });
  plan.destinations.forEach((d, i) => {
    named("DestinationRule", `destinations[${i}].name`, d.name);
    if (!Object.values(IstioTlsMode).includes(d.tlsMode)) problems.add(`destinations[${i}].tlsMode`, d.tlsMode, Object.values(IstioTlsMode).join(" or "));
  });
  if (mtls.mode !== "STRICT" && mtls.mode !== "PERMISSIVE") problems.add("mtls.mode", mtls.mode, '"STRICT" (or "PERMISSIVE" while migrating)');
  mtls.scrapeExceptions.forEach((e, i) => {
    named("PeerAuthentication", `mtls.scrapeExceptions[${i}].name`, e.name);
    if (e.name === "default") problems.add(`mtls.scrapeExceptions[${i}].name`, e.name, 'a name other than "default" (the namespace-wide policy)');
    if (!e.podLabels || Object.keys(e.podLabels).length === 0) problems.add(`mtls.scrapeExceptions[${i}].podLabels`, e.podLabels, "the workload's pod labels (an exception for the whole namespace would undo STRICT)");
    if (!e.ports?.length || !e.ports.every(port)) problems.add(`mtls.scrapeExceptions[${i}].ports`, e.ports, "the metrics ports (1-65535)");
  });
  plan.jwt.forEach((j, i) => {
    named("RequestAuthentication", `jwt[${i}].name`, j.name);
    if (!j.issuer) problems.add(`jwt[${i}].issuer`, j.issuer, "the token issuer (iss)");
    if ((j.jwksUri === undefined) === (j.jwks === undefined)) problems.add(`jwt[${i}]`, j.name, "exactly one of jwksUri and jwks");
    if (j.jwksUri !== undefined && !/^https:\/\//.test(j.jwksUri)) problems.add(`jwt[${i}].jwksUri`, j.jwksUri, "an https:// URL");
    if (!j.podLabels || Object.keys(j.podLabels).length === 0) problems.add(`jwt[${i}].podLabels`, j.podLabels, "the pods that validate tokens");
  });
  plan.authorization.forEach((a, i) => {
    named("AuthorizationPolicy", `authorization[${i}].name`, a.name);
    if (!a.rules?.length) problems.add(`authorization[${i}].rules`, a.rules, "at least one rule (an ALLOW policy without rules denies everything)");
    if (!a.podLabels || Object.keys(a.podLabels).length === 0) problems.add(`authorization[${i}].podLabels`, a.podLabels, "the pods it protects");
  });
  problems.throwFirst();
  return { ...plan, mtls };
}
export type IstioPolicyPlan = ReturnType<typeof planIstioPolicy>;

function object(plan: IstioPolicyPlan, group: "networking" | "security", kind: string, name: string, spec: Record<string, unknown>, namespace: pulumi.Input<string> = plan.namespace): IstioObject {
  return { apiVersion: `${group}.istio.io/v1`, kind, metadata: { name, namespace, labels: { ...plan.labels, "app.kubernetes.io/managed-by": "forja" } }, spec };
}

export function renderGateway(plan: IstioPolicyPlan, gateway: IstioGatewayArgs): IstioObject {
  const tls = gateway.tlsSecretName !== undefined;
  const server = tls
    ? { port: { number: gateway.port ?? 443, name: "https", protocol: "HTTPS" }, hosts: gateway.hosts, tls: { mode: "SIMPLE", credentialName: gateway.tlsSecretName } }
    : { port: { number: gateway.port ?? 80, name: "http", protocol: "HTTP" }, hosts: gateway.hosts };
  return object(plan, "networking", "Gateway", gateway.name, { selector: gateway.selector ?? DEFAULT_GATEWAY_SELECTOR, servers: [server] });
}

export function renderVirtualService(plan: IstioPolicyPlan, route: IstioRouteArgs): IstioObject {
  const http = { match: [{ uri: { prefix: route.prefix ?? "/" } }], route: [{ destination: { host: route.destination.host as string, port: { number: route.destination.port } } }], ...(route.timeout ? { timeout: route.timeout } : {}) };
  return object(plan, "networking", "VirtualService", route.name, { hosts: route.hosts, gateways: [plan.gateway!.name], http: [http] });
}

export function renderDestinationRule(plan: IstioPolicyPlan, d: IstioDestinationArgs): IstioObject {
  return object(plan, "networking", "DestinationRule", d.name, { host: d.host as string, trafficPolicy: { tls: { mode: d.tlsMode } } });
}

/**
 * The namespace-wide PeerAuthentication (`default`: STRICT), then one per
 * scrape exception: the same mode, PERMISSIVE on the metrics ports only, so
 * Prometheus (outside the mesh) scrapes in plaintext and nothing else does.
 */
export function renderPeerAuthentications(plan: IstioPolicyPlan): IstioObject[] {
  return [
    object(plan, "security", "PeerAuthentication", "default", { mtls: { mode: plan.mtls.mode } }),
    ...plan.mtls.scrapeExceptions.map((e) =>
      object(plan, "security", "PeerAuthentication", e.name, {
        selector: { matchLabels: e.podLabels },
        mtls: { mode: plan.mtls.mode },
        portLevelMtls: Object.fromEntries(e.ports.map((p) => [String(p), { mode: "PERMISSIVE" }])),
      }),
    ),
  ];
}

export function renderRequestAuthentication(plan: IstioPolicyPlan, j: IstioJwtArgs): IstioObject {
  const rule = { issuer: j.issuer, ...(j.jwksUri ? { jwksUri: j.jwksUri } : { jwks: j.jwks }), ...(j.audiences ? { audiences: j.audiences } : {}), forwardOriginalToken: false };
  return object(plan, "security", "RequestAuthentication", j.name, { selector: { matchLabels: j.podLabels }, jwtRules: [rule] }, j.namespace);
}

export function renderAuthorizationPolicy(plan: IstioPolicyPlan, a: IstioAuthorizationArgs): IstioObject {
  const rules = a.rules.map((r) => {
    const source = { ...(r.principals ? { principals: r.principals } : {}), ...(r.requestPrincipals ? { requestPrincipals: r.requestPrincipals } : {}) };
    const operation = { ...(r.hosts ? { hosts: r.hosts } : {}), ...(r.paths ? { paths: r.paths } : {}), ...(r.methods ? { methods: r.methods } : {}), ...(r.ports ? { ports: r.ports.map(String) } : {}) };
    return { ...(Object.keys(source).length ? { from: [{ source }] } : {}), ...(Object.keys(operation).length ? { to: [{ operation }] } : {}) };
  });
  return object(plan, "security", "AuthorizationPolicy", a.name, { selector: { matchLabels: a.podLabels }, action: "ALLOW", rules }, a.namespace);
}

/** Every object of the policy, in a stable order. */
export function renderIstioPolicy(plan: IstioPolicyPlan): IstioObject[] {
  return [
    ...(plan.gateway ? [renderGateway(plan, plan.gateway)] : []),
    ...plan.routes.map((r) => renderVirtualService(plan, r)),
    ...plan.destinations.map((d) => renderDestinationRule(plan, d)),
    ...renderPeerAuthentications(plan),
    ...plan.jwt.map((j) => renderRequestAuthentication(plan, j)),
    ...plan.authorization.map((a) => renderAuthorizationPolicy(plan, a)),
  ];
}
