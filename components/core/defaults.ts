/** Keys of T whose value may be left out by a caller. */
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/**
 * Fills every `undefined` field of `args` from `defaults`. Unlike
 * `{...defaults, ...args}`, an explicit `undefined` (common when a caller
 * forwards optional config) does not erase a default. Never mutates either input.
 */
export function withDefaults<T extends object, D extends Partial<T>>(
  defaults: D,
  args: T | undefined,
): T & Required<Pick<T, Extract<keyof D, OptionalKeys<T>>>> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(args ?? {})) {
    if (value !== undefined) result[key] = value;
  }
  return result as T & Required<Pick<T, Extract<keyof D, OptionalKeys<T>>>>;
}
