import * as tf from '@tensorflow/tfjs-core';
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
import type { KernelTrainingOptions } from '../common/training-fields.js';
import { volumeInputHint } from '../common/volume-input.js';

type Triple = [number, number, number];

/** Options of `conv3d()` (tfjs-layers' names). */
export interface Conv3DOptions extends LayerOptions, KernelTrainingOptions {
  filters: number;
  /** `3` or `[3, 3, 3]` (depth, height, width). */
  kernelSize: number | Triple;
  /** Default 1. */
  strides?: number | Triple;
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, depth, height, width, channels]`). */
  dataFormat?: 'channelsLast';
  /** Default 1; cannot be combined with strides above 1. Training needs 1 (tfjs has no dilated gradient). */
  dilationRate?: number | Triple;
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/** A 3-D convolution over `[batch, depth, height, width, channels]` (video clips, scans). */
export class Conv3D extends BaseConv {
  static override readonly className = 'Conv3D';
  declare readonly kernelSize: Triple;
  declare readonly strides: Triple;
  declare readonly padding: Padding;
  declare readonly dilationRate: Triple;

  constructor(options: Conv3DOptions) {
    super(options, { rank: 3, paddings: ['valid', 'same'], describe: volumeInputHint('conv3d') });
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const y = tf.conv3d(
      inputs as tf.Tensor5D,
      required(this.kernel, 'kernel').value as tf.Tensor5D,
      this.strides,
      this.padding,
      'NDHWC',
      this.dilationRate,
    );
    return this.activate(this.bias ? tf.add(y, this.bias.value) : y);
  }
}

/** A Conv3D layer: `conv3d({filters: 8, kernelSize: 3, padding: 'same'})`. */
export function conv3d(options: Conv3DOptions): Conv3D {
  return new Conv3D(options);
}

/** Registry entry for `Conv3D`. */
export const conv3dPlugin: LayerPlugin<Conv3DOptions> = {
  className: 'Conv3D',
  create: conv3d,
  fromConfig: (config) => new Conv3D(convOptionsFromKeras<Conv3DOptions>(config, 'Conv3D')),
};
