/**
 * The restricted Pod Security Standard as presets, plus a checker of the
 * baseline and restricted standards that the policy pack and the tests share,
 * so "secure by default" is one definition.
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

import { parseQuantity } from "./validate";

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
  securityContext?: PodContextLike;
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  ephemeralContainers?: ContainerLike[];
  volumes?: Record<string, unknown>[];
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
}
interface ProfileLike {
  type?: string;
}
interface SeLinuxLike {
  type?: string;
  user?: string;
  role?: string;
}
interface PodContextLike {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: ProfileLike;
  appArmorProfile?: ProfileLike;
  seLinuxOptions?: SeLinuxLike;
  sysctls?: { name?: string }[];
  windowsOptions?: { hostProcess?: boolean };
}
interface ContainerLike {
  name?: string;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  ports?: { hostPort?: number }[];
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: ProfileLike;
    appArmorProfile?: ProfileLike;
    seLinuxOptions?: SeLinuxLike;
    procMount?: string;
    windowsOptions?: { hostProcess?: boolean };
  };
}

/** Which rule a violation breaks, so a policy can report only its own. */
export type PodViolationKind =
  | "root"
  | "privilege-escalation"
  | "capabilities"
  | "resources"
  | "seccomp"
  | "host-namespaces"
  | "host-path"
  | "volume-types"
  | "host-ports"
  | "apparmor"
  | "proc-mount"
  | "sysctls"
  | "selinux";

export interface PodViolation {
  kind: PodViolationKind;
  message: string;
}

export interface PodCheckOptions {
  /** The pod's annotations: the legacy per-container AppArmor annotations live there. */
  annotations?: Record<string, unknown>;
  /**
   * The spec is a patch (`DeploymentPatch`, ...): only what it sets is judged;
   * what it leaves out belongs to the object it patches.
   */
  partial?: boolean;
}

/** Volume types the restricted standard allows (hostPath has its own baseline control). */
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret", "hostPath"]);
/** The baseline standard's safe sysctls: namespaced and isolated from other pods. */
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);
const SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);
const CONFINED_PROFILES = new Set(["RuntimeDefault", "Localhost"]);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

function seLinuxProblem(options: SeLinuxLike | undefined): string | undefined {
  if (!options) return undefined;
  if (options.type !== undefined && !SELINUX_TYPES.has(options.type)) return `SELinux type "${options.type}"`;
  if (options.user) return `SELinux user "${options.user}"`;
  if (options.role) return `SELinux role "${options.role}"`;
  return undefined;
}

/**
 * Every way a pod spec falls short of the baseline and restricted Pod Security
 * Standards plus Forja's resources rule, across containers, init containers and
 * ephemeral containers. Container fields override pod fields, as in Kubernetes.
 */
