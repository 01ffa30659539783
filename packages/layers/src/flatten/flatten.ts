import * as tf from '@tensorflow/tfjs-core';
import {
  sizeOf,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { oneOf, optionsFromKeras } from '../common/options.js';

/** Options of `flatten()` (tfjs-layers' names). */
export interface FlattenOptions extends LayerOptions {
  /**
   * Order of the input's axes: `channelsLast` (default) flattens as stored;
   * `channelsFirst` moves channels last first, so the order matches a
   * channels-last model (Keras).
   */
  dataFormat?: 'channelsLast' | 'channelsFirst';
}

/**
 * Flattens every axis after the batch into one (Keras `Flatten`):
 * `[batch, 4, 4, 8]` -> `[batch, 128]`. Wrapped in TimeDistributed it flattens
 * each step: `[batch, time, 4, 4, 8]` -> `[batch, time, 128]`.
 */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';
  readonly dataFormat: 'channelsLast' | 'channelsFirst';

  constructor(options: FlattenOptions = {}) {
    super(options ?? {});
    this.dataFormat = oneOf(
      options?.dataFormat ?? 'channelsLast',
      ['channelsLast', 'channelsFirst'],
      'dataFormat',
      this.name,
    );
    // Keras takes rank 1 too ([batch] -> [batch, 1]); tfjs-layers wants rank 3 or more.
    this.inputSpec = { minNdim: 1, describe: '[batch, ...]' };
  }

  /** Folds the time axis into the features. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'it folds the time axis into the features' };
  }

  /** An unknown size after the batch leaves the flat size unknown (Keras 3; Keras 2 refuses). */
  override computeOutputShape(inputShape: Shapes): Shape {
    const s = inputShape as Shape;
    const [batch = null, ...sample] = s;
    return [batch, sizeOf(sample)];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    let x = inputs as tf.Tensor;
    if (this.dataFormat === 'channelsFirst' && x.rank > 2) {
      const axes = x.shape.map((_, i) => i);
      x = tf.transpose(x, [0, ...axes.slice(2), 1]);
    }
    const [batch = -1, ...sample] = x.shape;
    return tf.reshape(x, [batch, sample.reduce((a, b) => a * b, 1)]);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      data_format: this.dataFormat === 'channelsLast' ? 'channels_last' : 'channels_first',
    };
  }
}

/** A Flatten layer: `flatten()`. */
export function flatten(options?: FlattenOptions): Flatten {
  return new Flatten(options);
}

/** Registry entry for `Flatten`. */
export const flattenPlugin: LayerPlugin<FlattenOptions> = {
  className: 'Flatten',
  create: flatten,
  fromConfig: (config) => new Flatten(optionsFromKeras<FlattenOptions>(config, 'Flatten')),
};
