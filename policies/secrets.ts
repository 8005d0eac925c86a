/**
 * Credentials by value: in container env and args, ConfigMaps, Secrets with
 * default passwords, Helm values, and plain resource inputs.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { looksLikeCredential, looksLikeCredentialValue } from "../components/core";
import { containersOf } from "./pods";
import { at, isKnownText, isReference, isSecretPath, isWellKnownCredential, list, MIN_CREDENTIAL_LENGTH, obj, rule } from "./util";
import type { Obj } from "./util";

/** Flags whose next word (or `=value`) is a credential: `--password x`, `--api-key=x`. */
const CREDENTIAL_FLAG = /(?:^|\s)--?([\w.-]*(?:password|passwd|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|requirepass|masterauth))(?:=|\s+)(?!-)(\S+)/gi;

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, "$2");
}

/** Credentials passed on a command line: flags with literal values, or credential-shaped words. */
function argumentCredentials(words: unknown[]): string[] {
  const text = words.map(String).join(" ");
  const found = [...text.matchAll(CREDENTIAL_FLAG)].filter((match) => !isReference(unquote(match[2]))).map((match) => `--${match[1]}`);
  if (words.some((word) => looksLikeCredentialValue(word))) found.push("a credential-shaped value");
  return found;
}

/** `key: value` / `key=value` lines of an embedded config file whose key names a credential. */
const FILE_CREDENTIAL_LINE = /^\s*["']?([\w.-]*(?:password|passwd|secret|token|api[-_]?key))["']?\s*[:=]\s*(\S.*?)\s*$/gim;

function embeddedCredentials(text: string): string[] {
  return [...text.matchAll(FILE_CREDENTIAL_LINE)]
    .filter((match) => {
      const value = unquote(match[2].replace(/,$/, ""));
      return value !== "" && !isReference(value) && !/^(null|~|""|''|true|false)$/i.test(value);
    })
    .map((match) => match[1]);
}

function decodeIfBase64(value: string): string {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  return Buffer.from(decoded, "utf8").toString("base64") === value ? decoded : value;
}

const noPlaintextSecrets = rule(
  "no-plaintext-secrets",
  "Credentials reach containers only through Secrets or secure values: never in plain env (by name or by value), command-line args or ConfigMaps, and no Secret holds a well-known default.",
  (args, report) => {
    for (const container of containersOf(args.type, args.props)) {
      const who = `container "${String(container.name)}"`;
      for (const variable of [...list(container.env), ...list(container.environmentVariables)].map(obj)) {
        const name = String(variable.name ?? "");
        if (isKnownText(variable.value) && looksLikeCredential(name, variable.value)) {
          report(`${who} sets ${name} as plain text; use a Secret reference (secureValue on ACI)`);
        }
      }
      const flags = argumentCredentials([...list(container.command), ...list(container.args)]);
      if (flags.length > 0) report(`${who} passes ${[...new Set(flags)].join(", ")} on its command line; read it from a mounted Secret or env from a Secret`);
    }
    if (args.type === "kubernetes:core/v1:ConfigMap") {
      for (const [key, value] of Object.entries(obj(args.props.data))) {
        if (looksLikeCredential(key, value)) report(`ConfigMap key "${key}" looks like a credential; put it in a Secret`);
        else if (typeof value === "string") {
          for (const setting of embeddedCredentials(value)) report(`ConfigMap key "${key}" embeds the credential setting "${setting}"; put it in a Secret`);
        }
      }
    }
    if (args.type === "kubernetes:core/v1:Secret") {
      const entries = [
        ...Object.entries(obj(args.props.stringData)).map(([k, v]) => [k, String(v)] as const),
        ...Object.entries(obj(args.props.data)).map(([k, v]) => [k, decodeIfBase64(String(v))] as const),
      ];
      for (const [key, value] of entries) {
        if (isWellKnownCredential(value)) report(`key "${key}" holds a well-known default credential`);
      }
    }
  },
);

/** Keys whose value is the credential itself (not the name of a Secret holding it); `pass` as in Airflow's metadataConnection. */
const CREDENTIAL_KEY =
  /(^pass$|password|passwd|secret|token|api[-_]?key|access[-_]?key|secret[-_]?key|private[-_]?key|fernet[-_]?key|auth[-_]?key|secure[-_]?value|storage[-_]?account[-_]?key|workspace[-_]?key|shared[-_]?key|connection[-_]?string)$/i;

function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key) && !/^existing/i.test(key);
}

