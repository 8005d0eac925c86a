/**
 * One stateful container as Kubernetes objects: a one-replica StatefulSet
 * whose volume outlives it, a ClusterIP Service, a default-deny
 * NetworkPolicy built from declared peers, and an optional Ingress. Flowise,
 * N8n, Prometheus and Grafana are each a spec of this; none copies the
 * renderer. Pure: specs in, object args out.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentProblems, hostReason, quantityReason } from "../core/validate";
import { mirrorImage, parseImage, unpinnedReason } from "../core/images";
import { selectorLabels, standardLabels } from "../core/labels";
import { kubernetesName } from "../core/naming";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext } from "../core/security";
import type { ClusterCapabilities } from "../platform/capabilities";
import { ingressControllerAnnotation, storageClassName, validateCapabilities } from "../platform/capabilities";
import { networkPolicyPeer, peerPorts, peerProblem } from "../core/peer";
import type { Peer } from "../core/peer";
import { containerResources, resourcesProblems } from "../core/resources";
import type { Resources } from "../core/resources";
import type { AppDatabase, AppRoute, EgressRule } from "./types";

type Obj = Record<string, unknown>;
type EnvVar = k8s.types.input.core.v1.EnvVar;

/** Scratch space every app gets: nothing writes to the image's /tmp. */
export const SCRATCH = { name: "tmp", mountPath: "/tmp", sizeLimit: "256Mi" } as const;
export const DNS_EGRESS = { to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] };

/** Everything the renderer needs about one app. */
export interface AppPodSpec {
  /** Component instance name: names every object. */
  name: string;
  /** What the software is (`app.kubernetes.io/name`). */
  app: string;
  namespace: pulumi.Input<string>;
  cluster: ClusterCapabilities;
  image: string;
  /** UID and GID the image's user has (and owns the volume as). */
  uid: number;
  readOnlyRootFilesystem: boolean;
  port: { name: string; containerPort: number };
  /** Port the Service listens on. @default port.containerPort */
  servicePort?: number;
  /** Overrides the image's entrypoint. @default the image's */
  command?: string[];
  args?: string[];
  env: EnvVar[];
  resources: Resources;
  readiness: k8s.types.input.core.v1.Probe;
  liveness: k8s.types.input.core.v1.Probe;
  startup?: k8s.types.input.core.v1.Probe;
  /** The retained volume. @default none: a stateless app (its state in a database and a bucket) */
  volume?: { mountPath: string; size: string; storageClass?: string };
  /** Labels on the pod template only (e.g. Istio's `sidecar.istio.io/inject`). @default {} */
  templateLabels?: Record<string, string>;
  /** Annotations on the pod template (e.g. Istio's proxy settings). @default {} */
  podAnnotations?: Record<string, string>;
  /** Read-only mounts of ConfigMaps or Secrets. */
  configMounts?: { name: string; mountPath: string; configMap?: pulumi.Input<string>; secret?: pulumi.Input<string> }[];
  /** Only Prometheus talks to the API server. @default unset (no ServiceAccount token) */
  serviceAccountName?: pulumi.Input<string>;
  labels: Record<string, string>;
}

export interface AppNetwork {
  /** Who may connect to the app's port (a client's own `ports` narrow or widen it). */
  clients: Peer[];
  /** Where the app may connect (DNS is always allowed). */
  egress: EgressRule[];
  route?: AppRoute;
}

export function appLabels(spec: Pick<AppPodSpec, "name" | "app" | "image" | "labels">): Record<string, string> {
  const image = parseImage(spec.image);
  return { ...spec.labels, ...standardLabels({ name: spec.app, instance: spec.name, version: image.tag }) };
}

export function appSelector(spec: Pick<AppPodSpec, "name" | "app">): Record<string, string> {
  return selectorLabels({ name: spec.app, instance: spec.name });
}

/** `http(s)://host/` of a route, or undefined without one. */
export function routeUrl(route: AppRoute | undefined): string | undefined {
  if (!route) return undefined;
  return `${routeTls(route) ? "https" : "http"}://${route.host}/`;
}

