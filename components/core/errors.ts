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
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
