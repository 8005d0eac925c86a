/**
 * Pod rules: the baseline and restricted Pod Security Standards on every
 * pod-bearing kind (and its `*Patch` form), plus pinned images.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { podSpecViolations, unpinnedReason } from "../components/core";
import type { PodViolationKind } from "../components/core";
import { list, obj, rule } from "./util";
import type { Obj } from "./util";

/** Where each pod-bearing kind keeps its pod template. */
const TEMPLATE_PATHS: [RegExp, string[]][] = [
  [/^kubernetes:core\/v1:Pod(Patch)?$/, []],
  [/^kubernetes:core\/v1:PodTemplate(Patch)?$/, ["template"]],
  [/^kubernetes:batch\/v1(beta1)?:CronJob(Patch)?$/, ["spec", "jobTemplate", "spec", "template"]],
  [/^kubernetes:((apps|extensions)\/v1(beta[12])?:(Deployment|StatefulSet|DaemonSet|ReplicaSet)|core\/v1:ReplicationController|batch\/v1:Job)(Patch)?$/, ["spec", "template"]],
];

export interface PodTemplate {
  metadata: Obj;
  spec: Obj;
  /** A `*Patch` kind: only the fields it sets are judged. */
  partial: boolean;
}

/** The pod template of a pod-bearing Kubernetes resource, as a live view into `props`. */
export function podTemplateOf(type: string, props: Obj): PodTemplate | undefined {
  const path = TEMPLATE_PATHS.find(([pattern]) => pattern.test(type))?.[1];
  if (!path) return undefined;
  const template = path.reduce<unknown>((current, key) => obj(current)[key], props);
  const spec = obj(template).spec;
  if (spec === undefined) return undefined;
  return { metadata: obj(obj(template).metadata), spec: obj(spec), partial: type.endsWith("Patch") };
}

/** Containers of a pod-bearing kind or an ACI container group, init and ephemeral ones included. */
export function containersOf(type: string, props: Obj): Obj[] {
  const pod = podTemplateOf(type, props);
  const source = pod ? pod.spec : type === "azure-native:containerinstance:ContainerGroup" ? props : undefined;
  if (!source) return [];
  return [...list(source.containers), ...list(source.initContainers), ...list(source.ephemeralContainers)].map(obj);
}

/** One rule per Pod Security control, so a violation names exactly what is wrong. */
function podRule(name: string, description: string, kind: PodViolationKind): ResourceValidationPolicy {
  return rule(name, description, (args, report) => {
    const pod = podTemplateOf(args.type, args.props);
    if (!pod) return;
    for (const violation of podSpecViolations(pod.spec, { annotations: obj(pod.metadata.annotations), partial: pod.partial })) {
      if (violation.kind === kind) report(violation.message);
    }
  });
}

/**
 * Every image in Helm values: `image: "x:y"`; `{repository, tag}` and
 * `{registry, repository, tag, digest}` maps (a digest pins as a tag does);
 * `{name: "x:y"}` under an `image` key. A map with a repository and no tag
 * or digest leaves the image to whatever the chart's default is: unpinned
 * from Forja's side.
 */
function helmImages(values: unknown, path = "values", underImage = false): { path: string; image: string }[] {
  if (Array.isArray(values)) return values.flatMap((item, i) => helmImages(item, `${path}[${i}]`));
  if (!values || typeof values !== "object") return [];
  const object = values as Obj;
  const found: { path: string; image: string }[] = [];
  const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
  if (typeof object.repository === "string") {
    const registry = typeof object.registry === "string" && object.registry ? `${object.registry}/` : "";
    const digest = text(object.digest);
    const reference = `${registry}${object.repository}`;
    // A digest given without its algorithm is sha256 (the Bitnami convention).
    if (digest) found.push({ path, image: `${reference}@${digest.includes(":") ? digest : `sha256:${digest}`}` });
    else found.push({ path, image: text(object.tag) ? `${reference}:${text(object.tag)}` : reference });
  } else if (underImage && typeof object.name === "string") {
    found.push({ path: `${path}.name`, image: object.name });
  }
  for (const [key, inner] of Object.entries(object)) {
    if (key === "image" && typeof inner === "string") found.push({ path: `${path}.image`, image: inner });
    else if (key !== "name" || !underImage) found.push(...helmImages(inner, `${path}.${key}`, key === "image"));
  }
  return found;
}

const noUnpinnedImages = rule("no-unpinned-images", "Every image is pinned to a tag other than latest, or to a digest (containers and Helm values).", (args, report) => {
  const patch = args.type.endsWith("Patch");
  for (const container of containersOf(args.type, args.props)) {
    // A patch that leaves the image out keeps the patched object's.
    if (patch && container.image === undefined) continue;
    const reason = unpinnedReason(String(container.image ?? ""));
    if (reason) report(`container "${String(container.name)}": ${reason}`);
  }
  if (/^kubernetes:helm\.sh\/v\d:(Release|Chart)$/.test(args.type)) {
    for (const { path, image } of helmImages(args.props.values)) {
      const reason = unpinnedReason(image);
      if (reason) report(`${path}: ${reason}`);
    }
  }
});

export const podPolicies: ResourceValidationPolicy[] = [
  noUnpinnedImages,
  podRule("containers-non-root", "Containers run as a non-root user (runAsNonRoot: true, runAsUser never 0).", "root"),
  podRule("containers-no-privilege-escalation", "Containers are not privileged and cannot escalate privileges.", "privilege-escalation"),
  podRule("containers-drop-capabilities", "Containers drop ALL capabilities and add none back but NET_BIND_SERVICE.", "capabilities"),
  podRule("containers-resources-set", "Containers set cpu and memory requests and a memory limit.", "resources"),
  podRule("containers-seccomp", "Containers run with the RuntimeDefault (or a Localhost) seccomp profile, never Unconfined.", "seccomp"),
  podRule("pods-no-host-namespaces", "Pods do not share the host's network, PID or IPC namespace, nor run as Windows host processes.", "host-namespaces"),
  podRule("pods-no-host-path", "Pods mount no hostPath volume.", "host-path"),
  podRule("pods-restricted-volume-types", "Pods use only the volume types the restricted standard allows (configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret).", "volume-types"),
  podRule("containers-no-host-ports", "Containers bind no host port.", "host-ports"),
  podRule("containers-apparmor", "Containers never run AppArmor-unconfined (annotation or appArmorProfile).", "apparmor"),
  podRule("containers-default-proc-mount", "Containers keep the default masked /proc (no procMount: Unmasked).", "proc-mount"),
  podRule("pods-safe-sysctls", "Pods set only the sysctls the baseline standard calls safe.", "sysctls"),
  podRule("containers-selinux", "Pods and containers set no custom SELinux user, role or type beyond the container types.", "selinux"),
];
