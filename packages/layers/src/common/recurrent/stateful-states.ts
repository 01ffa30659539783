import * as tf from '@tensorflow/tfjs-core';
import { at, formatShape, ShapeError } from '@framewise/core';

/**
 * The states a stateful recurrent layer carries from one call to the next.
 * They live outside every `tf.tidy` (kept), and each replacement frees the
 * previous ones, so the tensor count stays flat across calls.
 */
export class RecurrentStates {
  private values: tf.Tensor2D[] | null = null;
  private batch: number | null = null;

  /** Pins the batch size when the model fixes it (`batchInputShape`). */
  fixBatch(batch: number | null): void {
    this.batch = batch;
  }

  /** States for a call on `batch` samples: the kept ones, or zeros before the first call. */
  current(batch: number, sizes: number[], layerName: string): tf.Tensor2D[] {
    const expected = this.values?.[0]?.shape[0] ?? this.batch;
    if (expected !== null && expected !== batch) {
      throw new ShapeError(
        `this stateful layer keeps states for a batch of ${expected}, received a batch of ${batch}; ` +
          `a stateful layer needs the same batch size on every call (call resetStates() first to start over)`,
        layerName,
      );
    }
    return this.values ?? sizes.map((n) => tf.zeros([batch, n]) as tf.Tensor2D);
  }

  /** Keeps copies of `states` (called inside the layer's tidy) and frees the previous ones. */
  replace(states: tf.Tensor2D[]): void {
    const old = this.values;
    this.values = states.map((s) => tf.keep(tf.clone(s)));
    if (old) tf.dispose(old);
  }

  /** Zeros (when the batch is known), given values, or nothing until the next call. */
  reset(states: tf.Tensor | tf.Tensor[] | undefined, sizes: number[], layerName: string): void {
    if (states === undefined) {
      // Zeros for the batch size in use; with none known yet, the next call starts from zeros.
      const batch = this.batch ?? this.values?.[0]?.shape[0] ?? null;
      this.clear();
      if (batch !== null) {
        this.values = sizes.map((n) => tf.keep(tf.zeros([batch, n])) as tf.Tensor2D);
      }
      return;
    }
    const list = Array.isArray(states) ? states : [states];
    const batch = list[0]?.shape[0];
    const fits =
      list.length === sizes.length &&
      list.every((s, i) => s.rank === 2 && s.shape[0] === batch && s.shape[1] === sizes[i]);
    if (!fits || (this.batch !== null && batch !== this.batch)) {
      throw new ShapeError(
        `resetStates expected ${sizes.length} state(s) of shape ` +
          `${formatShape([this.batch, at(sizes, 0, 'state size')])} [batch, units], received ` +
          list.map((s) => formatShape(s.shape)).join(', '),
        layerName,
      );
    }
    const old = this.values;
    this.values = list.map((s) => tf.keep(tf.clone(s)) as tf.Tensor2D);
    if (old) tf.dispose(old);
  }

  /** Copies of the kept states, or null. */
  snapshot(): tf.Tensor[] | null {
    return this.values ? this.values.map((s) => tf.clone(s)) : null;
  }

  /** Frees the kept states. */
  clear(): void {
    if (this.values) tf.dispose(this.values);
    this.values = null;
  }
}
