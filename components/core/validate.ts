/**
 * Rules every component (and the stack config, which reuses them) checks its
 * arguments against. Each rule is general — the grammar or limit the API
 * server, AWS or Azure enforces — so a bad value is refused before `pulumi up`
 * gets half way. Checks return a reason (a phrase that completes "expected
 * ...") or undefined when the value is fine.
 */
import { ForjaArgumentError } from "./errors";

/**
 * Every problem of a component's args, collected so a caller can report them
 * all at once (the stack config does); a component throws the first.
 */
export class ArgumentProblems {
  readonly errors: ForjaArgumentError[] = [];

  constructor(readonly component: string) {}

  add(argument: string, value: unknown, expected: string): void {
    this.errors.push(new ForjaArgumentError(this.component, argument, value, expected));
  }

  /** Runs a check that throws ForjaArgumentError (a shared helper) and records its error instead. */
  capture(check: () => unknown): void {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ForjaArgumentError)) throw error;
      this.errors.push(error);
    }
  }

  /** Records `reason` when a check found one. */
  check(argument: string, value: unknown, reason: string | undefined): void {
    if (reason !== undefined) this.add(argument, value, reason);
  }

  throwFirst(): void {
    if (this.errors.length > 0) throw this.errors[0];
  }
}

/** Whether a value is known while the program runs (not an Output or a Promise): only then can it be checked. */
export function isKnown(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  return (value as { __pulumiOutput?: unknown }).__pulumiOutput !== true && typeof (value as { then?: unknown }).then !== "function";
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && isKnown(value);
}

/** What a value is, for "expected a string, got ..." style reasons. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

/** Structural type of a plain-JavaScript argument: the checks a TypeScript caller gets from the compiler. */
export type Shape = "string" | "integer" | "number" | "boolean" | "object" | "list";

/**
 * Checks `value` has `shape` (undefined passes when optional) and records a
 * problem otherwise. Returns whether the value can be checked further.
 */
export function expectShape(problems: ArgumentProblems, argument: string, value: unknown, shape: Shape, optional = true): boolean {
  if (value === undefined) {
    if (!optional) problems.add(argument, value, `a ${shape === "list" ? "list" : shape === "object" ? "map" : shape} (required)`);
    return false;
  }
  const fits =
    shape === "string"
      ? typeof value === "string"
      : shape === "integer"
        ? Number.isInteger(value)
        : shape === "number"
          ? typeof value === "number" && Number.isFinite(value)
          : shape === "boolean"
            ? typeof value === "boolean"
            : shape === "list"
              ? Array.isArray(value)
              : isRecord(value);
  if (!fits) problems.add(argument, value, `${shape === "integer" ? "an integer" : shape === "list" ? "a list" : shape === "object" ? "a map" : `a ${shape}`}, not ${kindOf(value)}`);
  return fits;
}

/** One of an `as const` enum object's values, checked at run time (a typo must not fall through to a default branch). */
export function enumReason(value: unknown, values: Record<string, string> | readonly string[]): string | undefined {
  const allowed = Array.isArray(values) ? values : Object.values(values);
  return typeof value === "string" && allowed.includes(value) ? undefined : `one of ${allowed.join(", ")}`;
}

// ---------------------------------------------------------------- quantities

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes resource quantity as a number of base units (cores, bytes):
 * `500m` -> 0.5, `1Gi` -> 1073741824, `1e3` -> 1000. Undefined when `text`
 * is not a quantity.
 */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const suffix = match[2] ?? "";
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(match[1]) * scale;
}

/** A non-negative quantity, for requests and limits. */
export function quantityReason(text: unknown): string | undefined {
  const value = parseQuantity(text);
  if (value === undefined) return 'a Kubernetes quantity such as "250m", "1", "512Mi" or "1Gi"';
  if (value < 0) return "a quantity >= 0";
  return undefined;
}

/**
 * The first request above its limit, as `[resource, expectation]`: Kubernetes
 * refuses such a pod at admission, long after `pulumi up` began. Every
 * component that takes resources runs this one rule.
 */
export function requestAboveLimit(requests: object | undefined, limits: object | undefined): [string, string] | undefined {
  const ceiling = (limits ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(requests ?? {})) {
    const request = parseQuantity(value);
    const limit = parseQuantity(ceiling[key]);
    if (request !== undefined && limit !== undefined && request > limit) return [key, `a request no larger than its limit (${String(ceiling[key])}): Kubernetes refuses requests above limits`];
  }
  return undefined;
}

