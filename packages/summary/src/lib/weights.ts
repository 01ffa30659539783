import type { LayerVariable } from '@framewise/core';
import { bytesPerElement } from './bytes.js';

/** Element count and memory of a set of weights. */
export interface WeightCount {
  params: number;
  bytes: number;
  bytesByDtype: Record<string, number>;
}

/** Counts a set of weights; a variable listed twice counts once (Keras' `count_params`). */
export function countWeights(weights: Iterable<LayerVariable>): WeightCount {
  const count: WeightCount = { params: 0, bytes: 0, bytesByDtype: {} };
  for (const w of new Set(weights)) {
    const dtype = w.value.dtype;
    const bytes = w.size * bytesPerElement(dtype);
    count.params += w.size;
    count.bytes += bytes;
    count.bytesByDtype[dtype] = (count.bytesByDtype[dtype] ?? 0) + bytes;
  }
  return count;
}
