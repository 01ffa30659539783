import * as tf from '@tensorflow/tfjs-core';
import type { Shapes } from '@framewise/core';
import { dropRate, keepMask, NoiseLayer, type NoiseOptions } from './noise.js';
import { channelsLastOnly, type DataFormat } from './spatial-options.js';

/** Options of the Spatial dropouts (tfjs-layers' names). */
export interface SpatialDropoutOptions extends NoiseOptions {
  /** Fraction of the channels to drop while training, in [0, 1). */
  rate: number;
  /** Only `channelsLast` (the default), as every Framewise spatial layer. */
  dataFormat?: DataFormat;
}

/**
 * Base of SpatialDropout1D/2D/3D: drops whole channels (feature maps) of each
 * sample while training and scales the rest by 1 / (1 − rate): the noise has
 * size 1 along every axis between the batch and the channels. Inside
 * TimeDistributed, each sample and step draws its own channels.
 */
export abstract class SpatialDropout extends NoiseLayer {
  readonly rate: number;
  readonly dataFormat: DataFormat;

  constructor(options: SpatialDropoutOptions, rank: number, describe: string) {
    const opts = options ?? ({} as SpatialDropoutOptions);
    super(opts);
    this.rate = dropRate(opts.rate, this.name);
    this.dataFormat = channelsLastOnly(opts.dataFormat, this.name);
    this.inputSpec = { ndim: rank, describe };
  }

  protected override get active(): boolean {
    return this.rate > 0;
  }

  /** `[batch, 1, ..., channels]`: one draw per sample and channel. */
  protected override noiseShape(shape: number[]): number[] {
    return shape.map((d, i) => (i === 0 || i === shape.length - 1 ? d : 1));
  }

  protected override drawNoise(shape: number[]): tf.Tensor {
    return tf.div(keepMask(this.uniform(shape), this.rate), 1 - this.rate);
  }

  protected override applyNoise(x: tf.Tensor, noise: tf.Tensor): tf.Tensor {
    return tf.mul(x, noise);
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }

  /** Keras 2 writes Dropout's fields (its noise_shape is always null here); data_format as Keras 3. */
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noise_shape: null,
      seed: this.seed ?? null,
      data_format: 'channels_last',
    };
  }
}
