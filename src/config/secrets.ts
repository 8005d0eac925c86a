/**
 * Which config holds credentials, and the rule that every leaf of it was set
 * with `--secret`. Pulumi marks a whole key secret as soon as one leaf is
 * (`pulumi config set --secret --path serviceSecrets.api.TOKEN`), so the key
 * alone proves nothing about its siblings: the stack file's leaves are checked.
 */
import type { ConfigSource } from "./source";
import { GENAI_API_KEY } from "./genai";
import { credentialValueKind } from "../../components/core/security";
import { configPath, isWithin } from "./issues";

/** Keys that hold credentials: accepted only when every leaf was set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["forja:kubeconfig", "forja:registryCredentials", "forja:serviceSecrets", GENAI_API_KEY, "forja:appgearApiKeys", "forja:mlplatformDeployKey"] as const;

/** The `pulumi config set` command that stores `path` encrypted. */
function setCommand(path: string): string {
  const [key, ...rest] = path.split(/(?=[.[])/);
  const name = key.slice(key.indexOf(":") + 1);
  return rest.length === 0 ? `pulumi config set --secret ${name} ...` : `pulumi config set --secret --path '${name}${rest.join("")}' ...`;
}

/** Whether a value at `path` must never be shown: it is a credential, or was stored encrypted. */
export function secretPredicate(source: ConfigSource): (path: string) => boolean {
  return (path) => SECRET_KEYS.some((key) => isWithin(path, key)) || (source.leaves?.secure ?? []).some((secure) => isWithin(path, secure)) || source.secretKeys.some((key) => isWithin(path, key));
}

export function secretProblems(source: ConfigSource): string[] {
  const problems: string[] = [];
  for (const key of SECRET_KEYS) {
    if (source.values[key] === undefined) continue;
    const plain = (source.leaves?.plaintext ?? []).filter((leaf) => isWithin(leaf, key));
    for (const leaf of plain) problems.push(`${leaf} holds a credential in plain text: set it with \`${setCommand(leaf)}\``);
    if (plain.length === 0 && !source.secretKeys.includes(key)) problems.push(`${key} holds a credential in plain text: set it with \`${setCommand(key)}\``);
  }
  // A secret anywhere else would be passed on in plain text (a ConfigMap, a tag): refuse rather than leak it.
  const elsewhere = source.leaves ? source.leaves.secure : source.secretKeys;
  for (const path of elsewhere) {
    if (!path.startsWith("forja:") || SECRET_KEYS.some((key) => isWithin(path, key))) continue;
    problems.push(`${path} is a secret, but Forja uses it in plain text: expected secrets only in ${SECRET_KEYS.join(", ")} (e.g. a service's secret env in forja:serviceSecrets.<service>)`);
  }
  return problems;
}

/** Plain env of services has its own rule (WebService's, which also reads names): not said twice. */
const OWN_RULE = /^forja:services(\.[^.[]+|\[[^\]]+\])\.env(\.|\[|$)/;

/**
 * Any plain setting whose value is a credential (a URL with user-info and a
 * password, a known key shape, a private key) is refused wherever it is:
 * outside the secret keys it would travel in plain text into outputs, Helm
 * values and resource inputs. The value is never printed.
 */
export function plainCredentials(raw: Record<string, unknown>, isSecret: (path: string) => boolean): { problems: string[]; paths: string[] } {
  const problems: string[] = [];
  const paths: string[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    const key = configPath(path);
    if (isSecret(key) || OWN_RULE.test(key)) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    else {
      const kind = credentialValueKind(value);
      if (kind) paths.push(key);
      if (kind) problems.push(`${key} = [redacted]: expected no credential in a plain setting (its value looks like ${kind}): it would reach outputs, Helm values and resource inputs in plain text; take the credential out (keep it in ${SECRET_KEYS.join(", ")}, set with --secret)`);
    }
  };
  for (const [key, value] of Object.entries(raw)) walk(value, [`forja:${key}`]);
  return { problems, paths };
}
