import { ConfigError } from '@framewise/core';

/** How a crop samples the feature map between pixels. */
export type RoiAlignMethod = 'bilinear' | 'nearest';

const METHODS: readonly RoiAlignMethod[] = ['bilinear', 'nearest'];

// JSON.stringify writes NaN and Infinity as null.
const describe = (v: unknown): string => (typeof v === 'number' ? String(v) : JSON.stringify(v));

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** `7` -> `[7, 7]`; `[7, 5]` stays. Sizes are integers ≥ 1. */
export function parsePoolSize(value: unknown, layerName: string): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(isSize)) {
    throw new ConfigError(
      `poolSize must be an integer ≥ 1 or [height, width] of integers ≥ 1, received ${describe(value)}`,
      layerName,
    );
  }
  return [...pair] as [number, number];
}

/** One of `bilinear`, `nearest`. */
export function parseMethod(value: unknown, layerName: string): RoiAlignMethod {
  if (!METHODS.includes(value as RoiAlignMethod)) {
    throw new ConfigError(
      `method must be one of ${METHODS.join(', ')}, received ${describe(value)}`,
      layerName,
    );
  }
  return value as RoiAlignMethod;
}

/** A finite number. */
export function parseExtrapolationValue(value: unknown, layerName: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(
      `extrapolationValue must be a finite number, received ${describe(value)}`,
      layerName,
    );
  }
  return value;
}
