import * as tf from '@tensorflow/tfjs-core';
import {
  required,
  type LayerOptions,
  type LayerVariable,
  type Shape,
  type Shapes,
} from '@framewise/core';
import type { Padding } from './conv-arithmetic.js';
import { BaseConv, type ConvGeometry, type ConvPadding } from './conv-base.js';
import {
  channelsOf,
  depthMultiplierOf,
  kernelPart,
  kernelPartsConfig,
  refuseKernelOptions,
  withoutKernelFields,
  type DepthwiseKernelOptions,
  type KernelPart,
  type PointwiseKernelOptions,
} from './depthwise-options.js';
import type { InitializerOption } from './options.js';
import type { KernelTrainingOptions } from './training-fields.js';

/** Options every separable convolution takes (tfjs-layers' names); each layer narrows the tuples. */
export interface SeparableConvOptions
  extends
    LayerOptions,
    DepthwiseKernelOptions,
    PointwiseKernelOptions,
    Pick<KernelTrainingOptions, 'biasRegularizer' | 'biasConstraint'> {
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: ConvPadding;
  dataFormat?: 'channelsLast';
  dilationRate?: number | number[];
  activation?: string;
  useBias?: boolean;
  biasInitializer?: InitializerOption;
}

/**
 * Base of SeparableConv1D and SeparableConv2D: a depthwise convolution
 * (`depthMultiplier` filters per input channel) followed by a 1×1 convolution
 * to `filters` channels. Weights in Keras' order: `depthwise_kernel`
 * `[...kernelSize, channels, depthMultiplier]`, `pointwise_kernel`
 * `[...1s, channels × depthMultiplier, filters]`, `bias` `[filters]`.
 */
export abstract class SeparableConv extends BaseConv {
  /** Output channels per input channel of the depthwise step. */
  readonly depthMultiplier: number;
  private readonly parts: Record<'depthwise' | 'pointwise', KernelPart>;
  protected depthwiseKernel: LayerVariable | undefined;
  protected pointwiseKernel: LayerVariable | undefined;

  constructor(options: SeparableConvOptions, geometry: ConvGeometry) {
    const opts = options ?? ({} as SeparableConvOptions);
    super(opts, geometry);
    refuseKernelOptions(opts, this.name, 'depthwise, pointwise');
    this.depthMultiplier = depthMultiplierOf(opts, this.name);
    this.parts = {
      depthwise: kernelPart(opts, 'depthwise', this.name),
      pointwise: kernelPart(opts, 'pointwise', this.name),
    };
  }

  override build(inputShape: Shapes): void {
    const channels = channelsOf(inputShape as Shape, this.name);
    const { depthwise, pointwise } = this.parts;
    const ones = this.kernelSize.map(() => 1);
    const mid = channels * this.depthMultiplier;
    this.depthwiseKernel = this.addWeight(
      'depthwise_kernel',
      [...this.kernelSize, channels, this.depthMultiplier],
      depthwise.initializer,
      true,
      depthwise.training,
    );
    this.pointwiseKernel = this.addWeight(
      'pointwise_kernel',
      [...ones, mid, this.filters],
      pointwise.initializer,
      true,
      pointwise.training,
    );
    if (this.settings.useBias) {
      const { biasInitializer, training } = this.settings;
      this.bias = this.addWeight('bias', [this.filters], biasInitializer, true, training.bias);
    }
    this.inputSpec = {
      ndim: this.kernelSize.length + 2,
      axes: { [-1]: channels },
      describe: this.inputSpec?.describe,
    };
  }

  /** Each output position: the depthwise taps, then the 1×1 mix of `channels × depthMultiplier` into `filters`. */
  protected override macsPerPosition(inputShape: Shape): number {
    const channels = inputShape[inputShape.length - 1] ?? 0;
    const mid = channels * this.depthMultiplier;
    return this.kernelSize.reduce((n, k) => n * k, 1) * mid + mid * this.filters;
  }

  /**
   * `activation(pointwise(depthwise(x)) + bias)` on a 4-D input, with the
   * kernels seen as 4-D (a 1-D layer adds a height-1 axis to both).
   */
  protected separable2d(
    x: tf.Tensor4D,
    reshape: (kernel: tf.Tensor) => tf.Tensor4D,
    strides: [number, number],
    pad: Padding,
    dilations: [number, number],
  ): tf.Tensor4D {
    const depthwise = reshape(required(this.depthwiseKernel, 'depthwise_kernel').value);
    const pointwise = reshape(required(this.pointwiseKernel, 'pointwise_kernel').value);
    const mid = tf.depthwiseConv2d(x, depthwise, strides, pad, 'NHWC', dilations);
    return this.fusedConv2d(mid, pointwise, [1, 1], 'valid', [1, 1]);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...withoutKernelFields(super.getConfig()),
      depth_multiplier: this.depthMultiplier,
      ...kernelPartsConfig(this.parts),
    };
  }
}
