import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
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
import { oneOf, optionsFromKeras, positiveInt } from '../common/options.js';
import { channelsLastOnly, spatialInputHint } from '../common/spatial-options.js';
import { resizeImages, smartResize, type ResizeInterpolation } from '../common/image-resize.js';

/** Options of `resizing()` (tfjs-layers' names). */
export interface ResizingOptions extends LayerOptions {
  /** Output height. */
  height: number;
  /** Output width. */
  width: number;
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
export class Resizing extends Layer {
  static override readonly className = 'Resizing';
  readonly height: number;
  readonly width: number;
  readonly interpolation: ResizeInterpolation;
  readonly cropToAspectRatio: boolean;

  constructor(options: ResizingOptions) {
    const opts = options ?? ({} as ResizingOptions);
    super(opts);
    this.height = positiveInt(opts.height, 'height', this.name);
    this.width = positiveInt(opts.width, 'width', this.name);
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
    this.inputSpec = { ndim: 4, describe: spatialInputHint(2, 'resizing') };
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
    const size: [number, number] = [this.height, this.width];
    return this.cropToAspectRatio
      ? smartResize(x, size, this.interpolation)
      : resizeImages(x, size, this.interpolation);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      height: this.height,
      width: this.width,
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
