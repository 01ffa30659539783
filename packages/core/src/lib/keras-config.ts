/**
 * The one place where tfjs-style options (camelCase keys and values such as
 * `channelsLast`) meet Keras JSON (snake_case: `use_bias`, `channels_last`).
 */

const toSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const toCamel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

// Options parsed from JSON (a form, a file) may hold a '__proto__' key: assigned with
// `out[key] =`, it would replace the result's prototype, and every field the result lacks would
// be read from that object instead.
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Option values that are enum-like names, converted along with the keys. */
const NAME_VALUED = new Set(['activation', 'dataFormat', 'padding']);

/** Keras JSON config from tfjs-style options. `undefined` values are left out. */
export function toKerasConfig(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    setOwn(
      out,
      toSnake(key),
      NAME_VALUED.has(key) && typeof value === 'string' ? toSnake(value) : value,
    );
  }
  return out;
}

/** tfjs-style options from a Keras JSON config; keys named in `ignore` (snake_case) are dropped. */
export function fromKerasConfig(
  config: Record<string, unknown>,
  ignore: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (ignore.includes(key) || value === null) continue;
    const camel = toCamel(key);
    setOwn(
      out,
      camel,
      NAME_VALUED.has(camel) && typeof value === 'string' ? toCamel(value) : value,
    );
  }
  return out;
}
