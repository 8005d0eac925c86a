/** Config as Pulumi hands it to a program, and what the stack file says about secrecy per leaf. */

export interface ConfigSource {
  project: string;
  stack: string;
  /** Flat config as Pulumi holds it: `namespace:key` -> string (objects as JSON). */
  values: Record<string, string>;
  /** Keys Pulumi marks secret: a key is secret when any leaf in it is. */
  secretKeys: readonly string[];
  /** The stack file's name, for messages. @default `Pulumi.<stack>.yaml` */
  file?: string;
  /** When the stack file could be read: paths of its leaves stored encrypted, and in plain text. */
  leaves?: { secure: string[]; plaintext: string[] };
}

/** Pulumi hands objects and arrays over as JSON text, scalars as plain text. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}
