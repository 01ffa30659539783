import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError, type CallOptions, type LayerPlugin, type Tensors } from '@framewise/core';
import { oneOf, optionsFromKeras } from '../common/options.js';
import { channelsLastOnly } from '../common/spatial-options.js';
import { resizeImages, smartResize, type ResizeInterpolation } from '../common/image-resize.js';
import { ImageSizeLayer, type ImageSizeOptions } from '../common/image-size-base.js';

/** Options of `resizing()` (tfjs-layers' names). */
export interface ResizingOptions extends ImageSizeOptions {
  /** `bilinear` (default) or `nearest`. */
  interpolation?: ResizeInterpolation;
  /** Crop the largest centred window of the target's aspect ratio first, so nothing is stretched; default false. */
  cropToAspectRatio?: boolean;
}

const INTERPOLATIONS = ['bilinear', 'nearest'] as const;
const KERAS_ONLY = ['bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'];

/**
 * Resizes `[batch, height, width, channels]` images to `height × width`, as
 * tf.keras 2's `Resizing` (TensorFlow's `tf.image.resize`: half-pixel
 * centres). Integer inputs are cast to float32. Inside `timeDistributed` it
 * resizes every frame of a clip.
 */
export class Resizing extends ImageSizeLayer {
  static override readonly className = 'Resizing';
  readonly interpolation: ResizeInterpolation;
  readonly cropToAspectRatio: boolean;

  constructor(options: ResizingOptions) {
    const opts = options ?? ({} as ResizingOptions);
    super(opts, 'resizing');
    const interpolation: unknown = opts.interpolation ?? 'bilinear';
    if (typeof interpolation === 'string' && KERAS_ONLY.includes(interpolation)) {
      throw new ConfigError(
        `interpolation '${interpolation}' is not available in TensorFlow.js; expected one of ` +
          `${INTERPOLATIONS.join(', ')}`,
        this.name,
      );
    }
    this.interpolation = oneOf(interpolation, INTERPOLATIONS, 'interpolation', this.name);
    if (opts.cropToAspectRatio !== undefined && typeof opts.cropToAspectRatio !== 'boolean') {
      throw new ConfigError(
        `cropToAspectRatio must be true or false, received ${JSON.stringify(opts.cropToAspectRatio)}`,
        this.name,
      );
    }
    this.cropToAspectRatio = opts.cropToAspectRatio ?? false;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = this.floatImages(inputs);
    const size: [number, number] = [this.height, this.width];
    return this.cropToAspectRatio
      ? smartResize(x, size, this.interpolation)
      : resizeImages(x, size, this.interpolation);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      interpolation: this.interpolation,
      crop_to_aspect_ratio: this.cropToAspectRatio,
    };
  }
}

/** A Resizing layer: `resizing({height: 224, width: 224})`. */
export function resizing(options: ResizingOptions): Resizing {
  return new Resizing(options);
}

/** Registry entry for `Resizing`; Keras 3's extra keys load when they keep tf.keras 2's behaviour. */
export const resizingPlugin: LayerPlugin<ResizingOptions> = {
  className: 'Resizing',
  create: resizing,
  fromConfig(config) {
    const {
      pad_to_aspect_ratio: pad,
      fill_mode: _fillMode,
      fill_value: _fillValue,
      data_format: dataFormat,
      ...rest
    } = config;
    const name = String(config['name'] ?? '');
    if (pad === true) {
      throw new ConfigError(
        'Resizing: pad_to_aspect_ratio (Keras 3) is not supported; received true',
        name,
      );
    }
    if (dataFormat !== undefined && dataFormat !== 'channels_last') {
      channelsLastOnly(dataFormat, name);
    }
    return new Resizing(optionsFromKeras<ResizingOptions>(rest, 'Resizing'));
  },
};
