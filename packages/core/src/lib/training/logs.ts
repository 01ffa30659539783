import { at } from '../checked.js';
import type { CompiledTraining } from './compile.js';

/** Named numbers: `loss`, per-output losses, metrics (`val_` prefixed for validation). */
export type Logs = Record<string, number>;

/** The log keys of a compiled model, in the order a batch reports its values. */
export function logKeys(compiled: CompiledTraining): { losses: string[]; metrics: string[] } {
  const several = compiled.outputs.length > 1;
  return {
    losses: ['loss', ...(several ? compiled.outputs.map((o) => `${o.name}_loss`) : [])],
    metrics: compiled.outputs.flatMap((o) => o.metrics.map((m) => m.key)),
  };
}

/**
 * Averages batch results over an epoch as Keras does: losses weighted by
 * batch size; metrics as Σ value·weight / Σ weight over every element seen.
 */
export class LogAccumulator {
  private readonly losses: number[];
  private samples = 0;
  private readonly sums: number[];
  private readonly counts: number[];

  constructor(private readonly keys: { losses: string[]; metrics: string[] }) {
    this.losses = keys.losses.map(() => 0);
    this.sums = keys.metrics.map(() => 0);
    this.counts = keys.metrics.map(() => 0);
  }

  /** Adds one batch: its values as laid out by `computeBatch` (losses, then sum and weight per metric). */
  add(values: ArrayLike<number>, batchSize: number): void {
    const value = (i: number): number => at(values, i, 'batch value');
    const nl = this.losses.length;
    this.losses.forEach((sum, i) => (this.losses[i] = sum + value(i) * batchSize));
    this.samples += batchSize;
    this.sums.forEach((sum, j) => (this.sums[j] = sum + value(nl + 2 * j)));
    this.counts.forEach((count, j) => (this.counts[j] = count + value(nl + 2 * j + 1)));
  }

  /** The averages so far, keys prefixed by `prefix` (`'val_'`). */
  result(prefix = ''): Logs {
    const logs: Logs = {};
    this.keys.losses.forEach(
      (k, i) => (logs[prefix + k] = at(this.losses, i, 'loss sum') / Math.max(this.samples, 1)),
    );
    this.keys.metrics.forEach((k, j) => {
      const c = at(this.counts, j, 'metric weight');
      logs[prefix + k] = c === 0 ? 0 : at(this.sums, j, 'metric sum') / c;
    });
    return logs;
  }
}
