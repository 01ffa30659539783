import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  formatShape,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { ElementwiseLayer } from '../common/elementwise.js';
import { optionsFromKeras } from '../common/options.js';
import { perStepUnlessAcrossTime } from '../common/stream.js';

/** Options of `softmax()` (tfjs-layers' names). */
export interface SoftmaxOptions extends LayerOptions {
  /** Axis, or axes, to normalise over; negative ones count from the end. Default -1. */
  axis?: number | number[];
}

/**
 * Softmax over one axis or several at once (Keras 2 `Softmax`):
 * `exp(x − logsumexp(x, axes))`, so the values along those axes sum to 1.
 * Masks pass through (they are not applied to the values; see the guide).
 */
export class Softmax extends ElementwiseLayer {
  static override readonly className = 'Softmax';
  readonly axis: number | number[];

  constructor(options: SoftmaxOptions = {}) {
    const opts = options ?? {};
    super(opts);
    const axis = opts.axis ?? -1;
    const list = Array.isArray(axis) ? axis : [axis];
    if (list.length === 0 || list.some((a) => !Number.isInteger(a) || a === 0)) {
      throw new ConfigError(
        `axis must be an integer or a non-empty list of integers, none of them the batch axis 0, ` +
          `received ${JSON.stringify(opts.axis)}`,
        this.name,
      );
    }
    this.axis = Array.isArray(axis) ? axis.slice() : axis;
  }

  private axes(rank: number): number[] {
    return (Array.isArray(this.axis) ? this.axis : [this.axis]).map((a) => (a < 0 ? a + rank : a));
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const s = inputShape as Shape;
    const axes = this.axes(s.length);
    if (axes.some((a) => a < 1 || a >= s.length)) {
      throw new ShapeError(
        `axis ${JSON.stringify(this.axis)} does not fit the input ${formatShape(s)}: expected ` +
          `axes from 1 to ${s.length - 1} (or -1 to -${s.length - 1})`,
        this.name,
      );
    }
    return inputShape;
  }

  /** Per step, unless the time axis is one of those normalised over. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    return perStepUnlessAcrossTime(inputShape, this.axis, 'softmax axis');
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const axes = this.axes(x.rank);
    if (axes.length === 1 && axes[0] === x.rank - 1) return tf.softmax(x);
    return tf.exp(tf.sub(x, tf.logSumExp(x, axes, true)));
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? this.axis.slice() : this.axis,
    };
  }
}

/** A Softmax layer: `softmax({axis: -1})`. */
export function softmax(options: SoftmaxOptions = {}): Softmax {
  return new Softmax(options);
}

/** Registry entry for `Softmax`. */
export const softmaxPlugin: LayerPlugin<SoftmaxOptions> = {
  className: 'Softmax',
  create: softmax,
  fromConfig: (config) => new Softmax(optionsFromKeras<SoftmaxOptions>(config, 'Softmax')),
};
