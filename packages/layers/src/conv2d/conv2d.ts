import type * as tf from '@tensorflow/tfjs-core';
import {
  required,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Tensors,
} from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { BaseConv, convOptionsFromKeras } from '../common/conv-base.js';
import type { InitializerOption } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `conv2d()` (tfjs-layers' names). */
export interface Conv2DOptions extends LayerOptions {
  filters: number;
  /** `3` or `[3, 3]`. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, height, width, channels]`). */
  dataFormat?: 'channelsLast';
  /** Default 1; cannot be combined with strides above 1. */
  dilationRate?: number | [number, number];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/** A 2-D convolution over `[batch, height, width, channels]`. */
export class Conv2D extends BaseConv {
  static override readonly className = 'Conv2D';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];
  declare readonly padding: Padding;
  declare readonly dilationRate: [number, number];

  constructor(options: Conv2DOptions) {
    super(options, {
      rank: 2,
      paddings: ['valid', 'same'],
      describe: spatialInputHint(2, 'conv2d'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return this.fusedConv2d(
      inputs as tf.Tensor4D,
      required(this.kernel, 'kernel').value as tf.Tensor4D,
      this.strides,
      this.padding,
      this.dilationRate,
    );
  }
}

/** A Conv2D layer: `conv2d({filters: 32, kernelSize: 3, padding: 'same'})`. */
export function conv2d(options: Conv2DOptions): Conv2D {
  return new Conv2D(options);
}

/** Registry entry for `Conv2D`. */
export const conv2dPlugin: LayerPlugin<Conv2DOptions> = {
  className: 'Conv2D',
  create: conv2d,
  fromConfig: (config) => new Conv2D(convOptionsFromKeras<Conv2DOptions>(config, 'Conv2D')),
};
