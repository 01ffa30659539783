import * as tf from '@tensorflow/tfjs-core';
import { required, type CallOptions, type LayerPlugin, type Tensors } from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { BaseConvTranspose, convTransposeOptionsFromKeras } from '../common/conv-transpose-base.js';
import { spatialInputHint } from '../common/spatial-options.js';
import type { Conv2DOptions } from '../conv2d/conv2d.js';

/** Options of `conv2dTranspose()`: those of `conv2d()`, with the differences below. */
export interface Conv2DTransposeOptions extends Conv2DOptions {
  /** Default 1; the upsampling factor. */
  strides?: number | [number, number];
  /** Default `valid`: `size * stride + max(kernel - stride, 0)`; `same`: `size * stride`. */
  padding?: Padding;
  /**
   * Only 1: tfjs has no dilated transposed convolution (tfjs-layers takes the
   * option and ignores it; Framewise refuses it instead).
   */
  dilationRate?: number | [number, number];
}

/**
 * A transposed 2-D convolution (the gradient of Conv2D, often called
 * deconvolution) over `[batch, height, width, channels]`: it upsamples by the
 * strides. Its kernel is `[kh, kw, filters, inChannels]` as in Keras.
 */
export class Conv2DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv2DTranspose';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];

  constructor(options: Conv2DTransposeOptions) {
    super(options, {
      rank: 2,
      paddings: ['valid', 'same'],
      describe: spatialInputHint(2, 'conv2dTranspose'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor4D;
    const y = tf.conv2dTranspose(
      x,
      required(this.kernel, 'kernel').value as tf.Tensor4D,
      this.outputShapeOf(x) as [number, number, number, number],
      this.strides,
      this.padding,
    );
    return this.finish(y);
  }
}

/** A Conv2DTranspose layer: `conv2dTranspose({filters: 8, kernelSize: 2, strides: 2})` doubles height and width. */
export function conv2dTranspose(options: Conv2DTransposeOptions): Conv2DTranspose {
  return new Conv2DTranspose(options);
}

/** Registry entry for `Conv2DTranspose`; refuses Keras' `output_padding`, which tfjs cannot run. */
export const conv2dTransposePlugin: LayerPlugin<Conv2DTransposeOptions> = {
  className: 'Conv2DTranspose',
  create: conv2dTranspose,
  fromConfig: (config) =>
    new Conv2DTranspose(
      convTransposeOptionsFromKeras<Conv2DTransposeOptions>(config, 'Conv2DTranspose'),
    ),
};
