import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  fusedActivation,
  getActivation,
  Layer,
  ShapeError,
  type LayerOptions,
  type LayerVariable,
  type Shape,
  type Shapes,
} from '@framewise/core';
import { convOutputLength, type Padding } from './conv-arithmetic.js';
import {
  kernelSettings,
  kernelSettingsConfig,
  oneOf,
  optionsFromKeras,
  positiveInt,
  tuple,
  type InitializerOption,
  type KernelSettings,
} from './options.js';
import type { KernelTrainingOptions } from './training-fields.js';
import { channelsLastOnly, checkWindowFits, type DataFormat } from './spatial-options.js';

/** Padding of convolutions: `causal` (Conv1D only) pads the start so no output sees the future. */
export type ConvPadding = Padding | 'causal';

/** Options every convolution takes (tfjs-layers' names); each layer narrows the tuples to its rank. */
export interface BaseConvOptions extends LayerOptions, KernelTrainingOptions {
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: ConvPadding;
  dataFormat?: DataFormat;
  dilationRate?: number | number[];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/** What tells one convolution from another. */
export interface ConvGeometry {
  /** Spatial axes: 1 (steps), 2 (height, width) or 3 (depth, height, width). */
  rank: 1 | 2 | 3;
  /** Padding modes the layer accepts. */
  paddings: readonly ConvPadding[];
  /** Input axes for messages (see `spatialInputHint`). */
  describe: string;
}

/**
 * Base of the convolutions (Conv1D, Conv2D, Conv3D, their transposed and
 * separable kinds, DepthwiseConv2D): option checks, the kernel and
 * bias, shape inference, MACs and the Keras config. Subclasses give `call`,
 * and the transposed one its own kernel layout and output lengths.
 */
export abstract class BaseConv extends Layer {
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPadding;
  readonly dilationRate: number[];
  readonly settings: KernelSettings;
  protected kernel: LayerVariable | undefined;
  protected bias: LayerVariable | undefined;
  private readonly geometry: ConvGeometry;

  constructor(options: BaseConvOptions, geometry: ConvGeometry) {
    const opts = options ?? ({} as BaseConvOptions);
    super(opts);
    const { rank } = geometry;
    this.geometry = geometry;
    this.filters = positiveInt(opts.filters, 'filters', this.name);
    this.kernelSize = tuple(opts.kernelSize, rank, 'kernelSize', this.name);
    this.strides = tuple(opts.strides ?? 1, rank, 'strides', this.name);
    this.dilationRate = tuple(opts.dilationRate ?? 1, rank, 'dilationRate', this.name);
    this.padding = oneOf(opts.padding ?? 'valid', geometry.paddings, 'padding', this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ConfigError(
        `strides ${JSON.stringify(this.strides)} and dilationRate ${JSON.stringify(this.dilationRate)}: one of them must be 1`,
        this.name,
      );
    }
    this.settings = kernelSettings(opts, this.name);
    this.inputSpec = { ndim: rank + 2, describe: geometry.describe };
  }

  /** Kernel shape for an input with `channels` channels: `[...kernelSize, in, out]`. */
  protected kernelShape(channels: number): number[] {
    return [...this.kernelSize, channels, this.filters];
  }

  /** Output length along spatial axis `axis` (0-based) for an input length. */
  protected outputLength(length: number | null, axis: number): number | null {
    return convOutputLength(
      length,
      at(this.kernelSize, axis, 'kernel size'),
      this.padding === 'valid' ? 'valid' : 'same',
      at(this.strides, axis, 'stride'),
      at(this.dilationRate, axis, 'dilation rate'),
    );
  }

  override build(inputShape: Shapes): void {
    const shape = inputShape as Shape;
    const channels = shape[shape.length - 1];
    if (channels === null || channels === undefined) {
      throw new ShapeError(
        `the channel axis of the input must be known to build, received ${formatShape(shape)}`,
        this.name,
      );
    }
    this.kernel = this.addWeight(
      'kernel',
      this.kernelShape(channels),
      this.settings.kernelInitializer,
      true,
      this.settings.training.kernel,
    );
    if (this.settings.useBias) {
      const { biasInitializer, training } = this.settings;
      this.bias = this.addWeight('bias', [this.filters], biasInitializer, true, training.bias);
    }
    const { rank, describe } = this.geometry;
    this.inputSpec = { ndim: rank + 2, axes: { [-1]: channels }, describe };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const [batch = null] = shape;
    const { rank } = this.geometry;
    const out = shape.slice(1, 1 + rank).map((n, i) => this.outputLength(n, i));
    checkWindowFits(
      out,
      shape,
      rank,
      `kernel ${this.kernelSize.join('×')} (dilation ${this.dilationRate.join('×')})`,
      this.padding,
      this.name,
    );
    return [batch, ...out, this.filters];
  }

  /** Multiply-accumulates per sample: every output position sums kernel × input channels products per filter. */
  override macs(inputShape: Shapes): number {
    const shape = inputShape as Shape;
    const out = this.computeOutputShape(shape).slice(1, -1);
    return this.macsPerPosition(shape) * out.reduce<number>((n, d) => n * (d ?? 0), 1);
  }

  /** MACs one output position costs. */
  protected macsPerPosition(inputShape: Shape): number {
    const channels = inputShape[inputShape.length - 1] ?? 0;
    return this.kernelSize.reduce((n, k) => n * k, 1) * channels * this.filters;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize.slice(),
      strides: this.strides.slice(),
      padding: this.padding,
      data_format: 'channels_last',
      dilation_rate: this.dilationRate.slice(),
      ...kernelSettingsConfig(this.settings, this.activityRegularizer),
    };
  }

  /** The activation, for convolutions tfjs cannot fuse it into. */
  protected activate(y: tf.Tensor): tf.Tensor {
    return getActivation(this.settings.activation)(y);
  }

  /** `activation(conv2d(x, filter) + bias)` in one fused kernel where tfjs has one for the activation. */
  protected fusedConv2d(
    x: tf.Tensor4D,
    filter: tf.Tensor4D,
    strides: [number, number],
    pad: Padding,
    dilations: [number, number],
  ): tf.Tensor4D {
    const fused = fusedActivation(this.settings.activation);
    const y = tf.fused.conv2d({
      x,
      filter,
      strides,
      pad,
      dataFormat: 'NHWC',
      dilations,
      bias: this.bias?.value,
      activation: fused ?? 'linear',
    });
    return fused === undefined ? (this.activate(y) as tf.Tensor4D) : y;
  }
}

/**
 * tfjs-style options from a Keras convolution config. Keras ≥ 2.3 writes
 * `groups`; grouped convolutions are refused rather than run as ungrouped ones.
 */
export function convOptionsFromKeras<T>(config: Record<string, unknown>, className: string): T {
  const groups = config['groups'];
  if (groups !== undefined && groups !== null && groups !== 1) {
    throw new ConfigError(
      `${className}: groups must be 1 (grouped convolutions are not supported), received ${JSON.stringify(groups)}`,
      String(config['name'] ?? ''),
    );
  }
  const { groups: _groups, ...rest } = config;
  return optionsFromKeras<T>(rest, className);
}
