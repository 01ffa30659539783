import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  Layer,
  type CallOptions,
  type LayerOptions,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import type { PoolMode } from './pooling-base.js';
import { channelsLastOnly, spatialInputHint, type DataFormat } from './spatial-options.js';

/** Options of the global pooling layers. */
export interface GlobalPoolingOptions extends LayerOptions {
  /** Only `channelsLast`. */
  dataFormat?: DataFormat;
  /**
   * Keras' option (tf.keras ≥ 2.6; tfjs-layers has none and always drops the
   * axes): keep the pooled axes with size 1 (`[batch, 1, channels]`,
   * `[batch, 1, 1, channels]`, `[batch, 1, 1, 1, channels]`) instead of
   * `[batch, channels]`. Default false.
   */
  keepdims?: boolean;
}

/**
 * Base of GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D: one value per
 * channel over every step or pixel. `macs()` stays 0, as for windowed pooling.
 */
export abstract class GlobalPooling extends Layer {
  readonly keepdims: boolean;
  protected readonly rank: 1 | 2 | 3;
  private readonly mode: PoolMode;

  constructor(options: GlobalPoolingOptions, rank: 1 | 2 | 3, mode: PoolMode) {
    const opts = options ?? {};
    super(opts);
    this.rank = rank;
    this.mode = mode;
    channelsLastOnly(opts.dataFormat, this.name);
    if (opts.keepdims !== undefined && typeof opts.keepdims !== 'boolean') {
      throw new ConfigError(
        `keepdims must be true or false, received ${JSON.stringify(opts.keepdims)}`,
        this.name,
      );
    }
    this.keepdims = opts.keepdims ?? false;
    const factory = `global${mode === 'max' ? 'Max' : 'Average'}Pooling${rank}d`;
    this.inputSpec = {
      ndim: rank + 2,
      describe: spatialInputHint(rank, factory, ''),
    };
  }

  /** The pooled axes of the input. */
  protected get axes(): number[] {
    return [1, 2, 3].slice(0, this.rank);
  }

  /** Pooling over all steps: every output depends on every step. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'it pools over every step' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const [batch = null] = shape;
    const channels = at(shape, 1 + this.rank, 'channel axis');
    return this.keepdims ? [batch, ...this.axes.map(() => 1), channels] : [batch, channels];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    return this.mode === 'max'
      ? tf.max(x, this.axes, this.keepdims)
      : tf.mean(x, this.axes, this.keepdims);
  }

  /**
   * `keepdims` is written only when true: Keras before 2.6 (2.3.1 included)
   * refuses configs with keys it does not know, and false is the default everywhere.
   */
  override getConfig(): Record<string, unknown> {
    const config = { ...super.getConfig(), data_format: 'channels_last' };
    return this.keepdims ? { ...config, keepdims: true } : config;
  }
}
