import * as tf from '@tensorflow/tfjs-core';
import {
  Layer,
  type LayerOptions,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { positiveInt } from './options.js';
import { spatialInputHint } from './spatial-options.js';
import { PER_STEP } from './stream.js';

/** Options of a layer that makes images of one size (Resizing, CenterCrop). */
export interface ImageSizeOptions extends LayerOptions {
  /** Output height. */
  height: number;
  /** Output width. */
  width: number;
}

/**
 * A layer that turns `[batch, height, width, channels]` images of any size into images of
 * `height × width` (Resizing, CenterCrop): each frame alone, channels kept, integers cast to
 * float32.
 */
export abstract class ImageSizeLayer extends Layer {
  readonly height: number;
  readonly width: number;

  /** `factory` names the layer's factory in shape errors (`'resizing'`). */
  constructor(opts: ImageSizeOptions, factory: string) {
    super(opts);
    this.height = positiveInt(opts.height, 'height', this.name);
    this.width = positiveInt(opts.width, 'width', this.name);
    this.inputSpec = { ndim: 4, describe: spatialInputHint(2, factory) };
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

  /** The input images as float32 (image data often comes as integers). */
  protected floatImages(inputs: Tensors): tf.Tensor4D {
    const x = inputs as tf.Tensor4D;
    return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), height: this.height, width: this.width };
  }
}
