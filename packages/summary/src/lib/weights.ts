import type { LayerVariable } from '@framewise/core';

// Bytes per element of each tfjs dtype; strings have no fixed width and do not occur as weights.
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
};

/** Element count and memory of a set of weights; a variable listed twice counts once (Keras' `count_params`). */
export function countWeights(weights: readonly LayerVariable[]): { params: number; bytes: number } {
  let params = 0;
  let bytes = 0;
  for (const w of new Set(weights)) {
    params += w.size;
    bytes += w.size * (DTYPE_BYTES[w.value.dtype] ?? 4);
  }
  return { params, bytes };
}
