import { singletonOrArray, type Layer, type Shape } from '@framewise/core';

// A stand-in for open sizes when asking whether a cost depends on them; any size
// a window fits in will do, since only "is it more than zero" is read.
const PROBE_SIZE = 64;

/**
 * MACs per sample of one call of a layer that has no sublayers. Layers report
 * 0 where a size they need is open (`null`); this tells that case apart from
 * a layer that costs nothing (pooling, reshapes) by asking again with the open
 * sizes filled in, and answers `null` (unknown) when the cost would be more than 0.
 */
export function leafMacs(layer: Layer, shapes: Shape[]): number | null {
  if (shapes.length === 0) return 0;
  const macs = layer.macs(singletonOrArray(shapes));
  if (macs > 0 || !shapes.some(hasOpenSize)) return macs;
  const filled = shapes.map((s) => [s[0] ?? null, ...s.slice(1).map((d) => d ?? PROBE_SIZE)]);
  try {
    return layer.macs(singletonOrArray(filled)) > 0 ? null : 0;
  } catch {
    // The filled-in sizes do not fit the layer: nothing more can be said than what it reported.
    return 0;
  }
}

/** True when a size other than the batch is open. */
export function hasOpenSize(shape: Shape): boolean {
  return shape.slice(1).some((d) => d === null);
}

/** Sum of costs; unknown when any part is unknown. */
export function sumMacs(values: readonly (number | null)[]): number | null {
  let total = 0;
  for (const v of values) {
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** `steps × per-step` cost: unknown for an open step count unless a step costs nothing. */
export function scaleMacs(steps: number | null, perStep: number | null): number | null {
  if (perStep === 0) return 0;
  if (steps === null || perStep === null) return null;
  return steps * perStep;
}
