import { sizeOf, type Shape } from '@framewise/core';

// Bytes per element of each tfjs dtype; strings have no fixed width and do not occur here.
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
};

/** Bytes one element of `dtype` takes (4 for a dtype tfjs does not size). */
export function bytesPerElement(dtype: string): number {
  // Own keys only: a dtype named 'constructor' must not find Object.prototype's members.
  return (Object.hasOwn(DTYPE_BYTES, dtype) ? DTYPE_BYTES[dtype] : undefined) ?? 4;
}

/**
 * Bytes one sample of these tensors takes (the batch axis left out); `null`
 * when another size is open. Tensors without a dtype count as float32.
 */
export function sampleBytes(
  shapes: readonly Shape[],
  dtypes: readonly string[] = [],
): number | null {
  let total = 0;
  for (const [i, shape] of shapes.entries()) {
    const size = sizeOf(shape.slice(1));
    if (size === null) return null;
    total += size * bytesPerElement(dtypes[i] ?? 'float32');
  }
  return total;
}

/** Sum of byte counts; unknown when any part is unknown. */
export function sumBytes(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}
