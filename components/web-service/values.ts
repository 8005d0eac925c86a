/**
 * Pure renderers for WebService: args in, Kubernetes object specs out. The
 * component class only creates resources from these; tests exercise them here.
 */
import { containerResources } from "../core/resources";
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { mirrorImage, parseImage } from "../core/images";
import { selectorLabels, standardLabels } from "../core/labels";
import { kubernetesName } from "../core/naming";
import { podDefaults } from "../core/pod";
import { restrictedContainerSecurityContext } from "../core/security";
import { identityEgress } from "../aws/workload-identity";
import { ingressControllerAnnotation } from "../platform/capabilities";
import { networkPolicyPeer, peerPorts } from "../core/peer";
import type { IngressArgs, ProbeArgs, WebServiceArgs } from "./args";
import { PROBE_DEFAULTS, WEB_SERVICE_DEFAULTS } from "./defaults";
import { webServiceProblems } from "./validate";

type Obj = Record<string, unknown>;

/** The container's ports by name: "http" for the main port, then the extra ones. */
function namedPorts(args: WebServiceArgs): { name: string; port: number }[] {
  return [...(args.port === undefined ? [] : [{ name: "http", port: args.port }]), ...(args.extraPorts ?? [])];
}

/** The immutable selector of this service's pods. */
export function podSelector(name: string): Record<string, string> {
  return selectorLabels({ name, instance: name });
}

/** Every rule a WebService must satisfy before anything is registered (the first problem found is thrown). */
export function validateWebService(name: string, args: WebServiceArgs): void {
  const [first] = webServiceProblems(name, args);
  if (first) throw first;
}

export function webServiceLabels(name: string, args: WebServiceArgs): Record<string, string> {
  const version = parseImage(args.image).tag;
  return { ...args.labels, ...standardLabels({ name, instance: name, component: args.port === undefined ? "worker" : "server", version }) };
}

/** A probe as Kubernetes takes it; without a port it probes the container's port named `portName`. */
export function renderProbe(probe: ProbeArgs, portName = "http"): k8s.types.input.core.v1.Probe {
  const timings = withDefaults(PROBE_DEFAULTS, {
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
  });
  // Without an explicit port, probe the container's named port (validation guarantees it exists).
  if (probe.http) return { httpGet: { path: probe.http.path, port: probe.http.port ?? portName }, ...timings };
  if (probe.tcp) return { tcpSocket: { port: probe.tcp.port ?? portName }, ...timings };
  return { exec: { command: probe.exec?.command }, ...timings };
}

/** Probes as rendered: the given ones, or TCP readiness and liveness for a server. */
export function effectiveProbes(args: WebServiceArgs): { readiness?: ProbeArgs; liveness?: ProbeArgs; startup?: ProbeArgs } {
  if (args.probes) return args.probes;
  if (args.port === undefined) return {};
  return { readiness: { tcp: {} }, liveness: { tcp: {}, initialDelaySeconds: WEB_SERVICE_DEFAULTS.livenessInitialDelaySeconds } };
}

export interface EnvRefs {
  configMapName?: pulumi.Input<string>;
  secretName?: pulumi.Input<string>;
}

/** The Deployment. With autoscaling, `replicas` is left to the HPA so an update never resets the scale. */
export function renderDeployment(name: string, args: WebServiceArgs, refs: EnvRefs, serviceAccountName: pulumi.Input<string>): k8s.apps.v1.DeploymentArgs & { spec: k8s.types.input.apps.v1.DeploymentSpec } {
  const a = withDefaults(WEB_SERVICE_DEFAULTS, { replicas: args.replicas, runAsUser: args.runAsUser, readOnlyRootFilesystem: args.readOnlyRootFilesystem });
  const probes = effectiveProbes(args);
  const ports = namedPorts(args).map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" }));
  const envFrom = [
    ...(refs.configMapName ? [{ configMapRef: { name: refs.configMapName } }] : []),
    ...(refs.secretName ? [{ secretRef: { name: refs.secretName } }] : []),
  ];
  const selector = podSelector(name);
  const replicas = args.autoscaling ? undefined : a.replicas;
  const spreads = (args.autoscaling?.maxReplicas ?? a.replicas) > 1;
  const container: k8s.types.input.core.v1.Container = {
    name,
    image: mirrorImage(args.image, args.cluster.imageMirrors),
    imagePullPolicy: "IfNotPresent",
    command: args.command,
    args: args.args,
    ports: ports.length ? ports : undefined,
    envFrom: envFrom.length ? envFrom : undefined,
    resources: containerResources(args.resources),
    securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: a.readOnlyRootFilesystem }),
    readinessProbe: probes.readiness && renderProbe(probes.readiness),
    livenessProbe: probes.liveness && renderProbe(probes.liveness),
    startupProbe: probes.startup && renderProbe(probes.startup),
    volumeMounts: [{ name: "scratch", mountPath: a.scratchPath }],
  };
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args) },
    spec: {
      replicas,
      revisionHistoryLimit: WEB_SERVICE_DEFAULTS.revisionHistoryLimit,
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: WEB_SERVICE_DEFAULTS.maxSurge, maxUnavailable: WEB_SERVICE_DEFAULTS.maxUnavailable } },
      template: {
        metadata: { labels: { ...webServiceLabels(name, args), ...selector } },
        spec: {
          serviceAccountName,
          // No API token: IRSA and Pod Identity project their own.
          ...podDefaults({ user: a.runAsUser }),
          terminationGracePeriodSeconds: a.terminationGracePeriodSeconds,
          imagePullSecrets: args.imagePullSecrets?.length ? args.imagePullSecrets.map((secret) => ({ name: secret })) : undefined,
          nodeSelector: { "kubernetes.io/arch": args.cluster.nodeArchitecture },
          topologySpreadConstraints: spreads
            ? [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } }]
            : undefined,
          containers: [container],
          volumes: [{ name: "scratch", emptyDir: { sizeLimit: a.scratchSizeLimit } }],
        },
      },
    },
  };
}

