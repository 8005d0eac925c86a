/**
 * Every rule a WebService's args must satisfy, collected so a caller (the
 * stack config) can report all of them at once; the component throws the
 * first. Plain-JavaScript callers get the checks TypeScript would have made.
 */
import type { ForjaArgumentError } from "../core/errors";
import { mirrorImage, unpinnedReason } from "../core/images";
import { coversInternet, parseCidr } from "../core/network";
import { credentialValueKind, looksLikeCredential } from "../core/security";
import { peerProblem } from "../core/peer";
import type { Peer } from "../core/peer";
import { resourcesProblems } from "../core/resources";
import {
  ArgumentProblems,
  CONFIG_DATA_LIMIT_BYTES,
  dataSize,
  dnsLabelReason,
  dnsSubdomainReason,
  enumReason,
  expectShape,
  hostReason,
  httpPathReason,
  isKnown,
  isRecord,
  labelKeyReason,
  labelValueReason,
  namespaceReason,
} from "../core/validate";
import { awsPartition } from "../aws/iam";
import { acmCertificateArnReason, iamRoleArnReason, ingressCertificateReason, parseArn } from "../aws/validate";
import { requireWorkloadIdentity, validateCapabilities } from "../platform/capabilities";
import type { ClusterCapabilities } from "../platform/capabilities";
import type { WebServiceArgs } from "./args";
import { PathType } from "./args";

const COMPONENT = "WebService";

/**
 * Every argument a WebService takes, checked against `WebServiceArgs` in both
 * directions at compile time: an arg added to the interface and not here (or
 * the reverse) fails tsc. Unknown keys from JavaScript callers are refused.
 */
export const WEB_SERVICE_ARGUMENTS = [
  "cluster",
  "namespace",
  "image",
  "port",
  "servicePort",
  "extraPorts",
  "command",
  "args",
  "resources",
  "replicas",
  "autoscaling",
  "env",
  "secretEnv",
  "probes",
  "ingress",
  "roleArn",
  "rolePolicies",
  "imagePullSecrets",
  "networkPolicy",
  "runAsUser",
  "readOnlyRootFilesystem",
  "labels",
] as const satisfies readonly (keyof WebServiceArgs)[];
type Listed = (typeof WEB_SERVICE_ARGUMENTS)[number];
/** Fails to compile when WebServiceArgs has an argument the list above lacks. */
export const everyWebServiceArgumentListed: Exclude<keyof WebServiceArgs, Listed> extends never ? true : never = true;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/;
const PROBE_KINDS = ["readiness", "liveness", "startup"] as const;
/** Labels Forja sets on every object; a user value would be silently replaced. */
const FORJA_LABELS = /^app\.kubernetes\.io\/(name|instance|managed-by|component|version|part-of)$/;
/** ALB group names: what the controller accepts, not what a sanitiser would make of a typo. */
const ALB_GROUP = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;
const MAX_UID = 2 ** 31 - 1;

type Args = Record<string, unknown>;

