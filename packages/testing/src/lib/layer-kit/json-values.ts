/** JSON text with object keys sorted, so that two configs compare whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]]),
    );
  });
}

/**
 * Paths in a config whose values JSON cannot carry: functions, symbols, bigints, NaN and
 * infinities, class instances (tensors, initializer objects). `undefined` is allowed (JSON
 * drops the key, as a missing option).
 */
export function nonJsonPaths(value: unknown, path = 'config'): string[] {
  if (value === null || value === undefined) return [];
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return [];
    case 'number':
      return Number.isFinite(value) ? [] : [`${path} is ${value}`];
    case 'object': {
      if (Array.isArray(value)) return value.flatMap((v, i) => nonJsonPaths(v, `${path}[${i}]`));
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        const name = (value as object).constructor?.name ?? 'object';
        return [`${path} is a ${name} instance`];
      }
      return Object.entries(value).flatMap(([k, v]) => nonJsonPaths(v, `${path}.${k}`));
    }
    default:
      return [`${path} is a ${typeof value}`];
  }
}

/** The top-level keys whose values differ between two configs, as `key: before -> after`. */
export function configDifferences(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((k) => stableJson(before[k]) !== stableJson(after[k]))
    .map(
      (k) => `${k}: ${stableJson(before[k]) ?? 'absent'} -> ${stableJson(after[k]) ?? 'absent'}`,
    );
}