/** Whether a route serves HTTPS. */
export function routeTls(route: AppRoute): boolean {
  return route.tlsSecretName !== undefined || route.clusterIssuer !== undefined;
}

/** The Secret of an app's generated keys. */
export function keysSecretName(name: string): string {
  return kubernetesName([name, "keys"]);
}

/** Env from literals: a readable list for the renderers. */
export function plainEnv(values: Record<string, string>): EnvVar[] {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** Env from Secret keys: values never appear in the pod spec. */
export function secretEnv(secretName: pulumi.Input<string>, keys: Record<string, string>): EnvVar[] {
  return Object.entries(keys).map(([name, key]) => ({ name, valueFrom: { secretKeyRef: { name: secretName, key } } }));
}

export function httpProbe(path: string, port: string, timing: { initialDelaySeconds?: number; periodSeconds?: number; failureThreshold?: number; timeoutSeconds?: number } = {}): k8s.types.input.core.v1.Probe {
  return { httpGet: { path, port }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, ...timing };
}

export function renderStatefulSet(spec: AppPodSpec): k8s.apps.v1.StatefulSetArgs & { spec: Obj } {
  const labels = appLabels(spec);
  const selector = appSelector(spec);
  // Only an app with its own ServiceAccount (Prometheus's discovery) calls the API.
  const pod = podDefaults({ user: spec.uid, apiAccess: spec.serviceAccountName !== undefined });
  const mounts = [
    ...(spec.volume ? [{ name: "data", mountPath: spec.volume.mountPath }] : []),
    { name: SCRATCH.name, mountPath: SCRATCH.mountPath },
    ...(spec.configMounts ?? []).map((m) => ({ name: m.name, mountPath: m.mountPath, readOnly: true })),
  ];
  const volumes = [
    { name: SCRATCH.name, emptyDir: { sizeLimit: SCRATCH.sizeLimit } },
    ...(spec.configMounts ?? []).map((m) => (m.configMap !== undefined ? { name: m.name, configMap: { name: m.configMap } } : { name: m.name, secret: { secretName: m.secret } })),
  ];
  return {
    metadata: { name: spec.name, namespace: spec.namespace, labels },
    spec: {
      serviceName: spec.name,
      replicas: 1,
      selector: { matchLabels: selector },
      // The data outlives the StatefulSet: deleting or scaling it never deletes the volume.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      template: {
        metadata: { labels: { ...labels, ...spec.templateLabels, ...selector }, ...(spec.podAnnotations ? { annotations: spec.podAnnotations } : {}) },
        spec: {
          serviceAccountName: spec.serviceAccountName,
          ...pod,
          // OnRootMismatch: a full volume is not re-chowned at every start.
          securityContext: { ...pod.securityContext, fsGroupChangePolicy: "OnRootMismatch" },
          nodeSelector: { "kubernetes.io/arch": spec.cluster.nodeArchitecture },
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: spec.app,
              image: mirrorImage(spec.image, spec.cluster.imageMirrors),
              imagePullPolicy: "IfNotPresent",
              command: spec.command,
              args: spec.args,
              ports: [{ name: spec.port.name, containerPort: spec.port.containerPort, protocol: "TCP" }],
              env: spec.env,
              resources: containerResources(spec.resources),
              securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: spec.readOnlyRootFilesystem }),
              readinessProbe: spec.readiness,
              livenessProbe: spec.liveness,
              startupProbe: spec.startup,
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
      volumeClaimTemplates: spec.volume
        ? [
            {
              metadata: { name: "data", labels: selector },
              spec: { accessModes: ["ReadWriteOnce"], storageClassName: spec.volume.storageClass ?? storageClassName(spec.cluster), resources: { requests: { storage: spec.volume.size } } },
            },
          ]
        : [],
    },
  };
}

export function renderService(spec: AppPodSpec): k8s.core.v1.ServiceArgs {
  return {
    metadata: { name: spec.name, namespace: spec.namespace, labels: appLabels(spec) },
    spec: {
      type: "ClusterIP",
      selector: appSelector(spec),
      ports: [{ name: spec.port.name, port: spec.servicePort ?? spec.port.containerPort, targetPort: spec.port.name, protocol: "TCP" }],
    },
  };
}

