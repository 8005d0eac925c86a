/**
 * Pure parts of StatefulService: its rules, and the app spec the shared
 * single-pod renderer (components/stateful-app, also Flowise's, N8n's,
 * Prometheus's and Grafana's) turns into objects. No renderer of its own.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { withDefaults } from "../core/defaults";
import { peerProblem } from "../core/peer";
import type { Peer } from "../core/peer";
import { dnsSubdomainReason, isRecord, quantityReason } from "../core/validate";
import type { ArgumentProblems } from "../core/validate";
import type { AppNetwork, AppPodSpec, CommonAppArgs } from "../stateful-app/values";
import { commonAppProblems, secretEnv } from "../stateful-app/values";
import type { EgressRule } from "../stateful-app/types";
import type { ProbeArgs } from "../web-service/args";
import { checkEnv, checkProbes } from "../web-service/validate";
import { renderProbe } from "../web-service/values";
import type { StatefulServiceArgs } from "./args";
import { STATEFUL_SERVICE_DEFAULTS } from "./defaults";

const COMPONENT = "StatefulService";
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** An IANA service name, as Kubernetes requires of a named port. */
const PORT_NAME = /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;

export function statefulServiceSettings(args: StatefulServiceArgs) {
  return withDefaults(
    {
      portName: STATEFUL_SERVICE_DEFAULTS.portName as string,
      runAsUser: STATEFUL_SERVICE_DEFAULTS.runAsUser as number,
      readOnlyRootFilesystem: STATEFUL_SERVICE_DEFAULTS.readOnlyRootFilesystem as boolean,
      protect: STATEFUL_SERVICE_DEFAULTS.protect as boolean,
      volumeSize: STATEFUL_SERVICE_DEFAULTS.volumeSize as string,
    },
    { portName: args.portName, runAsUser: args.runAsUser, readOnlyRootFilesystem: args.readOnlyRootFilesystem, protect: args.protect, volumeSize: args.volume?.size },
  );
}

/** The claim the StatefulSet makes for its one pod (template "data", pod "<name>-0"). */
export function volumeClaimName(name: string): string {
  return `data-${name}-0`;
}

const isPort = (port: unknown) => Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536;

function checkPeers(problems: ArgumentProblems, argument: string, peers: Peer[] | undefined, port?: number): void {
  if (peers === undefined) return;
  if (!Array.isArray(peers)) return problems.add(argument, peers, "a list of peers");
  peers.forEach((peer: Peer, i) => {
    const problem = peerProblem(peer);
    if (problem) return problems.add(`${argument}[${i}]`, peer, problem);
    if (port !== undefined && peer.ports !== undefined && !(Array.isArray(peer.ports) && peer.ports.length === 1 && peer.ports[0] === port)) {
      problems.add(`${argument}[${i}].ports`, peer.ports, `unset or [${port}]: a StatefulService serves one port`);
    }
  });
}

/**
 * A volumeClaimTemplate cannot change: Pulumi would replace the StatefulSet
 * (its pod stops) and the claim it already made would keep its old size and
 * class. Forja reads no state, so `createdWith` says what the volume was made with.
 */
function checkVolumeUnchanged(problems: ArgumentProblems, name: string, args: StatefulServiceArgs, size: string): void {
  const created = args.createdWith ?? {};
  const claim = volumeClaimName(name);
  const createdSize = created.volumeSize ?? STATEFUL_SERVICE_DEFAULTS.volumeSize;
  problems.check("createdWith.volumeSize", created.volumeSize, created.volumeSize === undefined ? undefined : quantityReason(created.volumeSize));
  if (size !== createdSize) {
    problems.add(
      "volume.size",
      size,
      `"${createdSize}", the size the volume was created with (createdWith.volumeSize, default "${STATEFUL_SERVICE_DEFAULTS.volumeSize}"). ` +
        `A StatefulSet's volumeClaimTemplates are immutable: Pulumi would replace the StatefulSet, stopping its pod, and the existing claim would keep its size anyway. ` +
        `To grow it in place, expand the claim (its StorageClass must allow volume expansion: kubectl -n <namespace> patch pvc ${claim} -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}') and leave volume.size as it is. ` +
        `If this is a new install, record the size in createdWith.volumeSize too`,
    );
  }
  const storageClass = args.volume.storageClass ?? args.cluster?.storageClass;
  const createdClass = created.storageClass ?? args.cluster?.storageClass;
  if (storageClass !== createdClass) {
    problems.add(
      "volume.storageClass",
      storageClass,
      `"${String(createdClass)}", the class the volume was created with (createdWith.storageClass, default the cluster's). ` +
        `A claim cannot move to another StorageClass: copy the data to a new StatefulService instead. If this is a new install, record the class in createdWith.storageClass too`,
    );
  }
}