// ------------------------------------------------------------- names, hosts

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label (namespaces, object names, ports' names). */
export function dnsLabelReason(text: unknown, max = 63): string | undefined {
  if (typeof text === "string" && text.length <= max && DNS_LABEL.test(text)) return undefined;
  return `a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most ${max} characters`;
}

/** A DNS-1123 subdomain (most object names: StorageClasses, Secrets, IngressClasses). */
export function dnsSubdomainReason(text: unknown): string | undefined {
  if (typeof text === "string" && text.length <= 253 && text.split(".").every((label) => DNS_LABEL.test(label))) return undefined;
  return "a DNS-1123 name: lower-case letters, digits, '-' and '.', at most 253 characters";
}

/** Namespaces that belong to Kubernetes itself: workloads there escape the stack's Pod Security and network rules. */
export const RESERVED_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease", "default"] as const;

/** A namespace Forja may put workloads in. */
export function namespaceReason(text: unknown): string | undefined {
  const label = dnsLabelReason(text);
  if (label) return label;
  if ((RESERVED_NAMESPACES as readonly string[]).includes(text as string)) {
    return `a namespace of your own: ${RESERVED_NAMESPACES.join(", ")} belong to Kubernetes (no restricted Pod Security there)`;
  }
  return undefined;
}

/**
 * An Ingress host: a lower-case DNS name, optionally with a leading `*.`
 * wildcard — not a URL, not an address, no port or path.
 */
export function hostReason(text: unknown): string | undefined {
  if (typeof text !== "string") return "a host name such as api.example.com";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `a host name, not a URL (drop the scheme: "${text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").split(/[/:]/)[0]}")`;
  if (/[/:?#@\s]/.test(text)) return "a host name without port, path, query or user (e.g. api.example.com)";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return "a host name: Ingress rules match names, not IP addresses";
  const name = text.startsWith("*.") ? text.slice(2) : text;
  const labels = name.split(".");
  if (text.length > 253 || labels.length < 2 || !labels.every((l) => l.length <= 63 && DNS_LABEL.test(l))) {
    return "a lower-case DNS name of at least two labels (letters, digits, '-'), at most 253 characters, optionally starting with *.";
  }
  return undefined;
}

/** An HTTP path for routes and health checks. */
export function httpPathReason(text: unknown): string | undefined {
  if (typeof text !== "string" || !text.startsWith("/")) return 'a path starting with "/"';
  if (/\s/.test(text) || text.includes("://")) return "a path without spaces or a scheme (e.g. /healthz)";
  if (text.length > 1024) return "a path of at most 1024 characters";
  return undefined;
}

// ---------------------------------------------------------------------- tags

export interface TagLimits {
  /** Tags per resource (integer). */
  perResource: number;
  /** Characters per key (integer). */
  keyLength: number;
  /** Characters per value (integer). */
  valueLength: number;
  /** Key prefixes the cloud keeps for itself (compared case-insensitively). */
  reservedPrefixes: readonly string[];
  /** Characters a key and a value may hold, described for the message. */
  text: RegExp;
  textDescription: string;
  cloud: string;
}

/** What AWS enforces on every taggable resource. */
export const AWS_TAG_LIMITS: TagLimits = {
  perResource: 50,
  keyLength: 128,
  valueLength: 256,
  reservedPrefixes: ["aws:"],
  text: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
  textDescription: "letters, digits, spaces and _ . : / = + - @",
  cloud: "AWS",
};

/** What Azure Resource Manager enforces on tags. */
export const AZURE_TAG_LIMITS: TagLimits = {
  perResource: 50,
  keyLength: 512,
  valueLength: 256,
  reservedPrefixes: ["microsoft", "azure", "windows"],
  text: /^[^<>%&\\?/]*$/,
  textDescription: "any characters but < > % & \\ ? /",
  cloud: "Azure",
};

export interface TagProblem {
  /** The tag's key, or undefined for a problem with the whole map. */
  key?: string;
  value: unknown;
  expected: string;
}

/**
 * Problems of a tag map under a cloud's limits. `added` are the keys the
 * caller adds itself: they count toward the per-resource limit.
 */
export function tagProblems(tags: unknown, limits: TagLimits, added: readonly string[] = []): TagProblem[] {
  if (tags === undefined) return [];
  if (!isRecord(tags)) return [{ value: tags, expected: "a map of tag keys to string values" }];
  const problems: TagProblem[] = [];
  const keys = Object.keys(tags);
  const extra = added.filter((k) => !keys.includes(k));
  if (keys.length + extra.length > limits.perResource) {
    const forja = added.length ? `, and Forja adds ${added.join(", ")}` : "";
    problems.push({ value: `${keys.length} tags`, expected: `at most ${limits.perResource - extra.length} tags (${limits.cloud} allows ${limits.perResource} per resource${forja})` });
  }
  for (const [key, value] of Object.entries(tags)) {
    const reserved = limits.reservedPrefixes.find((prefix) => key.toLowerCase().startsWith(prefix));
    if (key.length < 1 || key.length > limits.keyLength || !limits.text.test(key)) {
      problems.push({ key, value: key, expected: `a tag key of 1-${limits.keyLength} ${limits.textDescription}` });
    } else if (reserved) {
      problems.push({ key, value: key, expected: `a key not starting with "${reserved}" (reserved by ${limits.cloud})` });
    }
    if (typeof value !== "string") problems.push({ key, value, expected: "a string value" });
    else if (value.length > limits.valueLength || !limits.text.test(value)) {
      problems.push({ key, value, expected: `a value of at most ${limits.valueLength} ${limits.textDescription}` });
    }
  }
  return problems;
}

/** Records tag problems under `argument` (`tags`, or `tags.<key>`). */
export function checkTags(problems: ArgumentProblems, argument: string, found: TagProblem[]): void {
  for (const p of found) problems.add(p.key === undefined ? argument : `${argument}.${p.key}`, p.value, p.expected);
}

// ---------------------------------------------------------------- Kubernetes

/** Kubernetes refuses a ConfigMap or Secret whose data exceeds 1 MiB. */
export const CONFIG_DATA_LIMIT_BYTES = 1024 * 1024;

/** Bytes of a string map's data as stored in a ConfigMap or Secret (only known string values count). */
export function dataSize(data: Record<string, unknown>): number {
  return Object.entries(data).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + (typeof value === "string" ? Buffer.byteLength(value) : 0), 0);
}

const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A label key: optional DNS prefix (<= 253) and `/`, then a name of at most 63 characters. */
export function labelKeyReason(key: string): string | undefined {
  const prefix = key.includes("/") ? key.slice(0, key.indexOf("/")) : "";
  return LABEL_NAME.test(key) && prefix.length <= 253 ? undefined : "a label key such as team or example.com/team (name at most 63 characters)";
}

export function labelValueReason(value: unknown): string | undefined {
  return typeof value === "string" && value.length <= 63 && LABEL_VALUE.test(value) ? undefined : "a label value of at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends";
}
