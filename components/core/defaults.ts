/**
 * `args` with every `undefined` field filled from `defaults`: keys the defaults
 * cover come out required, other keys keep their type.
 */
export type Defaulted<D, T> = Omit<D, keyof T> & {
  [K in keyof T]-?: K extends keyof D ? Exclude<T[K], undefined> | D[K] : T[K];
};

/**
 * Fills every `undefined` field of `args` from `defaults`. Unlike
 * `{...defaults, ...args}`, an explicit `undefined` (common when a caller
 * forwards optional config) does not erase a default. Never mutates either input.
 */
export function withDefaults<D extends object, T extends object>(defaults: D, args: T | undefined): Defaulted<D, T> {
  const result: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(args ?? {})) {
    if (value !== undefined) result[key] = value;
  }
  return result as Defaulted<D, T>;
}