/** Every problem of a WebService's args, in argument order. */
export function webServiceProblems(name: string, input: WebServiceArgs): ForjaArgumentError[] {
  const p = new ArgumentProblems(COMPONENT);
  if (!isRecord(input)) {
    p.add("args", input, "an object with at least cluster, namespace, image and resources");
    return p.errors;
  }
  const args = input as unknown as Args;
  for (const key of Object.keys(args)) {
    if (!(WEB_SERVICE_ARGUMENTS as readonly string[]).includes(key)) p.add(key, args[key], `a WebService argument (one of ${WEB_SERVICE_ARGUMENTS.join(", ")})`);
  }
  p.check("name", name, dnsLabelReason(name, 52) && "a DNS-1123 label of at most 52 characters (room for suffixes)");

  let cluster: ClusterCapabilities | undefined;
  p.capture(() => (cluster = validateCapabilities(COMPONENT, input.cluster)));

  if (args.namespace === undefined || args.namespace === "") p.add("namespace", args.namespace, "the namespace to run in");
  else if (isKnown(args.namespace)) p.check("namespace", args.namespace, namespaceReason(args.namespace));

  checkImage(p, args.image, cluster);
  checkResources(p, args.resources);
  const ports = checkPorts(p, args);
  checkScaling(p, args);
  checkEnv(p, args.env, args.secretEnv);
  checkProbes(p, args.probes, args.port);
  checkIngress(p, args.ingress, args.port, cluster);
  checkRole(p, args, cluster);
  checkNetworkPolicy(p, args.networkPolicy, ports);

  for (const argument of ["command", "args", "imagePullSecrets"] as const) {
    if (expectShape(p, argument, args[argument], "list")) {
      (args[argument] as unknown[]).forEach((item, i) => {
        if (typeof item !== "string") p.add(`${argument}[${i}]`, item, "a string");
        else if (argument === "imagePullSecrets") p.check(`${argument}[${i}]`, item, dnsSubdomainReason(item) && "the name of a docker-registry Secret in the namespace");
      });
    }
  }
  if (expectShape(p, "runAsUser", args.runAsUser, "integer")) {
    const uid = args.runAsUser as number;
    if (uid < 1 || uid > MAX_UID) p.add("runAsUser", uid, `a non-root UID, 1-${MAX_UID} (0 is root)`);
  }
  expectShape(p, "readOnlyRootFilesystem", args.readOnlyRootFilesystem, "boolean");
  if (expectShape(p, "labels", args.labels, "object")) {
    for (const [key, value] of Object.entries(args.labels as Args)) {
      if (FORJA_LABELS.test(key)) p.add(`labels.${key}`, key, "a label Forja does not set itself (it sets app.kubernetes.io/name, instance, component, version, managed-by)");
      else p.check(`labels.${key}`, key, labelKeyReason(key));
      p.check(`labels.${key}`, value, labelValueReason(value));
    }
  }
  return p.errors;
}

function checkImage(p: ArgumentProblems, image: unknown, cluster: ClusterCapabilities | undefined): void {
  if (typeof image !== "string") {
    p.add("image", image, "an image reference pinned to a tag or digest");
    return;
  }
  const reason = unpinnedReason(image);
  if (reason) {
    p.add("image", image, `an image pinned to a tag other than latest, or a digest (${reason})`);
    return;
  }
  // The mirror prefix makes the name longer: the reference the node pulls must still be valid.
  if (cluster && Object.keys(cluster.imageMirrors ?? {}).length > 0) {
    try {
      mirrorImage(image, cluster.imageMirrors);
    } catch (error) {
      p.add("image", image, `a reference that stays valid through the cluster's registry mirror (${(error as Error).message})`);
    }
  }
}

function checkResources(p: ArgumentProblems, resources: unknown): void {
  if (!expectShape(p, "resources", resources, "object", false)) return;
  for (const [argument, value, expected] of resourcesProblems(resources)) p.add(argument, value, expected);
}

function checkPort(p: ArgumentProblems, argument: string, port: unknown): boolean {
  if (port === undefined) return false;
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) {
    p.add(argument, port, "an integer port 1-65535");
    return false;
  }
  return true;
}

/** The container's ports, once each is valid. */
function checkPorts(p: ArgumentProblems, args: Args): number[] {
  const ports: number[] = [];
  if (checkPort(p, "port", args.port)) ports.push(args.port as number);
  checkPort(p, "servicePort", args.servicePort);
  if (args.servicePort !== undefined && args.port === undefined) p.add("servicePort", args.servicePort, "no servicePort on a worker: set port first (a worker has no Service)");
  if (!expectShape(p, "extraPorts", args.extraPorts, "list")) return ports;
  const names: string[] = [];
  (args.extraPorts as unknown[]).forEach((entry, i) => {
    if (!isRecord(entry)) {
      p.add(`extraPorts[${i}]`, entry, "a map with name and port");
      return;
    }
    if (checkPort(p, `extraPorts[${i}].port`, entry.port)) {
      if (ports.includes(entry.port as number)) p.add(`extraPorts[${i}].port`, entry.port, `a port distinct from the others (${String(entry.port)} is used twice)`);
      ports.push(entry.port as number);
    } else if (entry.port === undefined) p.add(`extraPorts[${i}].port`, undefined, "an integer port 1-65535");
    const portName = entry.name;
    if (typeof portName !== "string" || !PORT_NAME.test(portName) || portName === "http" || names.includes(portName)) {
      p.add(`extraPorts[${i}].name`, portName, 'a unique port name of at most 15 lower-case letters, digits and \'-\', not "http"');
    } else names.push(portName);
  });
  return ports;
}

