/**
 * The restricted Pod Security Standard as presets, plus a checker that the
 * policy pack and the tests share, so "secure by default" is one definition.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */

/** Default non-root user for images that do not declare one (distroless "nonroot"). */
export const DEFAULT_RUN_AS_USER = 65532;

export interface PodSecurityPreset {
  runAsNonRoot: true;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  seccompProfile: { type: "RuntimeDefault" };
}

export interface ContainerSecurityPreset {
  allowPrivilegeEscalation: false;
  privileged: false;
  readOnlyRootFilesystem: boolean;
  runAsNonRoot: true;
  capabilities: { drop: ["ALL"] };
  seccompProfile: { type: "RuntimeDefault" };
}

/** Pod-level context: non-root, RuntimeDefault seccomp, volumes owned by `user`. */
export function restrictedPodSecurityContext(user = DEFAULT_RUN_AS_USER): PodSecurityPreset {
  return { runAsNonRoot: true, runAsUser: user, runAsGroup: user, fsGroup: user, seccompProfile: { type: "RuntimeDefault" } };
}

/** Container-level context. A writable root filesystem is an explicit opt-out. */
export function restrictedContainerSecurityContext(opts: { readOnlyRootFilesystem?: boolean } = {}): ContainerSecurityPreset {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: opts.readOnlyRootFilesystem ?? true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Loose view of a pod spec as it appears in rendered objects. */
interface PodSpecLike {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
}
interface ContainerLike {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type?: string };
  };
}

/** Which rule a violation breaks, so a policy can report only its own. */
export type PodViolationKind = "root" | "privilege-escalation" | "capabilities" | "resources" | "seccomp" | "host-namespaces";

export interface PodViolation {
  kind: PodViolationKind;
  message: string;
}

/**
 * Every way a pod spec falls short of the restricted standard plus Forja's
 * resources rule. Container fields override pod fields, as in Kubernetes.
 */
export function podSpecViolations(spec: PodSpecLike): PodViolation[] {
  const found: PodViolation[] = [];
  const pod = spec.securityContext ?? {};
  if (spec.hostNetwork || spec.hostPID || spec.hostIPC) {
    found.push({ kind: "host-namespaces", message: "pod shares a host namespace (hostNetwork/hostPID/hostIPC)" });
  }
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const container of containers) {
    const ctx = container.securityContext ?? {};
    const who = `container "${container.name ?? "?"}"`;
    const nonRoot = ctx.runAsNonRoot ?? pod.runAsNonRoot;
    const user = ctx.runAsUser ?? pod.runAsUser;
    if (nonRoot !== true || user === 0) found.push({ kind: "root", message: `${who} may run as root (set runAsNonRoot: true, runAsUser != 0)` });
    if (ctx.allowPrivilegeEscalation !== false || ctx.privileged === true) {
      found.push({ kind: "privilege-escalation", message: `${who} allows privilege escalation (set allowPrivilegeEscalation: false, privileged: false)` });
    }
    const dropsAll = (ctx.capabilities?.drop ?? []).some((cap) => cap.toUpperCase() === "ALL");
    const adds = (ctx.capabilities?.add ?? []).filter((cap) => cap.toUpperCase() !== "NET_BIND_SERVICE");
    if (!dropsAll || adds.length > 0) found.push({ kind: "capabilities", message: `${who} must drop ALL capabilities and add none but NET_BIND_SERVICE` });
    const seccomp = ctx.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") found.push({ kind: "seccomp", message: `${who} has no RuntimeDefault seccomp profile` });
    const requests = container.resources?.requests ?? {};
    const limits = container.resources?.limits ?? {};
    if (!requests.cpu || !requests.memory || !limits.memory) {
      found.push({ kind: "resources", message: `${who} must set cpu and memory requests and a memory limit` });
    }
  }
  return found;
}

/** Namespace labels that make the API server enforce the restricted standard. */
export function restrictedNamespaceLabels(): Record<string, string> {
  return {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/warn": "restricted",
    "pod-security.kubernetes.io/audit": "restricted",
  };
}

/**
 * Names that carry credentials (env vars, ConfigMap keys). Narrow on purpose:
 * MAX_TOKENS, TOKENIZERS_PARALLELISM or MLFLOW_TRACKING_URI are settings.
 */
const CREDENTIAL_NAME = /(PASSWORD|PASSWD|SECRET|API_?KEY|MASTER_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?$|CONNECTION_?STRING|(^|_)TOKEN$)/i;
/** A URL with a password in it: `scheme://user:password@host` (the user may be empty, as in Redis URLs). */
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]*:[^/\s@]+@/;

/** Whether a name, or a plain value given with it, holds a credential that belongs in a Secret. */
export function looksLikeCredential(name: string, value?: unknown): boolean {
  return CREDENTIAL_NAME.test(name) || (typeof value === "string" && URL_WITH_PASSWORD.test(value));
}
