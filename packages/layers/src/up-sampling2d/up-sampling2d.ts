import * as tf from '@tensorflow/tfjs-core';
import {
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { oneOf, optionsFromKeras, tuple } from '../common/options.js';
import { channelsLastOnly, spatialInputHint, type DataFormat } from '../common/spatial-options.js';
import { resizeImages } from '../common/image-resize.js';

/** Resampling rules tfjs-layers supports (Keras also has bicubic, area, lanczos ...). */
export type Interpolation = 'nearest' | 'bilinear';

/** Options of `upSampling2d()` (tfjs-layers' names). */
export interface UpSampling2DOptions extends LayerOptions {
  /** Factors for height and width; default `[2, 2]`. A number (Keras) repeats it. */
  size?: number | [number, number];
  /** Only `channelsLast` (`[batch, height, width, channels]`). */
  dataFormat?: DataFormat;
  /** Default `nearest`. */
  interpolation?: Interpolation;
}

/**
 * Enlarges `[batch, height, width, channels]` images by integer factors.
 * `bilinear` resizes as tf.keras 2 does (TensorFlow's half-pixel centres), so a
 * Keras-trained model gives Keras' numbers; tfjs-layers resizes without
 * half-pixel centres and differs slightly at the borders. `nearest` is the same
 * in all three.
 */
export class UpSampling2D extends Layer {
  static override readonly className = 'UpSampling2D';
  readonly size: [number, number];
  readonly interpolation: Interpolation;

  constructor(options: UpSampling2DOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.size = tuple(opts.size ?? 2, 2, 'size', this.name) as [number, number];
    this.interpolation = oneOf(
      opts.interpolation ?? 'nearest',
      ['nearest', 'bilinear'] as const,
      'interpolation',
      this.name,
    );
    channelsLastOnly(opts.dataFormat, this.name);
    this.inputSpec = { ndim: 4, describe: spatialInputHint(2, 'upSampling2d') };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [batch = null, h = null, w = null, channels = null] = inputShape as Shape;
    return [
      batch,
      h === null ? null : h * this.size[0],
      w === null ? null : w * this.size[1],
      channels,
    ];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor4D;
    const size: [number, number] = [x.shape[1] * this.size[0], x.shape[2] * this.size[1]];
    // Nearest repeats pixels, the same in Keras, tfjs-layers and every resize rule.
    return this.interpolation === 'nearest'
      ? tf.image.resizeNearestNeighbor(x, size)
      : resizeImages(x, size, 'bilinear');
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      size: this.size.slice(),
      data_format: 'channels_last',
      interpolation: this.interpolation,
    };
  }
}

/** An UpSampling2D layer: `upSampling2d({size: [2, 2]})` doubles height and width. */
export function upSampling2d(options: UpSampling2DOptions = {}): UpSampling2D {
  return new UpSampling2D(options);
}

/** Registry entry for `UpSampling2D`. */
export const upSampling2dPlugin: LayerPlugin<UpSampling2DOptions> = {
  className: 'UpSampling2D',
  create: upSampling2d,
  fromConfig: (config) =>
    new UpSampling2D(optionsFromKeras<UpSampling2DOptions>(config, 'UpSampling2D')),
};