export function renderService(name: string, args: WebServiceArgs): k8s.core.v1.ServiceArgs | undefined {
  if (args.port === undefined) return undefined;
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args) },
    spec: {
      type: "ClusterIP",
      selector: podSelector(name),
      ports: namedPorts(args).map((p) => ({ name: p.name, port: p.name === "http" ? (args.servicePort ?? p.port) : p.port, targetPort: p.name, protocol: "TCP" })),
    },
  };
}

export function renderAutoscaler(name: string, args: WebServiceArgs): k8s.autoscaling.v2.HorizontalPodAutoscalerArgs | undefined {
  const scaling = args.autoscaling;
  if (!scaling) return undefined;
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args) },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: scaling.cpuUtilization ?? WEB_SERVICE_DEFAULTS.cpuUtilization } } }],
    },
  };
}

/** A PodDisruptionBudget only when more than one pod runs: with one, it would block node drains. */
export function renderDisruptionBudget(name: string, args: WebServiceArgs): k8s.policy.v1.PodDisruptionBudgetArgs | undefined {
  const floor = args.autoscaling ? args.autoscaling.minReplicas : (args.replicas ?? WEB_SERVICE_DEFAULTS.replicas);
  if (floor <= 1) return undefined;
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args) },
    spec: { maxUnavailable: 1, selector: { matchLabels: podSelector(name) } },
  };
}

/** The ALB group of a route without one: never mixes schemes, nor TLS with plain HTTP. */
export function defaultIngressGroup(ingress: IngressArgs): string {
  const groups = WEB_SERVICE_DEFAULTS.defaultGroups[ingress.internetFacing ? "public" : "internal"];
  return ingress.certificateArn === undefined ? groups.plain : groups.tls;
}

/** Annotations an Ingress needs on this cluster's controller. */
export function ingressAnnotations(ingress: IngressArgs, args: WebServiceArgs): Record<string, pulumi.Input<string>> {
  const annotations: Record<string, pulumi.Input<string>> = { ...args.cluster.ingress.annotations, ...ingressControllerAnnotation(args.cluster) };
  if (args.cluster.ingress.controller !== "aws-alb") return annotations;
  const probes = effectiveProbes(args);
  const healthCheckPath = ingress.healthCheckPath ?? probes.readiness?.http?.path ?? "/";
  Object.assign(annotations, {
    "alb.ingress.kubernetes.io/scheme": ingress.internetFacing ? "internet-facing" : "internal",
    "alb.ingress.kubernetes.io/target-type": "ip",
    "alb.ingress.kubernetes.io/healthcheck-path": healthCheckPath,
    // One ALB per group; internal and internet-facing routes can never share one.
    "alb.ingress.kubernetes.io/group.name": kubernetesName(ingress.group ?? defaultIngressGroup(ingress)),
  });
  if (ingress.certificateArn !== undefined) {
    Object.assign(annotations, {
      "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
      "alb.ingress.kubernetes.io/ssl-redirect": "443",
      "alb.ingress.kubernetes.io/certificate-arn": ingress.certificateArn,
    });
  }
  return annotations;
}

export function renderIngress(name: string, args: WebServiceArgs): k8s.networking.v1.IngressArgs | undefined {
  const ingress = args.ingress;
  if (!ingress || args.port === undefined) return undefined;
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args), annotations: ingressAnnotations(ingress, args) },
    spec: {
      ingressClassName: args.cluster.ingress.className,
      rules: [
        {
          host: ingress.host,
          http: { paths: [{ path: ingress.path, pathType: ingress.pathType ?? WEB_SERVICE_DEFAULTS.pathType, backend: { service: { name, port: { name: "http" } } } }] },
        },
      ],
    },
  };
}

/** The credential endpoint of the cluster's workload identity, when the pod has a role. */
function roleEgress(args: WebServiceArgs): Obj[] {
  if (args.roleArn === undefined && args.rolePolicies === undefined) return [];
  return identityEgress(args.cluster.workloadIdentity.kind).map((endpoint) => ({ to: [{ ipBlock: { cidr: endpoint.cidr } }], ports: peerPorts(endpoint.ports) }));
}

/**
 * Default deny in both directions, then explicit allows: DNS always; the
 * named clients (on the service ports unless they say) and the cluster's
 * ingress source when routed. Nobody else, like every Forja server: a shared
 * namespace is no client list.
 */
export function renderNetworkPolicy(name: string, args: WebServiceArgs): k8s.networking.v1.NetworkPolicyArgs {
  const servicePorts = namedPorts(args).map((p) => p.port);
  const ingress: Obj[] = (args.networkPolicy?.ingressFrom ?? []).map((p) => ({ from: [networkPolicyPeer(p)], ports: peerPorts(p.ports ?? (servicePorts.length ? servicePorts : undefined)) }));
  if (args.ingress && args.port !== undefined && args.cluster.ingress.sourcePeers.length > 0) {
    ingress.push({ from: args.cluster.ingress.sourcePeers.map(networkPolicyPeer), ports: peerPorts([args.port]) });
  }
  const egress: Obj[] = [
    {
      to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
    },
    ...roleEgress(args),
    ...(args.networkPolicy?.egressTo ?? []).map((p) => ({ to: [networkPolicyPeer(p)], ports: peerPorts(p.ports) })),
  ];
  return {
    metadata: { name, namespace: args.namespace, labels: webServiceLabels(name, args) },
    spec: { podSelector: { matchLabels: podSelector(name) }, policyTypes: ["Ingress", "Egress"], ingress, egress },
  };
}
