import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from './errors.js';
import { formatShape } from './shape.js';
import type { Constraint } from './weight-training/constraints.js';
import type { Regularizer } from './weight-training/regularizers.js';

/** One weight of a layer: a tf.Variable with its Keras-style name and trainability. */
export class LayerVariable {
  constructor(
    /** `dense_1/kernel`, `conv2d_1/bias` ... */
    readonly name: string,
    readonly value: tf.Variable,
    readonly trainable: boolean,
    /** Its penalty joins the training loss. */
    readonly regularizer?: Regularizer,
    /** Applied after each optimizer step that moves this weight. */
    readonly constraint?: Constraint,
  ) {}

  get shape(): number[] {
    return this.value.shape;
  }

  get size(): number {
    return this.value.size;
  }

  /** Checks a replacement value without touching the variable. */
  check(next: tf.Tensor, layerName: string): void {
    if (!(next instanceof tf.Tensor)) {
      throw new ShapeError(
        `weight ${this.name} must be a tf.Tensor, received ${String(next)}`,
        layerName,
      );
    }
    const same =
      next.shape.length === this.shape.length && next.shape.every((d, i) => d === this.shape[i]);
    if (!same) {
      throw new ShapeError(
        `weight ${this.name}: expected shape ${formatShape(this.shape)}, received ${formatShape(next.shape)}`,
        layerName,
      );
    }
  }
}
