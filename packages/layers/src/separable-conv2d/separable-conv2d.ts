import type * as tf from '@tensorflow/tfjs-core';
import type { CallOptions, LayerPlugin, Tensors } from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { convOptionsFromKeras } from '../common/conv-base.js';
import { SeparableConv, type SeparableConvOptions } from '../common/separable-conv-base.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `separableConv2d()` (tfjs-layers' names). */
export interface SeparableConv2DOptions extends SeparableConvOptions {
  /** `3` or `[3, 3]`. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** Default `valid`. */
  padding?: Padding;
  /** Default 1; cannot be combined with strides above 1. Training needs 1 (tfjs has no dilated gradient). */
  dilationRate?: number | [number, number];
}

/**
 * A depthwise-separable 2-D convolution over `[batch, height, width, channels]`
 * (Xception's blocks): a per-channel convolution, then a 1×1 convolution.
 */
export class SeparableConv2D extends SeparableConv {
  static override readonly className = 'SeparableConv2D';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];
  declare readonly padding: Padding;
  declare readonly dilationRate: [number, number];

  constructor(options: SeparableConv2DOptions) {
    super(options, {
      rank: 2,
      paddings: ['valid', 'same'],
      describe: spatialInputHint(2, 'separableConv2d'),
    });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return this.separable2d(
      inputs as tf.Tensor4D,
      (kernel) => kernel as tf.Tensor4D,
      this.strides,
      this.padding,
      this.dilationRate,
    );
  }
}

/** A SeparableConv2D layer: `separableConv2d({filters: 32, kernelSize: 3, padding: 'same'})`. */
export function separableConv2d(options: SeparableConv2DOptions): SeparableConv2D {
  return new SeparableConv2D(options);
}

/** Registry entry for `SeparableConv2D`. */
export const separableConv2dPlugin: LayerPlugin<SeparableConv2DOptions> = {
  className: 'SeparableConv2D',
  create: separableConv2d,
  fromConfig: (config) =>
    new SeparableConv2D(convOptionsFromKeras<SeparableConv2DOptions>(config, 'SeparableConv2D')),
};
