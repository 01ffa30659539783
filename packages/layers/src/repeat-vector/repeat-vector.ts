import * as tf from '@tensorflow/tfjs-core';
import {
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras, positiveInt } from '../common/options.js';

/** Options of `repeatVector()` (tfjs-layers' names). */
export interface RepeatVectorOptions extends LayerOptions {
  /** How many times the vector is repeated: the length of the new axis. */
  n: number;
}

/**
 * Repeats each `[features]` vector `n` times: `[batch, features]` becomes
 * `[batch, n, features]` (Keras `RepeatVector`, the bridge from an encoder's
 * last state to a decoder's steps). Wrapped in TimeDistributed it repeats each
 * step's vector: `[batch, time, features]` becomes `[batch, time, n, features]`.
 */
export class RepeatVector extends Layer {
  static override readonly className = 'RepeatVector';
  readonly n: number;

  constructor(options: RepeatVectorOptions) {
    super(options ?? {});
    this.n = positiveInt(options?.n, 'n', this.name);
    this.inputSpec = {
      ndim: 2,
      describe:
        '[batch, features]; for a sequence of vectors, wrap it: timeDistributed(repeatVector(...))',
    };
  }

  /** The repeated axis becomes the time axis: there is none in its input to stream over. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'it makes a new time axis from one vector' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [batch = null, features = null] = inputShape as Shape;
    return [batch, this.n, features];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return tf.tile(tf.expandDims(inputs as tf.Tensor, 1), [1, this.n, 1]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), n: this.n };
  }
}

/** A RepeatVector layer: `repeatVector({n: 5})` turns `[batch, 8]` into `[batch, 5, 8]`. */
export function repeatVector(options: RepeatVectorOptions): RepeatVector {
  return new RepeatVector(options);
}

/** Registry entry for `RepeatVector`. */
export const repeatVectorPlugin: LayerPlugin<RepeatVectorOptions> = {
  className: 'RepeatVector',
  create: repeatVector,
  fromConfig: (config) =>
    new RepeatVector(optionsFromKeras<RepeatVectorOptions>(config, 'RepeatVector')),
};