function checkScaling(p: ArgumentProblems, args: Args): void {
  if (expectShape(p, "replicas", args.replicas, "integer") && (args.replicas as number) < 0) p.add("replicas", args.replicas, "a non-negative integer");
  if (!expectShape(p, "autoscaling", args.autoscaling, "object")) return;
  const scaling = args.autoscaling as Args;
  const min = scaling.minReplicas;
  const max = scaling.maxReplicas;
  if (!Number.isInteger(min) || (min as number) < 1) p.add("autoscaling.minReplicas", min, "an integer >= 1");
  if (!Number.isInteger(max) || (Number.isInteger(min) && (max as number) < (min as number))) p.add("autoscaling.maxReplicas", max, `an integer >= minReplicas (${String(min)})`);
  const target = scaling.cpuUtilization;
  if (target !== undefined && (!Number.isInteger(target) || (target as number) < 1 || (target as number) > 100)) p.add("autoscaling.cpuUtilization", target, "a percentage 1-100");
  // With an HPA, replicas is only the starting count: outside the bounds the HPA overrides it at once.
  if (Number.isInteger(args.replicas) && Number.isInteger(min) && Number.isInteger(max) && ((args.replicas as number) < (min as number) || (args.replicas as number) > (max as number))) {
    p.add("replicas", args.replicas, `a count within autoscaling's ${String(min)}-${String(max)}, or no replicas (the autoscaler decides)`);
  }
}

/** Rules of `env` and `secretEnv` (names, string values, size, no credentials in plain env); shared with StatefulService. */
export function checkEnv(p: ArgumentProblems, env: unknown, secretEnv: unknown): void {
  for (const [argument, values] of [["env", env], ["secretEnv", secretEnv]] as const) {
    if (!expectShape(p, argument, values, "object")) continue;
    const map = values as Args;
    for (const [key, value] of Object.entries(map)) {
      if (!ENV_NAME.test(key)) p.add(`${argument}.${key}`, key, "an environment variable name of letters, digits and '_', not starting with a digit");
      if (value === undefined || value === null || (isKnown(value) && typeof value !== "string")) p.add(`${argument}.${key}`, value, "a string value (quote numbers and booleans)");
    }
    const size = dataSize(map);
    if (size > CONFIG_DATA_LIMIT_BYTES) {
      p.add(argument, `${size} bytes`, `at most ${CONFIG_DATA_LIMIT_BYTES} bytes in total (Kubernetes refuses a ${argument === "env" ? "ConfigMap" : "Secret"} over 1 MiB): mount large data from a volume`);
    }
  }
  if (!isRecord(env)) return;
  for (const [key, value] of Object.entries(env)) {
    const kind = credentialValueKind(value);
    if (kind !== undefined || looksLikeCredential(key)) {
      const why = kind ? `its value looks like ${kind}` : "its name says it holds a credential";
      p.add(`env.${key}`, key, `no credentials in plain env (${why}, and ConfigMaps are readable by anyone who can read the namespace): put it in secretEnv`);
    }
    if (isRecord(secretEnv) && key in secretEnv) p.add(`secretEnv.${key}`, key, "a name not also set in env");
  }
}

/** Rules of `probes` (one check each, paths, ports, timings); shared with StatefulService. */
export function checkProbes(p: ArgumentProblems, probes: unknown, port: unknown): void {
  if (!expectShape(p, "probes", probes, "object")) return;
  for (const [kind, probe] of Object.entries(probes as Args)) {
    const argument = `probes.${kind}`;
    if (!(PROBE_KINDS as readonly string[]).includes(kind)) {
      p.add(argument, probe, `one of ${PROBE_KINDS.join(", ")}`);
      continue;
    }
    if (probe === undefined) continue;
    if (!isRecord(probe)) {
      p.add(argument, probe, "a map with one of http, tcp or exec");
      continue;
    }
    const set = (["http", "tcp", "exec"] as const).filter((check) => probe[check] !== undefined);
    if (set.length !== 1) p.add(argument, probe, "exactly one of http, tcp or exec");
    const http = probe.http as Args | undefined;
    const tcp = probe.tcp as Args | undefined;
    const exec = probe.exec as Args | undefined;
    if (http !== undefined) {
      if (!isRecord(http)) p.add(`${argument}.http`, http, "a map with path and optional port");
      else p.check(`${argument}.http.path`, http.path, httpPathReason(http.path));
    }
    if (exec !== undefined && (!isRecord(exec) || !Array.isArray(exec.command) || exec.command.length === 0 || !exec.command.every((c) => typeof c === "string"))) {
      p.add(`${argument}.exec.command`, isRecord(exec) ? exec.command : exec, "a non-empty list of strings");
    }
    const probePort = (http ?? tcp)?.port;
    if (probePort !== undefined) checkPort(p, `${argument}.${http ? "http" : "tcp"}.port`, probePort);
    else if ((http || tcp) && port === undefined) p.add(argument, probe, "a port (the service has none)");
    for (const [field, min] of [["initialDelaySeconds", 0], ["periodSeconds", 1], ["timeoutSeconds", 1], ["failureThreshold", 1]] as const) {
      const value = probe[field];
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < min)) p.add(`${argument}.${field}`, value, `an integer >= ${min}`);
    }
  }
}

