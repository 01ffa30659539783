import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  InternalError,
  required,
  type CallOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { deconvOutputLength, type Padding } from '../common/conv-arithmetic.js';
import { BaseConv, convOptionsFromKeras } from '../common/conv-base.js';
import { spatialInputHint } from '../common/spatial-options.js';
import type { Conv2DOptions } from '../conv2d/conv2d.js';

/** Options of `conv2dTranspose()`: those of `conv2d()`, with the differences below. */
export interface Conv2DTransposeOptions extends Conv2DOptions {
  /** Default 1; the upsampling factor. */
  strides?: number | [number, number];
  /** Default `valid`: `size * stride + max(kernel - stride, 0)`; `same`: `size * stride`. */
  padding?: Padding;
  /**
   * Only 1: tfjs has no dilated transposed convolution (tfjs-layers takes the
   * option and ignores it; Framewise refuses it instead).
   */
  dilationRate?: number | [number, number];
}

/**
 * A transposed 2-D convolution (the gradient of Conv2D, often called
 * deconvolution) over `[batch, height, width, channels]`: it upsamples by the
 * strides. Its kernel is `[kh, kw, filters, inChannels]` as in Keras.
 */
export class Conv2DTranspose extends BaseConv {
  static override readonly className = 'Conv2DTranspose';
  declare readonly kernelSize: [number, number];
  declare readonly strides: [number, number];
  declare readonly padding: Padding;

  constructor(options: Conv2DTransposeOptions) {
    super(options, {
      rank: 2,
      paddings: ['valid', 'same'],
      describe: spatialInputHint(2, 'conv2dTranspose'),
    });
    if (this.dilationRate.some((d) => d !== 1)) {
      throw new ConfigError(
        `dilationRate must be 1 for a transposed convolution (tfjs has none with dilation), ` +
          `received ${JSON.stringify(this.dilationRate)}`,
        this.name,
      );
    }
  }

  protected override kernelShape(channels: number): number[] {
    return [...this.kernelSize, this.filters, channels];
  }

  protected override outputLength(length: number | null, axis: number): number | null {
    return deconvOutputLength(
      length,
      at(this.kernelSize, axis, 'kernel size'),
      this.padding,
      at(this.strides, axis, 'stride'),
    );
  }

  /** Every input position scatters kernel × filters products per input channel (Keras-style count). */
  override macs(inputShape: Shapes): number {
    const [, h, w] = inputShape as Shape;
    return (h ?? 0) * (w ?? 0) * this.macsPerPosition(inputShape as Shape);
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor4D;
    const [batch, h, w] = x.shape;
    const [outH, outW] = [this.outputLength(h, 0), this.outputLength(w, 1)];
    if (outH === null || outW === null) throw new InternalError('known sizes gave no output size');
    const outputShape: [number, number, number, number] = [batch, outH, outW, this.filters];
    let y: tf.Tensor = tf.conv2dTranspose(
      x,
      required(this.kernel, 'kernel').value as tf.Tensor4D,
      outputShape,
      this.strides,
      this.padding,
    );
    if (this.bias) y = tf.add(y, this.bias.value);
    return this.activate(y);
  }

  override getConfig(): Record<string, unknown> {
    // Keras writes output_padding (tfjs-layers has none; null means Keras' default lengths).
    return { ...super.getConfig(), output_padding: null };
  }
}

/** A Conv2DTranspose layer: `conv2dTranspose({filters: 8, kernelSize: 2, strides: 2})` doubles height and width. */
export function conv2dTranspose(options: Conv2DTransposeOptions): Conv2DTranspose {
  return new Conv2DTranspose(options);
}

/** Registry entry for `Conv2DTranspose`; refuses Keras' `output_padding`, which tfjs cannot run. */
export const conv2dTransposePlugin: LayerPlugin<Conv2DTransposeOptions> = {
  className: 'Conv2DTranspose',
  create: conv2dTranspose,
  fromConfig: (config) => {
    const outputPadding = config['output_padding'];
    if (outputPadding !== undefined && outputPadding !== null) {
      throw new ConfigError(
        `Conv2DTranspose: output_padding is not supported (tfjs-layers has none), received ${JSON.stringify(outputPadding)}`,
        String(config['name'] ?? ''),
      );
    }
    const { output_padding: _outputPadding, ...rest } = config;
    return new Conv2DTranspose(
      convOptionsFromKeras<Conv2DTransposeOptions>(rest, 'Conv2DTranspose'),
    );
  },
};
