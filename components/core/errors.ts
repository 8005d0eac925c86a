/**
 * A bad argument, reported the same way everywhere: which component, which
 * argument, the value given and what was expected. Thrown before any resource
 * is registered, so a mistake never leaves half a stack behind.
 */
export class ForjaArgumentError extends Error {
  /**
   * Marks this as a Pulumi `RunError` (the SDK checks this member, so core
   * needs no SDK import): `pulumi up` prints the message alone, no stack trace.
   */
  readonly __pulumiRunError = true;

  constructor(
    readonly component: string,
    readonly argument: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${component}: argument "${argument}" was ${describeValue(value)}; expected ${expected}.`);
    this.name = "ForjaArgumentError";
  }
}

/** Short, single-line rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  // Serializing an Output prints Pulumi's toJSON warning instead of a value (core imports no SDK: the SDK's own marker).
  if (typeof value === "object" && value !== null && (value as { __pulumiOutput?: unknown }).__pulumiOutput === true) return "an Output";
  if (typeof value === "string") return escapeInvisible(JSON.stringify(value));
  try {
    const text = escapeInvisible(JSON.stringify(value));
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * Characters a terminal shows as nothing or as something else (C1 controls,
 * zero-width and bidi marks, odd spaces, BOM), which JSON.stringify leaves as
 * they are: a value that "looks right" must show why it is not.
 */
const INVISIBLE = /[\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]/gu;

/** `text` with invisible characters written as `\uXXXX`. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
