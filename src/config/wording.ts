/**
 * Forja's words for zod's issues. zod's defaults ("Too small: expected number
 * to be >=1", "Invalid input") name neither the fix nor the YAML pitfall
 * behind most type errors; every issue code is rewritten here, and a message a
 * schema wrote itself (a refine or regex message) is kept as it is.
 */
import type { z } from "zod";

/** zod's own wording, as its default error map writes it: never shown to a user. */
export const ZOD_PHRASING = /Too (small|big)|Invalid (input|option|string|number|key|element|union|value)|Unrecognized keys?|expected (string|number|int|boolean|array|object|record|nonoptional|bigint|date)\b|received (undefined|number|string|boolean|array|object|null)|to have [<>]=|to be [<>]=/;

const KINDS: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a map of settings",
  record: "a map",
  nonoptional: "a value",
};

/** Keys that hold versions or tags: a YAML number there lost its trailing zeros. */
const VERSION_LIKE = /version|tag|release|^v$/i;

function quoteHint(input: unknown, key: string): string {
  if (typeof input === "number") {
    if (VERSION_LIKE.test(key) || !Number.isInteger(input)) {
      return ` (quote it: YAML reads an unquoted version as a number and drops trailing zeros, so 2.10 arrives as 2.1 and 1.30 as 1.3; write "${input}" or the version you meant, in quotes)`;
    }
    return " (quote numbers and booleans)";
  }
  if (typeof input === "boolean") return " (quote numbers and booleans: YAML reads yes/no/true/false unquoted as booleans)";
  return "";
}

function typeExpectation(issue: z.core.$ZodIssueInvalidType, key: string): string {
  const kind = KINDS[issue.expected] ?? `a ${issue.expected}`;
  const input = issue.input;
  if (input === undefined) return `${kind} (required)`;
  if (issue.expected === "string") return `${kind}${quoteHint(input, key)}`;
  if ((issue.expected === "number" || issue.expected === "int") && typeof input === "string" && input.trim() !== "" && !Number.isNaN(Number(input))) {
    return `${kind} (unquote it: "${input}" in quotes is text)`;
  }
  if (issue.expected === "int" && typeof input === "number") return `${kind} (no fraction)`;
  if (issue.expected === "boolean" && typeof input === "string") return `${kind} (unquoted)`;
  return kind;
}

function sizeExpectation(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case "string":
      if (small && bound === 1) return "a non-empty string";
      return small ? `at least ${bound} characters` : `at most ${bound} characters`;
    case "array":
    case "set":
      if (small && bound === 1) return "a non-empty list";
      return small ? `at least ${bound} items` : `at most ${bound} items`;
    default:
      if (small && bound === 0 && !inclusive) return "a number above 0";
      return `a number ${small ? (inclusive ? ">=" : ">") : inclusive ? "<=" : "<"} ${bound}`;
  }
}

/** The closest of `candidates` to `word` when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === word.toLowerCase()) return candidate;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.min(3, Math.floor(word.length / 3))) ? best : undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment): "fsat" is one edit from "fast". */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** ` (did you mean "x"?)` when one of `candidates` is close to `word`. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? "" : ` (did you mean ${JSON.stringify(match)}?)`;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schema under `path` (through optionals, defaults, records, lists and unions). */
function objectAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): Record<string, z.ZodType> | undefined {
  let node = schema;
  let rest = [...path];
  for (let guard = 0; node !== undefined && guard < 64; guard++) {
    const def = defOf(node);
    const next = def.innerType ?? def.in ?? def.getter?.();
    if (next !== undefined) {
      node = next;
      continue;
    }
    if (def.type === "union") {
      const options = def.options ?? [];
      node = options.find((option) => objectAt(option, rest) !== undefined) ?? options[0];
      if (options.every((option) => objectAt(option, rest) === undefined)) return undefined;
      continue;
    }
    if (rest.length === 0) return def.type === "object" ? def.shape : undefined;
    const [head, ...tail] = rest;
    rest = tail;
    if (def.type === "object") node = def.shape?.[String(head)];
    else if (def.type === "record") node = def.valueType;
    else if (def.type === "array") node = def.element;
    else return undefined;
  }
  return undefined;
}

/** The keys a section accepts at `path`, for "did you mean". */
export function keysAt(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string[] {
  return Object.keys(objectAt(schema, path) ?? {});
}

/** What was expected, in Forja's words; a schema's own message is kept (minus a leading "expected "). */
export function expectation(issue: z.core.$ZodIssue, key: string): string {
  const own = issue.message.replace(/^expected /, "");
  if (issue.code === "custom" || (issue.code === "invalid_format" && !ZOD_PHRASING.test(issue.message))) return own;
  switch (issue.code) {
    case "invalid_type":
      return typeExpectation(issue, key);
    case "too_small":
    case "too_big":
      return sizeExpectation(issue);
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v));
      const hint = typeof issue.input === "string" ? didYouMean(issue.input, issue.values.map(String)) : "";
      return `${values.length === 1 ? values[0] : `one of ${values.join("|")}`}${hint}`;
    }
    case "invalid_format":
      if (issue.format === "starts_with") return `text starting with ${JSON.stringify((issue as z.core.$ZodIssueInvalidStringFormat & { prefix: string }).prefix)}`;
      if (issue.format === "ends_with") return `text ending with ${JSON.stringify((issue as z.core.$ZodIssueInvalidStringFormat & { suffix: string }).suffix)}`;
      return `a valid ${issue.format === "regex" ? "value of the documented form" : issue.format}`;
    case "not_multiple_of":
      return `a multiple of ${String(issue.divisor)}`;
    case "invalid_union": {
      const kinds = [...new Set(issue.errors.map((errors) => (errors[0] ? expectation(errors[0], key) : "another form")))];
      return kinds.join(", or ");
    }
    default:
      return ZOD_PHRASING.test(own) ? "a value of the documented form" : own;
  }
}