export function podSpecViolations(spec: PodSpecLike, options: PodCheckOptions = {}): PodViolation[] {
  const found: PodViolation[] = [];
  const add = (kind: PodViolationKind, message: string) => found.push({ kind, message });
  const partial = options.partial === true;
  const pod = spec.securityContext ?? {};
  const shared = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((field) => spec[field] === true);
  if (shared.length > 0) add("host-namespaces", `pod shares the host's namespaces (${shared.join(", ")})`);
  if (pod.windowsOptions?.hostProcess === true) add("host-namespaces", "pod runs as a Windows host process");
  for (const volume of spec.volumes ?? []) {
    const name = String(volume.name ?? "?");
    if (volume.hostPath !== undefined) add("host-path", `volume "${name}" mounts the host path ${JSON.stringify((volume.hostPath as { path?: unknown }).path ?? "")}`);
    const types = Object.keys(volume).filter((key) => key !== "name" && !RESTRICTED_VOLUME_TYPES.has(key));
    if (types.length > 0) add("volume-types", `volume "${name}" is of type ${types.join(", ")}; the restricted standard allows configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret`);
  }
  const unsafe = (pod.sysctls ?? []).map((sysctl) => String(sysctl.name)).filter((name) => !SAFE_SYSCTLS.has(name));
  if (unsafe.length > 0) add("sysctls", `pod sets unsafe sysctls ${unsafe.join(", ")}`);
  const podSeLinux = seLinuxProblem(pod.seLinuxOptions);
  if (podSeLinux) add("selinux", `pod sets a custom ${podSeLinux}`);
  if (pod.appArmorProfile?.type !== undefined && !CONFINED_PROFILES.has(pod.appArmorProfile.type)) {
    add("apparmor", `pod runs with AppArmor profile ${pod.appArmorProfile.type}`);
  }
  if (pod.seccompProfile?.type === "Unconfined") add("seccomp", "pod runs with the Unconfined seccomp profile");
  for (const [key, value] of Object.entries(options.annotations ?? {})) {
    if (key.startsWith(APPARMOR_ANNOTATION) && !(value === "runtime/default" || String(value).startsWith("localhost/"))) {
      add("apparmor", `container "${key.slice(APPARMOR_ANNOTATION.length)}" runs with AppArmor profile ${String(value)}`);
    }
  }
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  for (const container of containers) {
    const ctx = container.securityContext ?? {};
    const who = `container "${container.name ?? "?"}"`;
    const nonRoot = ctx.runAsNonRoot ?? pod.runAsNonRoot;
    const user = ctx.runAsUser ?? pod.runAsUser;
    if (user === 0 || nonRoot === false || (!partial && nonRoot !== true)) add("root", `${who} may run as root (set runAsNonRoot: true, runAsUser != 0)`);
    if (ctx.privileged === true) add("privilege-escalation", `${who} is privileged (set privileged: false)`);
    else if (ctx.allowPrivilegeEscalation === true || (!partial && ctx.allowPrivilegeEscalation !== false)) {
      add("privilege-escalation", `${who} allows privilege escalation (set allowPrivilegeEscalation: false)`);
    }
    if (ctx.windowsOptions?.hostProcess === true) add("host-namespaces", `${who} runs as a Windows host process`);
    const dropsAll = (ctx.capabilities?.drop ?? []).some((cap) => cap.toUpperCase() === "ALL");
    const adds = (ctx.capabilities?.add ?? []).filter((cap) => cap.toUpperCase() !== "NET_BIND_SERVICE");
    if (adds.length > 0) add("capabilities", `${who} adds capabilities ${adds.join(", ")} (only NET_BIND_SERVICE may be added back)`);
    else if (!partial && !dropsAll) add("capabilities", `${who} must drop ALL capabilities`);
    const seccomp = ctx.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (ctx.seccompProfile?.type === "Unconfined") add("seccomp", `${who} runs with the Unconfined seccomp profile`);
    else if (!partial && !CONFINED_PROFILES.has(seccomp ?? "")) add("seccomp", `${who} has no RuntimeDefault seccomp profile`);
    if (ctx.appArmorProfile?.type !== undefined && !CONFINED_PROFILES.has(ctx.appArmorProfile.type)) {
      add("apparmor", `${who} runs with AppArmor profile ${ctx.appArmorProfile.type}`);
    }
    if (ctx.procMount !== undefined && ctx.procMount !== "Default") add("proc-mount", `${who} mounts /proc ${ctx.procMount} (only Default masks it)`);
    const seLinux = seLinuxProblem(ctx.seLinuxOptions);
    if (seLinux) add("selinux", `${who} sets a custom ${seLinux}`);
    const hostPorts = (container.ports ?? []).map((port) => port.hostPort).filter((port) => port !== undefined && port !== 0);
    if (hostPorts.length > 0) add("host-ports", `${who} binds host ports ${hostPorts.join(", ")}`);
    if (!partial) {
      const requests = container.resources?.requests ?? {};
      const limits = container.resources?.limits ?? {};
      if (!requests.cpu || !requests.memory || !limits.memory) add("resources", `${who} must set cpu and memory requests and a memory limit`);
      // A zero request is no request: the scheduler packs the pod anywhere and the kubelet evicts it first.
      else {
        const zero = (["cpu", "memory"] as const).filter((key) => parseQuantity(String(requests[key])) === 0);
        if (zero.length > 0) add("resources", `${who} requests zero ${zero.join(" and ")}: set what it needs (a zero request schedules anywhere and is evicted first)`);
      }
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
const CREDENTIAL_NAME =
  /(PASSWORD|PASSWD|SECRET|API_?KEY|MASTER_?KEY|PRIVATE_?KEY|ACCESS_?KEY|(SIGNING|ENCRYPTION|SESSION|HMAC|JWT)_?KEY|CREDENTIALS?$|CONNECTION_?STRING|(^|_)TOKEN$|(^|_)PASS$|_PWD$)/i;

/**
 * Values that are credentials whatever they are called: well-known token
 * formats (their prefixes exist so scanners can find them), private keys,
 * and connection strings that embed a password. Certificates are public:
 * a CA bundle in a ConfigMap is fine.
 */
const CREDENTIAL_VALUES: { kind: string; pattern: RegExp }[] = [
  /** `scheme://user:password@host` (the user may be empty, as in Redis URLs). */
  { kind: "a URL with a password", pattern: /:\/\/[^/\s:@]*:[^/\s@]+@/ },
  { kind: "an OpenAI/Anthropic-style API key (sk-...)", pattern: /(^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{20,}/ },
  { kind: "an AWS access key id", pattern: /(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)/ },
  { kind: "a GitHub token", pattern: /(^|[^A-Za-z0-9])(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { kind: "a GitLab token", pattern: /(^|[^A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,}/ },
  { kind: "a Docker Hub access token", pattern: /(^|[^A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{20,}/ },
  { kind: "a Slack token", pattern: /(^|[^A-Za-z0-9])xox[abeoprs]-[A-Za-z0-9-]{10,}/ },
  { kind: "a Hugging Face token", pattern: /(^|[^A-Za-z0-9])hf_[A-Za-z0-9]{30,}/ },
  { kind: "a Google API key", pattern: /(^|[^A-Za-z0-9])AIza[0-9A-Za-z_-]{35}/ },
  { kind: "a Stripe secret key", pattern: /(^|[^A-Za-z0-9])[rs]k_live_[A-Za-z0-9]{16,}/ },
  { kind: "a PEM private key", pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
  { kind: "a JSON Web Token", pattern: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: "an Authorization header value", pattern: /^(Bearer|Basic)\s+[A-Za-z0-9+/=._~-]{16,}$/ },
  { kind: "a connection string with a password or key", pattern: /(^|;)\s*(Password|Pwd|AccountKey|SharedAccessKey)\s*=\s*[^;\s]+/i },
];

/** What kind of credential a plain value is, or undefined when it looks like a setting. */
export function credentialValueKind(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return CREDENTIAL_VALUES.find(({ pattern }) => pattern.test(value))?.kind;
}

/** Whether a value, whatever its name, is a credential: a known key format, a private key, a URL with a password. */
export function looksLikeCredentialValue(value: unknown): boolean {
  return credentialValueKind(value) !== undefined;
}

/** Whether a name, or a plain value given with it, holds a credential that belongs in a Secret. */
export function looksLikeCredential(name: string, value?: unknown): boolean {
  return CREDENTIAL_NAME.test(name) || looksLikeCredentialValue(value);
}