/** Every rule, collected: the component throws the first. */
export function statefulServiceProblems(name: string, args: StatefulServiceArgs): ArgumentProblems {
  const common: CommonAppArgs | undefined = isRecord(args)
    ? // Resources as the shared rules read them; a number where a quantity goes is refused there.
      { cluster: args.cluster, namespace: args.namespace, image: args.image, resources: args.resources as CommonAppArgs["resources"], route: args.route }
    : undefined;
  const problems = commonAppProblems(COMPONENT, name, common);
  if (!isRecord(args)) return problems;
  if (typeof args.image !== "string") problems.add("image", args.image, "an image pinned to a tag or digest");
  if (args.resources === undefined) problems.add("resources", args.resources, "requests (cpu, memory) and a memory limit");
  if (!isPort(args.port)) problems.add("port", args.port, "the container's TCP port (an integer 1-65535)");
  if (args.servicePort !== undefined && !isPort(args.servicePort)) problems.add("servicePort", args.servicePort, "a TCP port (an integer 1-65535)");
  if (args.portName !== undefined && (typeof args.portName !== "string" || !PORT_NAME.test(args.portName))) {
    problems.add("portName", args.portName, "a port name: at most 15 lower-case letters, digits and '-', with a letter");
  }
  if (args.runAsUser !== undefined && (!Number.isInteger(args.runAsUser) || args.runAsUser < 1)) problems.add("runAsUser", args.runAsUser, "a non-root UID (an integer >= 1)");
  if (args.route !== undefined && args.cluster?.ingress?.controller === "aws-alb") {
    problems.add("route", args.route, "no route on an ALB cluster (the ALB needs WebService's annotations): put a WebService in front, or reach it in-cluster");
  }
  const settings = statefulServiceSettings(args);
  if (!isRecord(args.volume)) {
    problems.add("volume", args.volume, "the retained volume: mountPath, and optionally size and storageClass");
  } else {
    const mountPath = args.volume.mountPath;
    if (typeof mountPath !== "string" || !mountPath.startsWith("/") || mountPath === "/") problems.add("volume.mountPath", mountPath, 'an absolute path below "/", e.g. "/data"');
    else if (mountPath === "/tmp" || mountPath.startsWith("/tmp/")) problems.add("volume.mountPath", mountPath, "a path outside /tmp (the pod's scratch space)");
    problems.check("volume.size", settings.volumeSize, quantityReason(settings.volumeSize));
    if (args.volume.storageClass !== undefined) problems.check("volume.storageClass", args.volume.storageClass, dnsSubdomainReason(args.volume.storageClass));
    checkVolumeUnchanged(problems, name, args, settings.volumeSize);
  }
  checkEnv(problems, args.env, args.secretEnv);
  if (args.secretRefs !== undefined) {
    if (!isRecord(args.secretRefs)) problems.add("secretRefs", args.secretRefs, "a map of env names to { name, key } of an existing Secret");
    else {
      for (const [variable, ref] of Object.entries(args.secretRefs)) {
        if (!ENV_NAME.test(variable)) problems.add(`secretRefs.${variable}`, variable, "an environment variable name of letters, digits and '_', not starting with a digit");
        if (!isRecord(ref) || ref.name === undefined || ref.name === "" || typeof ref.key !== "string" || ref.key === "") problems.add(`secretRefs.${variable}`, ref, "{ name, key } of an existing Secret in the namespace");
        if (variable in (args.env ?? {}) || variable in (args.secretEnv ?? {})) problems.add(`secretRefs.${variable}`, variable, "a name not also set in env or secretEnv");
      }
    }
  }
  checkProbes(problems, args.probes, args.port);
  checkPeers(problems, "clients", args.clients, args.port);
  checkPeers(problems, "egressTo", args.egressTo);
  return problems;
}

export function validateStatefulService(name: string, args: StatefulServiceArgs): void {
  statefulServiceProblems(name, args).throwFirst();
}

/** Readiness and liveness on a TCP connect unless given; each given probe replaces its default. */
export function effectiveProbes(args: StatefulServiceArgs): { readiness: ProbeArgs; liveness: ProbeArgs; startup?: ProbeArgs } {
  return {
    readiness: args.probes?.readiness ?? { tcp: {} },
    liveness: args.probes?.liveness ?? { tcp: {}, initialDelaySeconds: STATEFUL_SERVICE_DEFAULTS.livenessInitialDelaySeconds },
    startup: args.probes?.startup,
  };
}

/** The app spec: literals, then the made Secret's keys, then the referenced Secrets' keys. */
export function statefulServiceSpec(name: string, args: StatefulServiceArgs, secretName?: pulumi.Input<string>): AppPodSpec {
  const s = statefulServiceSettings(args);
  const probes = effectiveProbes(args);
  const env: k8s.types.input.core.v1.EnvVar[] = [
    ...Object.entries(args.env ?? {}).map(([variable, value]) => ({ name: variable, value })),
    ...(secretName === undefined ? [] : secretEnv(secretName, Object.fromEntries(Object.keys(args.secretEnv ?? {}).map((key) => [key, key])))),
    ...Object.entries(args.secretRefs ?? {}).map(([variable, ref]) => ({ name: variable, valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } } })),
  ];
  return {
    name,
    app: name,
    namespace: args.namespace,
    cluster: args.cluster,
    image: args.image,
    uid: s.runAsUser,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
    port: { name: s.portName, containerPort: args.port },
    servicePort: args.servicePort,
    command: args.command,
    args: args.args,
    env,
    resources: args.resources as AppPodSpec["resources"],
    readiness: renderProbe(probes.readiness, s.portName),
    liveness: renderProbe(probes.liveness, s.portName),
    startup: probes.startup && renderProbe(probes.startup, s.portName),
    volume: { mountPath: args.volume.mountPath, size: s.volumeSize, storageClass: args.volume.storageClass },
    labels: args.labels ?? {},
  };
}

/** Clients on the port (default: nobody, like every Forja server), the route, DNS and the declared egress (`[]` ports: every port). */
export function statefulServiceNetwork(args: StatefulServiceArgs): AppNetwork {
  const egress: EgressRule[] = (args.egressTo ?? []).map((peer) => ({ ...peer, ports: peer.ports ?? [] }));
  return { clients: args.clients ?? [], egress, route: args.route };
}