/**
 * Default deny both ways, then: the declared clients on the app's port, the
 * ingress controller when routed, DNS, and the declared egress only.
 */
export function renderNetworkPolicy(spec: AppPodSpec, network: AppNetwork): k8s.networking.v1.NetworkPolicyArgs {
  const sources = [...network.clients, ...(network.route ? spec.cluster.ingress.sourcePeers : [])];
  const onAppPort = sources.filter((peer) => peer.ports === undefined);
  const ingress = [
    ...(onAppPort.length ? [{ from: onAppPort.map(networkPolicyPeer), ports: peerPorts([spec.port.containerPort]) }] : []),
    ...sources.filter((peer) => peer.ports !== undefined).map((peer) => ({ from: [networkPolicyPeer(peer)], ports: peerPorts(peer.ports) })),
  ];
  const egress = [DNS_EGRESS, ...network.egress.map((rule) => ({ to: [networkPolicyPeer(rule)], ports: peerPorts(rule.ports) }))];
  return {
    metadata: { name: spec.name, namespace: spec.namespace, labels: appLabels(spec) },
    spec: { podSelector: { matchLabels: appSelector(spec) }, policyTypes: ["Ingress", "Egress"], ingress, egress },
  };
}

/** What a route needs of the Service it reaches. */
export interface RouteBackend {
  /** Name of the Ingress and of the Service it reaches. */
  name: string;
  namespace: pulumi.Input<string>;
  cluster: ClusterCapabilities;
  /** The Service port's name. */
  portName: string;
  labels: Record<string, string>;
}

/** The route on the cluster's IngressClass; TLS from a Secret or a cert-manager ClusterIssuer. */
export function routeIngress(backend: RouteBackend, route: AppRoute, path: { path: string; pathType: "Prefix" | "Exact"; ingressName?: string; annotations?: Record<string, pulumi.Input<string>> } = { path: "/", pathType: "Prefix" }): k8s.networking.v1.IngressArgs {
  const tlsSecret = route.tlsSecretName ?? (route.clusterIssuer ? kubernetesName([backend.name, "tls"]) : undefined);
  const annotations: Record<string, pulumi.Input<string>> = { ...backend.cluster.ingress.annotations, ...ingressControllerAnnotation(backend.cluster) };
  if (route.clusterIssuer) annotations["cert-manager.io/cluster-issuer"] = route.clusterIssuer;
  Object.assign(annotations, path.annotations);
  return {
    metadata: { name: path.ingressName ?? backend.name, namespace: backend.namespace, labels: backend.labels, annotations },
    spec: {
      ingressClassName: backend.cluster.ingress.className,
      tls: tlsSecret ? [{ hosts: [route.host], secretName: tlsSecret }] : undefined,
      rules: [{ host: route.host, http: { paths: [{ path: path.path, pathType: path.pathType, backend: { service: { name: backend.name, port: { name: backend.portName } } } }] } }],
    },
  };
}

/**
 * Closes `path` of a Traefik route: a more specific Ingress for it through a
 * middleware that admits no client address (403). For an endpoint that
 * shares the app's port without auth (a /metrics its scraper reaches on the
 * pod, never through the route).
 */
export function deniedRoutePath(backend: RouteBackend, route: AppRoute, path: { path: string; pathType: "Prefix" | "Exact"; role: string }): { middleware: Record<string, unknown>; ingress: k8s.networking.v1.IngressArgs } {
  const middleware = kubernetesName([backend.name, `deny-${path.role}`]);
  // Traefik names a CRD middleware <namespace>-<name>@kubernetescrd.
  const reference = pulumi.output(backend.namespace).apply((namespace) => `${namespace}-${middleware}@kubernetescrd`);
  return {
    middleware: {
      apiVersion: "traefik.io/v1alpha1",
      kind: "Middleware",
      metadata: { name: middleware, namespace: backend.namespace, labels: backend.labels },
      spec: { ipAllowList: { sourceRange: ["127.0.0.1/32"] } },
    },
    ingress: routeIngress(backend, route, {
      path: path.path,
      pathType: path.pathType,
      ingressName: kubernetesName([backend.name, path.role]),
      annotations: { "traefik.ingress.kubernetes.io/router.middlewares": reference },
    }),
  };
}