function checkIngress(p: ArgumentProblems, ingress: unknown, port: unknown, cluster: ClusterCapabilities | undefined): void {
  if (!expectShape(p, "ingress", ingress, "object")) return;
  const i = ingress as Args;
  if (port === undefined) p.add("ingress", ingress, "no ingress on a worker: set port first");
  p.check("ingress.path", i.path, httpPathReason(i.path));
  if (i.pathType !== undefined) p.check("ingress.pathType", i.pathType, enumReason(i.pathType, PathType));
  if (i.host !== undefined) p.check("ingress.host", i.host, hostReason(i.host));
  if (i.group !== undefined && (typeof i.group !== "string" || !ALB_GROUP.test(i.group))) {
    p.add("ingress.group", i.group, "a load balancer group name: at most 63 lower-case letters, digits, '-' or '.'");
  }
  if (i.healthCheckPath !== undefined) p.check("ingress.healthCheckPath", i.healthCheckPath, httpPathReason(i.healthCheckPath));
  for (const flag of ["internetFacing", "allowPlainHttp"] as const) expectShape(p, `ingress.${flag}`, i[flag], "boolean");
  const certificate = i.certificateArn;
  if (certificate !== undefined && isKnown(certificate)) p.check("ingress.certificateArn", certificate, acmCertificateArnReason(certificate, cluster?.region || undefined));
  if (certificate !== undefined && cluster && cluster.ingress.controller !== "aws-alb") p.add("ingress.certificateArn", certificate, ingressCertificateReason(certificate, cluster) as string);
  if (i.internetFacing === true && certificate === undefined && i.allowPlainHttp !== true) {
    p.add("ingress.certificateArn", undefined, "a certificate for an internet-facing route (or allowPlainHttp: true to serve plain HTTP)");
  }
  if (i.allowPlainHttp === true && (certificate !== undefined || i.internetFacing !== true)) {
    p.add("ingress.allowPlainHttp", true, "allowPlainHttp only on an internet-facing route without a certificate (it has no effect otherwise)");
  }
}

function checkRole(p: ArgumentProblems, args: Args, cluster: ClusterCapabilities | undefined): void {
  const roleArn = args.roleArn;
  if (roleArn !== undefined && isKnown(roleArn)) {
    p.check("roleArn", roleArn, iamRoleArnReason(roleArn));
    const arn = parseArn(roleArn);
    if (arn && cluster?.region && arn.partition !== awsPartition(cluster.region)) {
      p.add("roleArn", roleArn, `a role of the ${awsPartition(cluster.region)} partition, where the cluster's region ${cluster.region} is`);
    }
  }
  if (expectShape(p, "rolePolicies", args.rolePolicies, "object")) {
    for (const [policyName, document] of Object.entries(args.rolePolicies as Args)) {
      if (!/^[\w+=,.@-]{1,64}$/.test(policyName)) p.add(`rolePolicies.${policyName}`, policyName, "a policy name of at most 64 letters, digits and _+=,.@-");
      if (typeof document === "string" && !isPolicyJson(document)) p.add(`rolePolicies.${policyName}`, document, 'an IAM policy document in JSON ({"Version": "2012-10-17", "Statement": [...]})');
    }
  }
  if (roleArn !== undefined && args.rolePolicies !== undefined) {
    p.add("rolePolicies", isRecord(args.rolePolicies) ? Object.keys(args.rolePolicies) : args.rolePolicies, "either roleArn (an existing role) or rolePolicies (a role made for this service), not both");
  }
  if (!cluster) return;
  if (args.rolePolicies !== undefined) p.capture(() => requireWorkloadIdentity(COMPONENT, cluster as ClusterCapabilities, `rolePolicies is set, but this ${cluster?.kind} cluster cannot give pods a cloud role`));
  if (roleArn !== undefined) p.capture(() => requireWorkloadIdentity(COMPONENT, cluster as ClusterCapabilities, `roleArn is set, but this ${cluster?.kind} cluster cannot give pods a cloud role`));
}

