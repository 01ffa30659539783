import type * as tf from '@tensorflow/tfjs-core';
import {
  Layer,
  type CallOptions,
  type LayerOptions,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { tuple } from './options.js';
import { repeatElements } from './repeat-elements.js';
import { channelsLastOnly, spatialInputHint, type DataFormat } from './spatial-options.js';

/** Options every nearest-neighbour up-sampling layer takes besides its `size`. */
export interface RepeatUpSamplingOptions extends LayerOptions {
  /** Only `channelsLast` (channels on the last axis). */
  dataFormat?: DataFormat;
}

/**
 * Base of UpSampling1D and UpSampling3D: each step (or voxel) repeated
 * `size` times along its axis, as Keras does with `repeat_elements`; there is
 * no interpolation option in Keras for these two. UpSampling2D resizes
 * instead, for its `bilinear` option. `macs()` stays 0: nothing is multiplied.
 */
export abstract class RepeatUpSampling extends Layer {
  /** The factor of each spatial axis. */
  protected readonly factors: number[];
  private readonly rank: 1 | 3;

  constructor(options: RepeatUpSamplingOptions & { size?: unknown }, rank: 1 | 3) {
    const opts = options ?? {};
    super(opts);
    this.rank = rank;
    this.factors = tuple(opts.size ?? 2, rank, 'size', this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    this.inputSpec = { ndim: rank + 2, describe: spatialInputHint(rank, `upSampling${rank}d`) };
  }

  /** Axis 1 is repeated too: on a sequence, each step becomes several. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'it repeats along the time axis too' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const [batch = null] = shape;
    const spatial = this.factors.map((f, i) => {
      const n = shape[1 + i] ?? null;
      return n === null ? null : n * f;
    });
    return [batch, ...spatial, shape[1 + this.rank] ?? null];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return this.factors.reduce((x, f, i) => repeatElements(x, f, 1 + i), inputs as tf.Tensor);
  }

  /** Keras writes UpSampling1D's size as one number, without data_format. */
  override getConfig(): Record<string, unknown> {
    const [first = 2] = this.factors;
    if (this.rank === 1) return { ...super.getConfig(), size: first };
    return { ...super.getConfig(), size: this.factors.slice(), data_format: 'channels_last' };
  }
}