export function renderIngress(spec: AppPodSpec, route: AppRoute): k8s.networking.v1.IngressArgs {
  return routeIngress({ name: spec.name, namespace: spec.namespace, cluster: spec.cluster, portName: spec.port.name, labels: appLabels(spec) }, route);
}

/** The database's port (each app spells its own env for it). */
export function databasePort(database: AppDatabase): number {
  return database.port ?? 5432;
}

/** Egress to the database pods on its port. */
export function databaseEgress(database: AppDatabase): EgressRule {
  return { ...database.peer, ports: [databasePort(database)] };
}

/** Args every single-pod app takes, checked the same way. */
export interface CommonAppArgs {
  cluster: ClusterCapabilities;
  namespace: pulumi.Input<string>;
  image?: string;
  resources?: Resources;
  storageSize?: string;
  clients?: Peer[];
  egressTo?: EgressRule[];
  route?: AppRoute;
}

function checkPeer(problems: ArgumentProblems, argument: string, peer: Peer | undefined): void {
  problems.check(argument, peer, peerProblem(peer as Peer));
}

/** Every shared rule, collected: the component throws the first, the stack config reports them all. */
export function commonAppProblems(component: string, name: string, args: CommonAppArgs | undefined, maxName = 52): ArgumentProblems {
  const problems = new ArgumentProblems(component);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > maxName) problems.add("name", name, `a DNS-1123 label of at most ${maxName} characters (room for the StatefulSet's pod and volume suffixes)`);
  if (!args || typeof args !== "object") {
    problems.add("args", args, "an object with at least cluster and namespace");
    return problems;
  }
  problems.capture(() => validateCapabilities(component, args.cluster));
  if (args.namespace === undefined || args.namespace === "") problems.add("namespace", args.namespace, "the namespace to run in");
  if (args.image !== undefined) problems.check("image", args.image, unpinnedReason(args.image) && `an image pinned to a tag other than latest, or a digest (${unpinnedReason(args.image)})`);
  if (args.storageSize !== undefined) problems.check("storageSize", args.storageSize, quantityReason(args.storageSize));
  if (args.resources !== undefined) for (const [path, value, expected] of resourcesProblems(args.resources)) problems.add(path, value, expected);
  (args.clients ?? []).forEach((peer, i) => checkPeer(problems, `clients[${i}]`, peer));
  (args.egressTo ?? []).forEach((rule, i) => {
    checkPeer(problems, `egressTo[${i}]`, rule);
    if (!Array.isArray(rule?.ports) || rule.ports.length === 0 || !rule.ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536)) problems.add(`egressTo[${i}].ports`, rule?.ports, "a non-empty list of TCP ports (integers 1-65535)");
  });
  if (args.route !== undefined) {
    problems.check("route.host", args.route.host, hostReason(args.route.host));
    if (args.route.tlsSecretName !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(args.route.tlsSecretName)) problems.add("route.tlsSecretName", args.route.tlsSecretName, "a Secret name (DNS-1123 subdomain)");
  }
  return problems;
}

/** Rules of a database arg. */
export function databaseProblems(problems: ArgumentProblems, database: AppDatabase | undefined): void {
  if (!database || typeof database !== "object") return problems.add("database", database, "where the database is: host, name, user, passwordSecret and peer");
  if (database.host === undefined || database.host === "") problems.add("database.host", database.host, "the database's host name");
  for (const field of ["name", "user"] as const) {
    if (typeof database[field] !== "string" || !/^[a-z_][a-z0-9_]{0,62}$/.test(database[field])) problems.add(`database.${field}`, database[field], "a lower-case SQL identifier");
  }
  if (!database.passwordSecret || database.passwordSecret.name === undefined || !database.passwordSecret.key) problems.add("database.passwordSecret", database.passwordSecret, "the Secret name and key holding the password (never the password itself)");
  if (database.port !== undefined && (!Number.isInteger(database.port) || database.port < 1 || database.port > 65535)) problems.add("database.port", database.port, "a TCP port (integer)");
  checkPeer(problems, "database.peer", database.peer);
}
