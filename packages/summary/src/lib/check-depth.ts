import { ConfigError } from '@framewise/core';

/** A `depth` option: how many levels of child rows; `Infinity` (every level) when not given. */
export function checkDepth(depth: unknown): number {
  if (depth === undefined || depth === null) return Infinity;
  if (depth === Infinity || (typeof depth === 'number' && Number.isInteger(depth) && depth >= 0)) {
    return depth;
  }
  throw new ConfigError(
    `depth must be a non-negative integer (or Infinity), received ${String(depth)}`,
  );
}
