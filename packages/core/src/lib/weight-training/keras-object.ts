import { ConfigError } from '../errors.js';

/** A Keras object read from any of its spellings: a class name and a snake_case config. */
export interface KerasObject {
  className: string;
  config: Record<string, unknown>;
}

/**
 * A tfjs-layers regularizer or constraint (`tf.regularizers.l2()`,
 * `tf.constraints.maxNorm()`): what options accept besides Framewise's own.
 */
export interface TfjsSerializable {
  getClassName(): string;
  getConfig(): object;
}

const toSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function snakeKeys(config: Record<string, unknown>): Record<string, unknown> {
  // A Map first: a '__proto__' key from a file must stay a plain key.
  return Object.fromEntries(
    new Map(Object.entries(config).map(([k, v]) => [toSnake(k), v] as const)),
  );
}

/**
 * Reads a regularizer or constraint from the ways Keras versions and
 * tfjs-layers write one: a name (`'l2'`, `'maxNorm'`), Keras 2/3
 * `{class_name, config}` (Keras 3 adds `module` and `registered_name`, which
 * change nothing), Keras 1 `{name, ...settings}`, or a tfjs-layers object
 * (`tf.regularizers.l2()`: `getClassName()` and `getConfig()`). Returns
 * undefined for `null`/`undefined` (none).
 */
export function readKerasObject(
  value: unknown,
  kind: string,
  layerName?: string,
): KerasObject | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return { className: value, config: {} };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const getClassName = v['getClassName'];
    const getConfig = v['getConfig'];
    if (typeof getClassName === 'function' && typeof getConfig === 'function') {
      const className: unknown = getClassName.call(value);
      const config: unknown = getConfig.call(value);
      if (typeof className === 'string' && isPlainObject(config))
        return { className, config: snakeKeys(config) };
    }
    if (typeof v['class_name'] === 'string') {
      const config = v['config'] ?? {};
      if (isPlainObject(config)) return { className: v['class_name'], config: snakeKeys(config) };
    } else if (typeof v['name'] === 'string') {
      const { name, ...rest } = v;
      return { className: name as string, config: snakeKeys(rest) };
    }
  }
  throw new ConfigError(
    `${kind} must be a name, a Keras object {class_name, config} or a ${kind} object, ` +
      `received ${describe(value)}`,
    layerName,
  );
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The lookup key of a class or function name: `L1L2`, `l1_l2` and `l1l2` are one. */
export function lookupKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** A number setting of a Keras object, checked: model files are untrusted input. */
export function numberSetting(
  o: KerasObject,
  kind: string,
  key: string,
  fallback: number,
  rule: 'finite' | 'nonNegative' = 'finite',
): number {
  const raw = o.config[key] ?? fallback;
  const ok = typeof raw === 'number' && Number.isFinite(raw) && (rule === 'finite' || raw >= 0);
  if (!ok) {
    throw new ConfigError(
      `${kind} ${o.className}: ${key} must be a ${rule === 'nonNegative' ? 'non-negative ' : ''}` +
        `finite number, received ${describe(raw)}`,
    );
  }
  return raw;
}

/** What regularizers and constraints share: a Keras class name, its config and a function. */
interface KerasCallable {
  readonly className: string;
  readonly config: Record<string, unknown>;
  apply: unknown;
}

function isKerasCallable(x: unknown): x is KerasCallable {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<KerasCallable>;
  return (
    typeof c.apply === 'function' && typeof c.className === 'string' && typeof c.config === 'object'
  );
}

/**
 * Resolves a regularizer or constraint option: an instance as it is, a name or
 * Keras JSON through `byName`, undefined for none (`null`, `undefined`).
 * Unknown names throw `ConfigError` listing `expected`; a factory's
 * `ConfigError` is re-thrown naming the layer.
 */
export function resolveKerasCallable<T extends KerasCallable>(
  value: unknown,
  kind: string,
  byName: ReadonlyMap<string, (o: KerasObject) => T>,
  expected: string,
  layerName?: string,
): T | undefined {
  if (isKerasCallable(value)) return value as T;
  const o = readKerasObject(value, kind, layerName);
  if (o === undefined) return undefined;
  const make = byName.get(lookupKey(o.className));
  if (!make) {
    throw new ConfigError(
      `unknown ${kind} ${JSON.stringify(o.className)}; expected ${expected}`,
      layerName,
    );
  }
  try {
    return make(o);
  } catch (e) {
    throw e instanceof ConfigError && layerName !== undefined
      ? new ConfigError(e.message, layerName)
      : e;
  }
}

/** Keras JSON of a regularizer or constraint, `null` for none. */
export function serializeKerasCallable(
  c: KerasCallable | undefined,
): { class_name: string; config: Record<string, unknown> } | null {
  return c === undefined ? null : { class_name: c.className, config: { ...c.config } };
}
