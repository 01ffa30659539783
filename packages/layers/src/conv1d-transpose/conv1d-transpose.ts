import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  required,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Tensors,
} from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { BaseConvTranspose, convTransposeOptionsFromKeras } from '../common/conv-transpose-base.js';
import type { InitializerOption } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';
import type { KernelTrainingOptions } from '../common/training-fields.js';

/** Options of `conv1dTranspose()` (tfjs-layers has no such layer: Conv1D's names). */
export interface Conv1DTransposeOptions extends LayerOptions, KernelTrainingOptions {
  filters: number;
  /** `3` or `[3]`. */
  kernelSize: number | [number];
  /** Default 1; the upsampling factor. */
  strides?: number | [number];
  /** Default `valid`: `steps * stride + max(kernel - stride, 0)`; `same`: `steps * stride`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, steps, channels]`). */
  dataFormat?: 'channelsLast';
  /** Only 1: tfjs has no dilated transposed convolution. */
  dilationRate?: number | [number];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/**
 * A transposed 1-D convolution (Keras 2.3+) over `[batch, steps, channels]`:
 * it upsamples the steps by the stride. Its kernel is `[k, filters, inChannels]`
 * as in Keras; it runs as Conv2DTranspose on a height-1 image.
 */
export class Conv1DTranspose extends BaseConvTranspose {
  static override readonly className = 'Conv1DTranspose';

  constructor(options: Conv1DTransposeOptions) {
    super(options, {
      rank: 1,
      paddings: ['valid', 'same'],
      describe: spatialInputHint(1, 'conv1dTranspose'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor3D;
    const steps = at(this.outputShapeOf(x), 1, 'output steps');
    const y = tf.conv2dTranspose(
      tf.expandDims(x, 1) as tf.Tensor4D,
      tf.expandDims(required(this.kernel, 'kernel').value, 0) as tf.Tensor4D,
      [x.shape[0], 1, steps, this.filters],
      [1, at(this.strides, 0, 'stride')],
      this.padding,
    );
    return this.finish(tf.squeeze(y, [1]));
  }
}

/** A Conv1DTranspose layer: `conv1dTranspose({filters: 8, kernelSize: 2, strides: 2})` doubles the steps. */
export function conv1dTranspose(options: Conv1DTransposeOptions): Conv1DTranspose {
  return new Conv1DTranspose(options);
}

/** Registry entry for `Conv1DTranspose`; refuses Keras' `output_padding`, which tfjs cannot run. */
export const conv1dTransposePlugin: LayerPlugin<Conv1DTransposeOptions> = {
  className: 'Conv1DTranspose',
  create: conv1dTranspose,
  fromConfig: (config) =>
    new Conv1DTranspose(
      convTransposeOptionsFromKeras<Conv1DTransposeOptions>(config, 'Conv1DTranspose'),
    ),
};
