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
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras, positiveInt } from '../common/options.js';
import { channelsLastOnly, spatialInputHint } from '../common/spatial-options.js';
import { smartResize } from '../common/image-resize.js';

/** Options of `centerCrop()` (tfjs-layers' names). */
export interface CenterCropOptions extends LayerOptions {
  /** Output height. */
  height: number;
  /** Output width. */
  width: number;
}

/**
 * Crops the central `height × width` window of `[batch, height, width,
 * channels]` images (Keras `CenterCrop`); an odd margin leaves the extra row
 * or column at the bottom or right. An image smaller than the target on
 * either side is handled as tf.keras 2 does: the largest centred window of
 * the target's aspect ratio, resized (bilinear) to the target.
 */
export class CenterCrop extends Layer {
  static override readonly className = 'CenterCrop';
  readonly height: number;
  readonly width: number;

  constructor(options: CenterCropOptions) {
    const opts = options ?? ({} as CenterCropOptions);
    super(opts);
    this.height = positiveInt(opts.height, 'height', this.name);
    this.width = positiveInt(opts.width, 'width', this.name);
    this.inputSpec = { ndim: 4, describe: spatialInputHint(2, 'centerCrop') };
  }

  /** Frame by frame: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [batch = null, , , channels = null] = inputShape as Shape;
    return [batch, this.height, this.width, channels];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x0 = inputs as tf.Tensor4D;
    const x = x0.dtype === 'float32' ? x0 : tf.cast(x0, 'float32');
    const [, h, w] = x.shape;
    if (h < this.height || w < this.width) {
      return smartResize(x, [this.height, this.width], 'bilinear');
    }
    const top = Math.floor((h - this.height) / 2);
    const left = Math.floor((w - this.width) / 2);
    return tf.slice(x, [0, top, left, 0], [-1, this.height, this.width, -1]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}

/** A CenterCrop layer: `centerCrop({height: 224, width: 224})`. */
export function centerCrop(options: CenterCropOptions): CenterCrop {
  return new CenterCrop(options);
}

/** Registry entry for `CenterCrop` (Keras 3's `data_format` loads when it is channels_last). */
export const centerCropPlugin: LayerPlugin<CenterCropOptions> = {
  className: 'CenterCrop',
  create: centerCrop,
  fromConfig(config) {
    const { data_format: dataFormat, ...rest } = config;
    if (dataFormat !== undefined && dataFormat !== 'channels_last') {
      channelsLastOnly(dataFormat, String(config['name'] ?? ''));
    }
    return new CenterCrop(optionsFromKeras<CenterCropOptions>(rest, 'CenterCrop'));
  },
};
