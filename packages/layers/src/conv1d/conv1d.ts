import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  required,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Tensors,
} from '@framewise/core';
import { BaseConv, convOptionsFromKeras, type ConvPadding } from '../common/conv-base.js';
import type { InitializerOption } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `conv1d()` (tfjs-layers' names). */
export interface Conv1DOptions extends LayerOptions {
  filters: number;
  /** `3` or `[3]`. */
  kernelSize: number | [number];
  /** Default 1. */
  strides?: number | [number];
  /**
   * Default `valid`. `causal` (Keras; tfjs-layers throws on it) pads the start
   * with `(kernelSize - 1) * dilationRate` zeros, so step t sees steps ≤ t only.
   */
  padding?: ConvPadding;
  /** Only `channelsLast` (`[batch, steps, channels]`). */
  dataFormat?: 'channelsLast';
  /** Default 1; cannot be combined with strides above 1. */
  dilationRate?: number | [number];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/** A 1-D (temporal) convolution over `[batch, steps, channels]`. */
export class Conv1D extends BaseConv {
  static override readonly className = 'Conv1D';

  constructor(options: Conv1DOptions) {
    super(options, {
      rank: 1,
      paddings: ['valid', 'same', 'causal'],
      describe: spatialInputHint(1, 'conv1d'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const kernel = at(this.kernelSize, 0, 'kernel size');
    const stride = at(this.strides, 0, 'stride');
    const dilation = at(this.dilationRate, 0, 'dilation rate');
    let x = inputs as tf.Tensor3D;
    if (this.padding === 'causal') {
      x = tf.pad(x, [
        [0, 0],
        [(kernel - 1) * dilation, 0],
        [0, 0],
      ]);
    }
    // tf.conv1d is this same reshape around conv2d; calling conv2d directly fuses bias and activation.
    const y = this.fusedConv2d(
      tf.expandDims(x, 1) as tf.Tensor4D,
      tf.expandDims(required(this.kernel, 'kernel').value, 0) as tf.Tensor4D,
      [1, stride],
      this.padding === 'same' ? 'same' : 'valid',
      [1, dilation],
    );
    return tf.squeeze(y, [1]);
  }
}

/** A Conv1D layer: `conv1d({filters: 16, kernelSize: 3, padding: 'causal'})`. */
export function conv1d(options: Conv1DOptions): Conv1D {
  return new Conv1D(options);
}

/** Registry entry for `Conv1D`. */
export const conv1dPlugin: LayerPlugin<Conv1DOptions> = {
  className: 'Conv1D',
  create: conv1d,
  fromConfig: (config) => new Conv1D(convOptionsFromKeras<Conv1DOptions>(config, 'Conv1D')),
};
