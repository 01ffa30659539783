/**
 * Called with each weight a layer is about to allocate; throws to refuse it.
 * `@framewise/io` uses one to bound what an untrusted model file may allocate.
 */
export type WeightGuard = (layerName: string, weightName: string, shape: readonly number[]) => void;

let active: WeightGuard | undefined;

/**
 * Runs `build` (synchronous: building a model from a topology) with `guard`
 * asked about every weight before it is allocated, so a file that asks for a
 * `Dense` of a billion units fails before any memory is taken. Guards nest;
 * the previous one is back when `build` returns or throws.
 */
export function withWeightGuard<T>(guard: WeightGuard, build: () => T): T {
  const previous = active;
  active = guard;
  try {
    return build();
  } finally {
    active = previous;
  }
}

/** Asks the active guard, if any, about one weight. */
export function checkWeight(layerName: string, weightName: string, shape: readonly number[]): void {
  active?.(layerName, weightName, shape);
}
