import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  Layer,
  type CallOptions,
  type LayerOptions,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { poolOutputLength, type Padding } from './conv-arithmetic.js';
import { oneOf, tuple } from './options.js';
import {
  channelsLastOnly,
  checkWindowFits,
  spatialInputHint,
  type DataFormat,
} from './spatial-options.js';

/** Which reduction a pooling window applies. */
export type PoolMode = 'max' | 'avg';

/** Options of the 1-D pooling layers (tfjs-layers' names). */
export interface Pooling1DOptions extends LayerOptions {
  /** Default 2. */
  poolSize?: number | [number];
  /** Default: `poolSize` (windows side by side). */
  strides?: number | [number];
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, steps, channels]`). */
  dataFormat?: DataFormat;
}

/** Options of the 2-D pooling layers (tfjs-layers' names). */
export interface Pooling2DOptions extends LayerOptions {
  /** Default `[2, 2]`. */
  poolSize?: number | [number, number];
  /** Default: `poolSize` (windows side by side). */
  strides?: number | [number, number];
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, height, width, channels]`). */
  dataFormat?: DataFormat;
}

/** Options of the 3-D pooling layers (tfjs-layers' names). */
export interface Pooling3DOptions extends LayerOptions {
  /** Default `[2, 2, 2]`. */
  poolSize?: number | [number, number, number];
  /** Default: `poolSize` (windows side by side). */
  strides?: number | [number, number, number];
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, depth, height, width, channels]`). */
  dataFormat?: DataFormat;
}

/** The rank (number of pooled axes) of a windowed pooling layer. */
export type PoolRank = 1 | 2 | 3;

/**
 * Base of MaxPooling1D/2D/3D and AveragePooling1D/2D/3D. `macs()` stays 0: pooling
 * multiplies no weights, and its comparisons or additions are not
 * multiply-accumulates (profilers that count them report FLOPs apart).
 * Average pooling with `same` padding divides by the number of input values
 * under the window, not the window size (TensorFlow's rule).
 */
export abstract class Pooling extends Layer {
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  private readonly rank: PoolRank;
  private readonly mode: PoolMode;

  constructor(
    options: Pooling1DOptions | Pooling2DOptions | Pooling3DOptions,
    rank: PoolRank,
    mode: PoolMode,
  ) {
    const opts = options ?? {};
    super(opts);
    this.rank = rank;
    this.mode = mode;
    this.poolSize = tuple(opts.poolSize ?? 2, rank, 'poolSize', this.name);
    this.strides = tuple(opts.strides ?? this.poolSize, rank, 'strides', this.name);
    this.padding = oneOf(opts.padding ?? 'valid', ['valid', 'same'] as const, 'padding', this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    const factory = `${mode === 'max' ? 'maxPooling' : 'averagePooling'}${rank}d`;
    this.inputSpec = { ndim: rank + 2, describe: spatialInputHint(rank, factory) };
  }

  /** Windows over neighbouring steps reach later steps (on a sequence, axis 1 is pooled). */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'its pooling windows reach later steps' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const out = shape
      .slice(1, 1 + this.rank)
      .map((n, i) =>
        poolOutputLength(
          n,
          at(this.poolSize, i, 'pool size'),
          this.padding,
          at(this.strides, i, 'stride'),
        ),
      );
    checkWindowFits(
      out,
      shape,
      this.rank,
      `pool ${this.poolSize.join('×')}`,
      this.padding,
      this.name,
    );
    const [batch = null] = shape;
    return [batch, ...out, at(shape, 1 + this.rank, 'channel axis')];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    if (this.rank === 3) {
      const size = this.poolSize as [number, number, number];
      const strides = this.strides as [number, number, number];
      const pool3d = this.mode === 'max' ? tf.maxPool3d : tf.avgPool3d;
      return pool3d(x as tf.Tensor5D, size, strides, this.padding);
    }
    // 1-D pooling runs as 2-D pooling over [batch, steps, 1, channels], as in tfjs-layers.
    const x4 = (this.rank === 1 ? tf.expandDims(x, 2) : x) as tf.Tensor4D;
    const size: [number, number] =
      this.rank === 1
        ? [at(this.poolSize, 0, 'pool size'), 1]
        : (this.poolSize as [number, number]);
    const strides: [number, number] =
      this.rank === 1 ? [at(this.strides, 0, 'stride'), 1] : (this.strides as [number, number]);
    const pool = this.mode === 'max' ? tf.maxPool : tf.avgPool;
    const y = pool(x4, size, strides, this.padding);
    return this.rank === 1 ? tf.squeeze(y, [2]) : y;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      pool_size: this.poolSize.slice(),
      padding: this.padding,
      strides: this.strides.slice(),
      data_format: 'channels_last',
    };
  }
}
