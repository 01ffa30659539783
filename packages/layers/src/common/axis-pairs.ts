import { ConfigError } from '@framewise/core';
import { positiveInt } from './options.js';

/** How many values to add or remove before and after one spatial axis. */
export type AxisPair = [number, number];

/** The spelling of a whole `padding`/`cropping` option, per rank, for error messages. */
const FORMS: Record<1 | 2 | 3, string> = {
  1: 'a number or [before, after]',
  2: 'a number, [height, width] or [[top, bottom], [left, right]]',
  3: 'a number, [depth, height, width] or [[front, back], [top, bottom], [left, right]]',
};

/** One axis' pair from a number (both sides) or `[before, after]`, each an integer ≥ 0. */
function pair(value: unknown, option: string, layerName: string): AxisPair {
  if (typeof value === 'number') {
    const n = positiveInt(value, option, layerName, 0);
    return [n, n];
  }
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')) {
    const [before, after] = value as unknown[];
    return [
      positiveInt(before, `${option}[0]`, layerName, 0),
      positiveInt(after, `${option}[1]`, layerName, 0),
    ];
  }
  throw new ConfigError(
    `${option} must be a number or [before, after], received ${JSON.stringify(value)}`,
    layerName,
  );
}

/**
 * Keras' `padding` (ZeroPadding) and `cropping` (Cropping) values, one pair per
 * spatial axis. Rank 1 takes a number or `[before, after]`; ranks 2 and 3 take
 * a number (every side), one number per axis (both sides of it), or one
 * `[before, after]` per axis, exactly as Keras normalises them.
 */
export function axisPairs(
  value: unknown,
  rank: 1 | 2 | 3,
  option: string,
  layerName: string,
): AxisPair[] {
  if (rank === 1) {
    if (typeof value === 'number' || Array.isArray(value)) {
      return [pair(value, option, layerName)];
    }
  } else if (typeof value === 'number') {
    return Array.from({ length: rank }, () => pair(value, option, layerName));
  } else if (Array.isArray(value) && value.length === rank) {
    return value.map((v, i) => pair(v, `${option}[${i}]`, layerName));
  }
  throw new ConfigError(
    `${option} must be ${FORMS[rank]}, received ${JSON.stringify(value)}`,
    layerName,
  );
}
