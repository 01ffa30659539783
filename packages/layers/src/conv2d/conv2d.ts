import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  fusedActivation,
  getActivation,
  Layer,
  ShapeError,
  formatShape,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type LayerVariable,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { convOutputLength, type Padding } from '../common/conv-arithmetic.js';
import {
  kernelSettings,
  kernelSettingsConfig,
  oneOf,
  optionsFromKeras,
  positiveInt,
  tuple,
  type InitializerOption,
  type KernelSettings,
} from '../common/options.js';

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

const SPEC_HINT =
  '[batch, height, width, channels]; for a sequence of images, wrap it: timeDistributed(conv2d(...))';

/** A 2-D convolution over `[batch, height, width, channels]`. */
export class Conv2D extends Layer {
  static override readonly className = 'Conv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly dilationRate: [number, number];
  readonly settings: KernelSettings;
  private kernel: LayerVariable | undefined;
  private bias: LayerVariable | undefined;

  constructor(options: Conv2DOptions) {
    const opts = options ?? ({} as Conv2DOptions);
    super(opts);
    this.filters = positiveInt(opts.filters, 'filters', this.name);
    this.kernelSize = tuple(opts.kernelSize, 2, 'kernelSize', this.name) as [number, number];
    this.strides = tuple(opts.strides ?? 1, 2, 'strides', this.name) as [number, number];
    this.dilationRate = tuple(opts.dilationRate ?? 1, 2, 'dilationRate', this.name) as [
      number,
      number,
    ];
    this.padding = oneOf(opts.padding ?? 'valid', ['valid', 'same'] as const, 'padding', this.name);
    oneOf(opts.dataFormat ?? 'channelsLast', ['channelsLast'] as const, 'dataFormat', this.name);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new ConfigError(
        `strides ${JSON.stringify(this.strides)} and dilationRate ${JSON.stringify(this.dilationRate)}: one of them must be 1`,
        this.name,
      );
    }
    this.settings = kernelSettings(opts, this.name);
    this.inputSpec = { ndim: 4, describe: SPEC_HINT };
  }

  override build(inputShape: Shapes): void {
    const channels = (inputShape as Shape)[3];
    if (channels === null || channels === undefined) {
      throw new ShapeError(
        `the channel axis of the input must be known to build, received ${formatShape(inputShape as Shape)}`,
        this.name,
      );
    }
    this.kernel = this.addWeight(
      'kernel',
      [...this.kernelSize, channels, this.filters],
      this.settings.kernelInitializer,
    );
    if (this.settings.useBias)
      this.bias = this.addWeight('bias', [this.filters], this.settings.biasInitializer);
    this.inputSpec = { ndim: 4, axes: { [-1]: channels }, describe: SPEC_HINT };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [batch, h, w] = inputShape as Shape;
    const out = [h!, w!].map((n, i) =>
      convOutputLength(
        n,
        this.kernelSize[i]!,
        this.padding,
        this.strides[i]!,
        this.dilationRate[i]!,
      ),
    );
    if (out.some((n) => n !== null && n < 1)) {
      throw new ShapeError(
        `kernel ${this.kernelSize.join('×')} (dilation ${this.dilationRate.join('×')}) does not fit an input of ` +
          `${h}×${w} with padding '${this.padding}'`,
        this.name,
      );
    }
    return [batch!, out[0]!, out[1]!, this.filters];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const fused = fusedActivation(this.settings.activation);
    const y = tf.fused.conv2d({
      x: inputs as tf.Tensor4D,
      filter: this.kernel!.value as tf.Tensor4D,
      strides: this.strides,
      pad: this.padding,
      dataFormat: 'NHWC',
      dilations: this.dilationRate,
      bias: this.bias?.value,
      activation: fused ?? 'linear',
    });
    return fused === undefined ? getActivation(this.settings.activation)(y) : y;
  }

  override macs(inputShape: Shapes): number {
    const out = this.computeOutputShape(inputShape);
    const channels = (inputShape as Shape)[3] ?? 0;
    return (
      (out[1] ?? 0) *
      (out[2] ?? 0) *
      this.kernelSize[0] *
      this.kernelSize[1] *
      channels *
      this.filters
    );
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
      ...kernelSettingsConfig(this.settings),
    };
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
  fromConfig: (config) => new Conv2D(optionsFromKeras<Conv2DOptions>(config, 'Conv2D')),
};
