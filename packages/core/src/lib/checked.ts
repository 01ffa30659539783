import { InternalError } from './errors.js';

/**
 * `items[index]` for an index the code itself guarantees; throws an
 * `InternalError` naming `what` instead of returning `undefined` when that
 * guarantee is broken. Generic, so slow in hot numeric loops (its element
 * access goes megamorphic): there, use a check typed to the one array kind.
 */
export function at<T>(items: ArrayLike<T>, index: number, what: string): T {
  const item = items[index];
  if (item === undefined) {
    throw new InternalError(`${what} is missing: no index ${index} among ${items.length} item(s)`);
  }
  return item;
}

/** The one item of a one-item list, or the whole list: how layers take and give one tensor or several. */
export function singletonOrArray<T>(items: T[]): T | T[] {
  const [first] = items;
  return items.length === 1 && first !== undefined ? first : items;
}

/** `map.get(key)` for a key the code itself has put there; an `InternalError` naming `what` otherwise. */
export function entry<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new InternalError(`${what} is missing: no entry ${String(key)}`);
  return value;
}

/** A value the code has set before this point (a weight made by `build()`); an `InternalError` naming `what` otherwise. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new InternalError(`${what} is missing`);
  return value;
}
