import * as tf from '@tensorflow/tfjs-core';
import {
  fusedActivation,
  required,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import type { Padding } from '../common/conv-arithmetic.js';
import { BaseConv, convOptionsFromKeras, type BaseConvOptions } from '../common/conv-base.js';
import {
  channelsOf,
  depthMultiplierOf,
  kernelPart,
  kernelPartsConfig,
  refuseKernelOptions,
  withoutKernelFields,
  type DepthwiseKernelOptions,
  type KernelPart,
} from '../common/depthwise-options.js';
import type { InitializerOption } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';
import type { KernelTrainingOptions } from '../common/training-fields.js';

const HINT = spatialInputHint(2, 'depthwiseConv2d');

/** Options of `depthwiseConv2d()` (tfjs-layers' names). */
export interface DepthwiseConv2DOptions
  extends
    LayerOptions,
    DepthwiseKernelOptions,
    Pick<KernelTrainingOptions, 'biasRegularizer' | 'biasConstraint'> {
  /** `3` or `[3, 3]`. */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast` (`[batch, height, width, channels]`). */
  dataFormat?: 'channelsLast';
  /**
   * Default 1; cannot be combined with strides above 1. Keras applies it;
   * tfjs-layers ignores it. Training needs 1 (tfjs has no dilated gradient).
   */
  dilationRate?: number | [number, number];
  activation?: string;
  useBias?: boolean;
  biasInitializer?: InitializerOption;
}

/**
 * A depthwise 2-D convolution over `[batch, height, width, channels]`: each
 * input channel is convolved with its own `depthMultiplier` filters, giving
 * `channels × depthMultiplier` outputs. Its weights are `depthwise_kernel`
 * `[kh, kw, channels, depthMultiplier]` and `bias` `[channels × depthMultiplier]`
 * as in Keras. (`filters`, from the shared convolution base, is always 1 here.)
 */
export class DepthwiseConv2D extends BaseConv {
  static override readonly className = 'DepthwiseConv2D';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];
  declare readonly padding: Padding;
  declare readonly dilationRate: [number, number];
  /** Output channels per input channel. */
  readonly depthMultiplier: number;
  private readonly depthwise: KernelPart;

  constructor(options: DepthwiseConv2DOptions) {
    const opts = options ?? ({} as DepthwiseConv2DOptions);
    super({ ...opts, filters: 1 } as BaseConvOptions, {
      rank: 2,
      paddings: ['valid', 'same'],
      describe: HINT,
    });
    refuseKernelOptions(opts, this.name, 'depthwise');
    this.depthMultiplier = depthMultiplierOf(opts, this.name);
    this.depthwise = kernelPart(opts, 'depthwise', this.name);
  }

  override build(inputShape: Shapes): void {
    const channels = channelsOf(inputShape as Shape, this.name);
    this.kernel = this.addWeight(
      'depthwise_kernel',
      [...this.kernelSize, channels, this.depthMultiplier],
      this.depthwise.initializer,
      true,
      this.depthwise.training,
    );
    if (this.settings.useBias) {
      const { biasInitializer, training } = this.settings;
      const size = channels * this.depthMultiplier;
      this.bias = this.addWeight('bias', [size], biasInitializer, true, training.bias);
    }
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, describe: HINT };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const out = super.computeOutputShape(inputShape);
    const channels = (inputShape as Shape)[3] ?? null;
    return [...out.slice(0, -1), channels === null ? null : channels * this.depthMultiplier];
  }

  /** Each output position: kernel taps × input channels × depth multiplier. */
  protected override macsPerPosition(inputShape: Shape): number {
    const channels = inputShape[inputShape.length - 1] ?? 0;
    return this.kernelSize[0] * this.kernelSize[1] * channels * this.depthMultiplier;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const fused = fusedActivation(this.settings.activation);
    const y = tf.fused.depthwiseConv2d({
      x: inputs as tf.Tensor4D,
      filter: required(this.kernel, 'depthwise_kernel').value as tf.Tensor4D,
      strides: this.strides,
      pad: this.padding,
      dataFormat: 'NHWC',
      dilations: this.dilationRate,
      bias: this.bias?.value,
      activation: fused ?? 'linear',
    });
    return fused === undefined ? this.activate(y) : y;
  }

  override getConfig(): Record<string, unknown> {
    const { filters: _filters, ...config } = withoutKernelFields(super.getConfig());
    return {
      ...config,
      depth_multiplier: this.depthMultiplier,
      ...kernelPartsConfig({ depthwise: this.depthwise }),
    };
  }
}

/** A DepthwiseConv2D layer: `depthwiseConv2d({kernelSize: 3, padding: 'same'})` (MobileNet's blocks). */
export function depthwiseConv2d(options: DepthwiseConv2DOptions): DepthwiseConv2D {
  return new DepthwiseConv2D(options);
}

/** Registry entry for `DepthwiseConv2D`. */
export const depthwiseConv2dPlugin: LayerPlugin<DepthwiseConv2DOptions> = {
  className: 'DepthwiseConv2D',
  create: depthwiseConv2d,
  fromConfig: (config) =>
    new DepthwiseConv2D(convOptionsFromKeras<DepthwiseConv2DOptions>(config, 'DepthwiseConv2D')),
};
