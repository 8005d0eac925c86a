/**
 * Small helpers the rule files share: a rule constructor, loose property
 * access, IAM documents and secret-path lookups.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { coversInternet, parseCidr } from "../components/core";

export type Obj = Record<string, unknown>;

/**
 * What the rules receive. `secretPaths` is Forja's addition: the offline synth
 * knows which inputs are Pulumi secrets; under `pulumi preview` the engine
 * unwraps secrets before policies see them, so it is undefined there and the
 * secret rules judge by value alone.
 */
export interface ForjaValidationArgs extends ResourceValidationArgs {
  secretPaths?: string[];
}

/** Policy config shared by the production-only rules (policies/production.json turns it on). */
export interface ProductionConfig {
  production: boolean;
}

const PRODUCTION_SCHEMA = { properties: { production: { type: "boolean" as const, default: false } } };

/**
 * A mandatory rule whose messages start with the resource's name. With
 * `production`, the rule reads `{ production }` from the policy config.
 */
export function rule(
  name: string,
  description: string,
  validate: (args: ForjaValidationArgs, report: (message: string) => void) => void,
  options: { production?: boolean } = {},
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: "mandatory",
    ...(options.production ? { configSchema: PRODUCTION_SCHEMA } : {}),
    validateResource: (args, report) => validate(args, (message) => report(`${args.name}: ${message}`)),
  };
}

export function isProduction(args: ResourceValidationArgs): boolean {
  return args.getConfig<ProductionConfig>()?.production === true;
}

export function obj(value: unknown): Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {};
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Follows a dotted path through nested objects. */
export function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((current, key) => obj(current)[key], value);
}

/** A string the provider has not resolved yet (a preview's unknown output) or an empty one says nothing. */
export function isKnownText(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value !== "[unknown]";
}

/** Whether `path` (dotted, with [i] indexes) is a Pulumi secret or inside one. */
export function isSecretPath(secretPaths: string[], path: string): boolean {
  return secretPaths.some((secret) => secret === path || path.startsWith(`${secret}.`) || path.startsWith(`${secret}[`));
}

export interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** The statements of an IAM document given as JSON text or an object; undefined if it does not parse. */
export function statementsOf(raw: unknown): Statement[] | undefined {
  if (raw === undefined || raw === null || raw === "" || raw === "[unknown]") return [];
  try {
    const document = typeof raw === "string" ? (JSON.parse(raw) as unknown) : raw;
    return list(obj(document).Statement).map((statement) => obj(statement) as Statement);
  } catch {
    return undefined;
  }
}

export function describeStatement(statement: Statement, index: number): string {
  return typeof statement.Sid === "string" && statement.Sid ? `statement "${statement.Sid}"` : `statement ${index + 1}`;
}

/** Whether an IAM principal is everyone: "*", {"AWS": "*"}, {"AWS": ["*"]}. */
export function isPublicPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  return Object.values(obj(principal)).some((value) => list(value).includes("*"));
}

/**
 * Condition keys that pin a statement to an account, organisation, network or
 * source, so a "*" principal is not the world.
 */
const NARROWING_CONDITION_KEYS = new Set([
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceowner",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:userid",
  "kms:calleraccount",
]);

export function conditionNarrows(condition: unknown): boolean {
  return Object.values(obj(condition)).some((operator) =>
    Object.entries(obj(operator)).some(([key, value]) => {
      const name = key.toLowerCase();
      if (name === "aws:sourceip") return !internetWide(list(value).map(String));
      return NARROWING_CONDITION_KEYS.has(name) && !list(value).includes("*");
    }),
  );
}

/**
 * CIDRs that reach the internet at large: their union is every address, or one
 * block is wider than any single organisation holds (/8 for IPv4, /16 for IPv6).
 */
export function internetWide(cidrs: string[]): boolean {
  if (coversInternet(cidrs)) return true;
  return cidrs.some((text) => {
    const cidr = parseCidr(text);
    return cidr !== undefined && cidr.prefix < (cidr.version === 4 ? 8 : 16);
  });
}

/** Credentials that ship as chart, image or documentation defaults. */
const WELL_KNOWN_CREDENTIALS = new Set([
  "admin",
  "admin123",
  "airflow",
  "changeme",
  "changeit",
  "default",
  "guest",
  "letmein",
  "minio123",
  "minioadmin",
  "mysql",
  "pass",
  "passw0rd",
  "password",
  "password1",
  "password123",
  "p@ssw0rd",
  "postgres",
  "prom-operator",
  "qwerty",
  "redis",
  "root",
  "secret",
  "test",
  "welcome",
  "123456",
  "12345678",
]);

export function isWellKnownCredential(value: string): boolean {
  return WELL_KNOWN_CREDENTIALS.has(value.trim().toLowerCase());
}

/** Shorter than any generated credential Forja makes: typed by a person. */
export const MIN_CREDENTIAL_LENGTH = 12;

/** A reference the runtime resolves, not a value: `$(VAR)`, `${VAR}`, `$VAR`, `{{ .Values.x }}`, LiteLLM's `os.environ/VAR`. */
export function isReference(value: string): boolean {
  return /^\s*(\$\(?\{?[A-Za-z_][\w.]*\}?\)?|\{\{.*\}\}|os\.environ\/[A-Za-z_]\w*)\s*$/.test(value);
}
