/**
 * Which config holds credentials, and the rule that every leaf of it was set
 * with `--secret`. Pulumi marks a whole key secret as soon as one leaf is
 * (`pulumi config set --secret --path serviceSecrets.api.TOKEN`), so the key
 * alone proves nothing about its siblings: the stack file's leaves are checked.
 */
import type { ConfigSource } from "./source";
import { GENAI_API_KEY } from "./genai";
import { isWithin } from "./issues";

/** Keys that hold credentials: accepted only when every leaf was set with `pulumi config set --secret`. */
export const SECRET_KEYS = ["forja:kubeconfig", "forja:registryCredentials", "forja:serviceSecrets", GENAI_API_KEY, "forja:appgearApiKeys"] as const;

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
