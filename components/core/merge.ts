/** A plain JSON-like object (not an array, not a class instance). */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Deep-merges layers left to right into a new object: later layers win, nested
 * plain objects merge, arrays and everything else are replaced whole, and
 * `undefined` never overwrites. Inputs are never mutated.
 *
 * Forja's one order for Helm values: chart defaults < computed < user `values`.
 */
export function deepMerge<T extends PlainObject = PlainObject>(...layers: (PlainObject | undefined)[]): T {
  const result: PlainObject = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      const current = result[key];
      result[key] = isPlainObject(value)
        ? deepMerge(isPlainObject(current) ? current : {}, value)
        : Array.isArray(value)
          ? value.map((item) => (isPlainObject(item) ? deepMerge(item) : item))
          : value;
    }
  }
  return result as T;
}
