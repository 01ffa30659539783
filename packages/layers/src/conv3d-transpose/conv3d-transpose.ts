import type * as tf from '@tensorflow/tfjs-core';
import { required, type CallOptions, type LayerPlugin, type Tensors } from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { BaseConvTranspose, convTransposeOptionsFromKeras } from '../common/conv-transpose-base.js';
import { volumeInputHint } from '../common/volume-input.js';
import { conv3dTransposeTrainable } from './conv3d-transpose-op.js';
import type { Conv3DOptions } from '../conv3d/conv3d.js';

type Triple = [number, number, number];

/** Options of `conv3dTranspose()`: those of `conv3d()`, with the differences below. */
export interface Conv3DTransposeOptions extends Conv3DOptions {
  /** Default 1; the upsampling factor per axis. */
  strides?: number | Triple;
  /** Default `valid`: `size * stride + max(kernel - stride, 0)`; `same`: `size * stride`. */
  padding?: Padding;
  /** Only 1: tfjs has no dilated transposed convolution. */
  dilationRate?: number | Triple;
}

/**
 * A transposed 3-D convolution (the gradient of Conv3D) over
 * `[batch, depth, height, width, channels]`: it upsamples by the strides.
 * Its kernel is `[kd, kh, kw, filters, inChannels]` as in Keras.
 */
export class Conv3DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv3DTranspose';
  declare readonly kernelSize: Triple;
  declare readonly strides: Triple;

  constructor(options: Conv3DTransposeOptions) {
    super(options, {
      rank: 3,
      paddings: ['valid', 'same'],
      describe: volumeInputHint('conv3dTranspose'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor5D;
    const y = conv3dTransposeTrainable(
      x,
      required(this.kernel, 'kernel').value as tf.Tensor5D,
      this.outputShapeOf(x) as [number, number, number, number, number],
      this.strides,
      this.padding,
    );
    return this.finish(y);
  }
}

/** A Conv3DTranspose layer: `conv3dTranspose({filters: 4, kernelSize: 2, strides: 2})` doubles every axis. */
export function conv3dTranspose(options: Conv3DTransposeOptions): Conv3DTranspose {
  return new Conv3DTranspose(options);
}

/** Registry entry for `Conv3DTranspose`; refuses Keras' `output_padding`, which tfjs cannot run. */
export const conv3dTransposePlugin: LayerPlugin<Conv3DTransposeOptions> = {
  className: 'Conv3DTranspose',
  create: conv3dTranspose,
  fromConfig: (config) =>
    new Conv3DTranspose(
      convTransposeOptionsFromKeras<Conv3DTransposeOptions>(config, 'Conv3DTranspose'),
    ),
};