interface Leaf {
  path: string;
  value: string;
}

/**
 * String leaves that hold credentials: under a credential-named key, or the
 * `value` of a `{name, value}` pair whose name is one (env lists in values).
 */
function credentialLeaves(value: unknown, path: string, inside = false): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => credentialLeaves(item, `${path}[${i}]`, inside));
  if (typeof value === "string") return inside && isKnownText(value) && !isReference(value) ? [{ path, value }] : [];
  if (value === null || typeof value !== "object") return [];
  const object = value as Obj;
  const pair = typeof object.name === "string" && looksLikeCredential(object.name);
  return Object.entries(object).flatMap(([key, inner]) => credentialLeaves(inner, path ? `${path}.${key}` : key, inside || isCredentialKey(key) || (pair && key === "value")));
}

/** Every string leaf, for credential-shaped values under innocent keys. */
function stringLeaves(value: unknown, path: string): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, `${path}[${i}]`));
  if (typeof value === "string") return [{ path, value }];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Obj).flatMap(([key, inner]) => stringLeaves(inner, `${path}.${key}`));
}

/** Why a literal credential is weak, if it is. */
function weakness(value: string): string | undefined {
  if (isWellKnownCredential(value)) return "is a well-known default";
  if (value.length < MIN_CREDENTIAL_LENGTH) return `is a ${value.length}-character literal`;
  return undefined;
}

const helmValuesNoPlaintextSecrets = rule(
  "helm-values-no-plaintext-secrets",
  "Helm values carry no plain-text credential (auth.rootPassword, *.token, env pairs named like secrets, key-shaped strings): reference an existing Secret instead.",
  (args, report) => {
    if (!/^kubernetes:helm\.sh\/v\d:(Release|Chart)$/.test(args.type)) return;
    const secrets = args.secretPaths;
    const values = args.props.values;
    const flagged = new Set<string>();
    for (const leaf of credentialLeaves(values, "values")) {
      const weak = weakness(leaf.value);
      if (secrets && !isSecretPath(secrets, leaf.path)) report(`${leaf.path} is a plain-text credential; point the chart at an existing Secret`);
      else if (weak) report(`${leaf.path} ${weak}`);
      else if (!secrets && looksLikeCredentialValue(leaf.value)) report(`${leaf.path} holds a credential-shaped value`);
      else continue;
      flagged.add(leaf.path);
    }
    for (const leaf of stringLeaves(values, "values")) {
      if (flagged.has(leaf.path) || !looksLikeCredentialValue(leaf.value) || (secrets && isSecretPath(secrets, leaf.path))) continue;
      report(`${leaf.path} holds a credential-shaped value in plain text`);
    }
  },
);

/** Inputs that are credentials although their key does not say so. */
function typedCredentialFields(type: string, props: Obj): string[] {
  if (type === "azure-native:keyvault:Secret") return ["properties.value"];
  if (type === "aws:secretsmanager/secretVersion:SecretVersion") return ["secretString", "secretBinary"];
  if (type === "aws:ssm/parameter:Parameter" && props.type === "SecureString") return ["value"];
  return [];
}

const resourceCredentialsNotPlaintext = rule(
  "resource-credentials-not-plaintext",
  "Credentials in resource inputs (RDS passwords, cache auth tokens, ACI secure values, storage keys, provider keys) are Pulumi secrets and not typed-in defaults.",
  (args, report) => {
    if (/^kubernetes:/.test(args.type)) return;
    const leaves = credentialLeaves(args.props, "");
    for (const path of typedCredentialFields(args.type, args.props)) {
      const value = at(args.props, path);
      if (isKnownText(value)) leaves.push({ path, value });
    }
    for (const leaf of leaves) {
      const weak = weakness(leaf.value);
      if (args.secretPaths && !isSecretPath(args.secretPaths, leaf.path)) report(`${leaf.path} is not a Pulumi secret: it would sit in the state file in plain text`);
      else if (weak) report(`${leaf.path} ${weak}: generate it (@pulumi/random) or take it from --secret config`);
    }
  },
);

export const secretPolicies: ResourceValidationPolicy[] = [noPlaintextSecrets, helmValuesNoPlaintextSecrets, resourceCredentialsNotPlaintext];
