import * as tf from '@tensorflow/tfjs-core';
import { at, type CallOptions, type LayerPlugin, type Tensors } from '@framewise/core';
import { convOptionsFromKeras, type ConvPadding } from '../common/conv-base.js';
import { SeparableConv, type SeparableConvOptions } from '../common/separable-conv-base.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `separableConv1d()` (tfjs-layers has no such layer: SeparableConv2D's names). */
export interface SeparableConv1DOptions extends SeparableConvOptions {
  /** `3` or `[3]`. */
  kernelSize: number | [number];
  /** Default 1. */
  strides?: number | [number];
  /** Default `valid`; `causal` pads the start so no output sees later steps (as in Keras). */
  padding?: ConvPadding;
  /** Default 1; cannot be combined with strides above 1. Training needs 1 (tfjs has no dilated gradient). */
  dilationRate?: number | [number];
}

/**
 * A depthwise-separable 1-D convolution over `[batch, steps, channels]`:
 * a per-channel convolution along the steps, then a 1×1 convolution. Its
 * kernels are Keras' `[k, channels, depthMultiplier]` and `[1, mid, filters]`;
 * it runs as SeparableConv2D on a height-1 image.
 */
export class SeparableConv1D extends SeparableConv {
  static override readonly className = 'SeparableConv1D';

  constructor(options: SeparableConv1DOptions) {
    super(options, {
      rank: 1,
      paddings: ['valid', 'same', 'causal'],
      describe: spatialInputHint(1, 'separableConv1d'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    let x = inputs as tf.Tensor3D;
    const dilation = at(this.dilationRate, 0, 'dilation rate');
    if (this.padding === 'causal') {
      const history = (at(this.kernelSize, 0, 'kernel size') - 1) * dilation;
      x = tf.pad(x, [
        [0, 0],
        [history, 0],
        [0, 0],
      ]);
    }
    const y = this.separable2d(
      tf.expandDims(x, 1) as tf.Tensor4D,
      (kernel) => tf.expandDims(kernel, 0) as tf.Tensor4D,
      [1, at(this.strides, 0, 'stride')],
      this.padding === 'same' ? 'same' : 'valid',
      [1, dilation],
    );
    return tf.squeeze(y, [1]);
  }
}

/** A SeparableConv1D layer: `separableConv1d({filters: 16, kernelSize: 3, padding: 'same'})`. */
export function separableConv1d(options: SeparableConv1DOptions): SeparableConv1D {
  return new SeparableConv1D(options);
}

/** Registry entry for `SeparableConv1D`. */
export const separableConv1dPlugin: LayerPlugin<SeparableConv1DOptions> = {
  className: 'SeparableConv1D',
  create: separableConv1d,
  fromConfig: (config) =>
    new SeparableConv1D(convOptionsFromKeras<SeparableConv1DOptions>(config, 'SeparableConv1D')),
};
