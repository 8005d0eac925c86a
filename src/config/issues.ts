/**
 * How a config problem reads: the stack key in `pulumi config set --path`
 * syntax, the value given (never a secret's), and what was expected. Problems
 * from zod and from the components' own validators read the same way.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { ForjaArgumentError, describeValue, escapeInvisible } from "../../components/core/errors";
import { didYouMean, expectation, keysAt } from "./wording";

/** Every problem of a stack file at once, naming the file. A `RunError`: `pulumi up` prints the message alone. */
export class StackConfigError extends pulumi.RunError {
  constructor(
    readonly problems: string[],
    readonly file: string,
  ) {
    super(`${file}: invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${problems.join("; ")}.`);
    this.name = "StackConfigError";
  }
}

const PLAIN_SEGMENT = /^[^.[\]"\s]+$/;

/** `["forja:eks", "availabilityZones", 1]` -> `forja:eks.availabilityZones[1]`, as `pulumi config set --path` spells it. */
export function configPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      const text = String(segment);
      // The first segment is the key (`forja:eks`) or a path already rendered.
      if (i === 0) return text;
      return PLAIN_SEGMENT.test(text) && escapeInvisible(text) === text ? `.${text}` : `[${escapeInvisible(JSON.stringify(text))}]`;
    })
    .join("");
}

/** The stack key a rendered problem is about (its text up to " = " or ": "). */
export function problemKey(text: string): string {
  return /^[^ ]+?(?= = |: | )/.exec(text)?.[0] ?? text;
}

/** Whether `path` is `key` or lies inside it. */
export function isWithin(path: string, key: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/**
 * Renders one problem; `secret` values are never shown. A problem about a
 * name (an env var, a tag key) carries the name as its value: not said twice.
 */
export function problem(key: string, value: unknown, expected: string, secret = false): string {
  const named = typeof value === "string" && value !== "" && (key.endsWith(`.${value}`) || key.endsWith(`[${JSON.stringify(value)}]`));
  const given = named ? "" : secret ? " = [secret]" : value === undefined ? " = (missing)" : ` = ${describeValue(value)}`;
  return `${key}${given}: expected ${expected}`;
}

/** A zod issue under stack key `key`, as one problem (or one per unknown key), in Forja's words; `schema` (the key's) names the keys it accepts. */
export function describeIssue(key: string, issue: z.core.$ZodIssue, isSecret: (path: string) => boolean, schema?: z.ZodType): string[] {
  const path = configPath([key, ...issue.path]);
  if (issue.code === "unrecognized_keys") {
    const known = keysAt(schema, issue.path);
    return issue.keys.map((k) => `${configPath([path, k])} is not a known key${unknownKeyHint(k, known)}`);
  }
  if (issue.code === "invalid_key") {
    const inner = issue.issues.map((i) => expectation(i, "")).join("; ");
    return [`${path} has an invalid name ${describeValue(issue.input)}: expected ${inner}`];
  }
  const input = "input" in issue ? issue.input : undefined;
  const last = issue.path.length > 0 ? String(issue.path[issue.path.length - 1]) : key.replace(/^.*[:.]/, "");
  return [problem(path, input, expectation(issue, last), isSecret(path))];
}

/**
 * A nested key written flat (`eks.accountId:` under config:) is the commonest
 * unknown key; a typo is the next (`storageclass`, `replica`): the closest of
 * the section's `known` keys is offered.
 */
export function unknownKeyHint(key: string, known: readonly string[] = []): string {
  const [section, ...rest] = key.split(".");
  if (rest.length > 0) return ` (nest it: ${section}: { ${rest.join(".")}: ... }, or \`pulumi config set --path '${key}' ...\`)`;
  const hint = didYouMean(key, known);
  return hint || (known.length > 0 && known.length <= 12 ? ` (known keys: ${known.join(", ")})` : "");
}

/**
 * Maps a component argument to the stack key that set it. `table` pairs an
 * argument prefix with a stack key prefix; the longest matching prefix wins,
 * and the rest of the argument path is kept.
 */
export function stackKeyOf(argument: string, table: readonly (readonly [string, string])[]): string {
  let best: readonly [string, string] | undefined;
  for (const entry of table) {
    const [prefix] = entry;
    const matches = prefix === "" || argument === prefix || argument.startsWith(`${prefix}.`) || argument.startsWith(`${prefix}[`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  if (!best) return argument;
  const [prefix, key] = best;
  const rest = argument.slice(prefix.length);
  if (prefix === "") return `${key}${argument.startsWith("[") ? "" : "."}${argument}`;
  return `${key}${rest}`;
}

/** A component's argument error as a config problem under the stack key the argument came from. */
export function componentProblem(error: ForjaArgumentError, key: string, isSecret: (path: string) => boolean): string {
  return problem(key, error.value, error.expected, isSecret(key));
}

/** Runs a component validator; its errors become problems under their stack keys. */
export function componentProblems(errors: ForjaArgumentError[], table: readonly (readonly [string, string])[], isSecret: (path: string) => boolean, skip: (argument: string) => boolean = () => false): string[] {
  return errors.filter((e) => !skip(e.argument)).map((e) => componentProblem(e, stackKeyOf(e.argument, table), isSecret));
}

/** Runs one component validator (they throw the first problem); its error becomes a problem under its stack key. */
export function caught(validate: () => unknown, table: readonly (readonly [string, string])[], isSecret: (path: string) => boolean): string[] {
  try {
    validate();
    return [];
  } catch (error) {
    if (!(error instanceof ForjaArgumentError)) throw error;
    return componentProblems([error], table, isSecret);
  }
}
