import * as tf from '@tensorflow/tfjs-core';
import {
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Tensors,
} from '@framewise/core';
import { ElementwiseLayer, numberOption } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `reLU()` (tfjs-layers' `maxValue`, and Keras 2's other two in camelCase). */
export interface ReLUOptions extends LayerOptions {
  /** Largest output value; none when undefined (or `null`, as Keras writes it). */
  maxValue?: number | null;
  /** Slope below the threshold. Default 0. */
  negativeSlope?: number;
  /** Values up to it count as negative (Keras: `x > threshold` passes); ≥ 0 as in Keras. Default 0. */
  threshold?: number;
}

/**
 * Keras 2's `ReLU` layer: `x` above `threshold` (capped at `maxValue`),
 * `negativeSlope · (x − threshold)` below. With the defaults, `max(x, 0)`.
 */
export class ReLU extends ElementwiseLayer {
  static override readonly className = 'ReLU';
  readonly maxValue: number | undefined;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(options: ReLUOptions = {}) {
    const opts = options ?? {};
    super(opts);
    const max = opts.maxValue ?? undefined;
    this.maxValue =
      max === undefined
        ? undefined
        : numberOption(max, 0, 'maxValue', this.name, { min: 0, expected: 'a number ≥ 0' });
    this.negativeSlope = numberOption(opts.negativeSlope, 0, 'negativeSlope', this.name, {
      min: 0,
      expected: 'a number ≥ 0',
    });
    this.threshold = numberOption(opts.threshold, 0, 'threshold', this.name, {
      min: 0,
      expected: 'a number ≥ 0',
    });
  }

  // Keras 2's backend.relu, step for step: the positive part (cut at the threshold, capped),
  // minus the slope times the part below the threshold. Masks come from tf.step, whose
  // gradient is zero (tfjs has none for comparisons).
  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const { maxValue, negativeSlope, threshold } = this;
    let y = threshold === 0 ? tf.relu(x) : tf.mul(x, tf.step(tf.sub(x, threshold)));
    if (maxValue !== undefined) y = tf.clipByValue(y, 0, maxValue);
    if (negativeSlope === 0) return y;
    return tf.sub(y, tf.mul(negativeSlope, tf.relu(tf.sub(threshold, x))));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      max_value: this.maxValue ?? null,
      negative_slope: this.negativeSlope,
      threshold: this.threshold,
    };
  }
}

/** A ReLU layer: `reLU({maxValue: 6})`. */
export function reLU(options: ReLUOptions = {}): ReLU {
  return new ReLU(options);
}

/** Registry entry for `ReLU`. */
export const reLUPlugin: LayerPlugin<ReLUOptions> = {
  className: 'ReLU',
  create: reLU,
  fromConfig: (config) => new ReLU(optionsFromKeras<ReLUOptions>(config, 'ReLU')),
};
