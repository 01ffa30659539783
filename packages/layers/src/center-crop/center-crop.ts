import * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerPlugin, Tensors } from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { channelsLastOnly } from '../common/spatial-options.js';
import { smartResize } from '../common/image-resize.js';
import { ImageSizeLayer, type ImageSizeOptions } from '../common/image-size-base.js';

/** Options of `centerCrop()` (tfjs-layers' names). */
export type CenterCropOptions = ImageSizeOptions;

/**
 * Crops the central `height × width` window of `[batch, height, width,
 * channels]` images (Keras `CenterCrop`); an odd margin leaves the extra row
 * or column at the bottom or right. An image smaller than the target on
 * either side is handled as tf.keras 2 does: the largest centred window of
 * the target's aspect ratio, resized (bilinear) to the target.
 */
export class CenterCrop extends ImageSizeLayer {
  static override readonly className = 'CenterCrop';

  constructor(options: CenterCropOptions) {
    super(options ?? ({} as CenterCropOptions), 'centerCrop');
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = this.floatImages(inputs);
    const [, h, w] = x.shape;
    if (h < this.height || w < this.width) {
      return smartResize(x, [this.height, this.width], 'bilinear');
    }
    const top = Math.floor((h - this.height) / 2);
    const left = Math.floor((w - this.width) / 2);
    return tf.slice(x, [0, top, left, 0], [-1, this.height, this.width, -1]);
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
