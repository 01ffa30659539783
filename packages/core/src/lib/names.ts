const counters = new Map<string, number>();

/**
 * Keras 2's layer naming: the class name in snake case (`TimeDistributed` ->
 * `time_distributed`, `Conv2D` -> `conv2d`, `InputLayer` -> `input`).
 */
export function snakeCasePrefix(className: string): string {
  if (className === 'InputLayer') return 'input';
  return className
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Next default name for a prefix: `dense_1`, `dense_2`, ... (a counter per prefix). */
export function uniqueName(prefix: string): string {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}_${n}`;
}

/** Restarts every name counter, so the next Dense is `dense_1` again. */
export function resetNames(): void {
  counters.clear();
}