/** A JSON object (IAM itself judges the statements): catches prose and YAML where JSON was meant. */
function isPolicyJson(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return isRecord(doc) && (doc.Statement === undefined || Array.isArray(doc.Statement) || isRecord(doc.Statement));
  } catch {
    return false;
  }
}

function checkNetworkPolicy(p: ArgumentProblems, policy: unknown, ports: number[]): void {
  if (!expectShape(p, "networkPolicy", policy, "object")) return;
  for (const [direction, peers] of Object.entries(policy as Args)) {
    const argument = `networkPolicy.${direction}`;
    if (direction !== "ingressFrom" && direction !== "egressTo") {
      p.add(argument, peers, "ingressFrom or egressTo");
      continue;
    }
    if (!expectShape(p, argument, peers, "list")) continue;
    const blocks = (peers as unknown[]).flatMap((peer) => (isRecord(peer) && typeof peer.cidr === "string" ? [peer.cidr] : []));
    // Halves and quarters of the address space add up: the union is what the policy admits.
    if (direction === "ingressFrom" && blocks.length > 1 && coversInternet(blocks) && !blocks.some((b) => coversInternet([b]))) {
      p.add(argument, blocks, "blocks that together do not cover every address: pods take internet traffic through ingress (internetFacing)");
    }
    (peers as unknown[]).forEach((peer, index) => {
      const at = `${argument}[${index}]`;
      if (!isRecord(peer)) {
        p.add(at, peer, "a peer: cidr, or namespace (or namespaceLabels) and/or podLabels, with optional ports");
        return;
      }
      for (const key of Object.keys(peer)) if (!["namespace", "namespaceLabels", "podLabels", "cidr", "ports"].includes(key)) p.add(`${at}.${key}`, peer[key], "one of namespace, namespaceLabels, podLabels, cidr, ports");
      // A bad CIDR is reported below, on the field; the rest of the shape here.
      const shape = peer.cidr !== undefined && !parseCidr(String(peer.cidr)) ? undefined : peerProblem(peer as Peer);
      if (shape && !shape.startsWith("ports")) p.add(at, peer, `${shape}: a NetworkPolicy peer is an IP block or pods`);
      if (peer.cidr !== undefined) {
        const parsed = typeof peer.cidr === "string" ? parseCidr(peer.cidr) : undefined;
        if (!parsed) p.add(`${at}.cidr`, peer.cidr, "a CIDR such as 10.0.0.0/16");
        else if (direction === "ingressFrom" && coversInternet([peer.cidr as string])) {
          p.add(`${at}.cidr`, peer.cidr, "a narrower block: pods take internet traffic through ingress (internetFacing), never straight from every address");
        } else if (parsed.cidr !== peer.cidr) p.add(`${at}.cidr`, peer.cidr, `the network address ${parsed.cidr}`);
      }
      if (peer.namespace !== undefined) p.check(`${at}.namespace`, peer.namespace, dnsLabelReason(peer.namespace));
      for (const field of ["podLabels", "namespaceLabels"] as const) {
        const labels = peer[field];
        if (labels === undefined) continue;
        if (!isRecord(labels)) p.add(`${at}.${field}`, labels, "a map of label keys to values");
        else for (const [key, value] of Object.entries(labels)) p.check(`${at}.${field}.${key}`, value, labelKeyReason(key) ?? labelValueReason(value));
      }
      if (peer.ports !== undefined) {
        if (!Array.isArray(peer.ports)) p.add(`${at}.ports`, peer.ports, "a list of ports");
        else peer.ports.forEach((port, i) => checkPort(p, `${at}.ports[${i}]`, port));
        if (direction === "ingressFrom" && Array.isArray(peer.ports) && ports.length > 0) {
          const closed = peer.ports.filter((port) => Number.isInteger(port) && !ports.includes(port as number));
          if (closed.length > 0) p.add(`${at}.ports`, peer.ports, `ports the container listens on (${ports.join(", ")}), and ${closed.join(", ")} is not one`);
        }
      }
    });
  }
}
