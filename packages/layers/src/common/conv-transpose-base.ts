import * as tf from '@tensorflow/tfjs-core';
import { at, ConfigError, InternalError, type Shape, type Shapes } from '@framewise/core';
import { deconvOutputLength, type Padding } from './conv-arithmetic.js';
import {
  BaseConv,
  convOptionsFromKeras,
  type BaseConvOptions,
  type ConvGeometry,
} from './conv-base.js';

/**
 * Base of Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: the Keras kernel layout
 * `[...kernelSize, filters, inChannels]`, Keras' output lengths, MACs per
 * input position, and `dilationRate` fixed at 1 (tfjs has no dilated
 * transposed convolution).
 */
export abstract class BaseConvTranspose extends BaseConv {
  declare readonly padding: Padding;

  constructor(options: BaseConvOptions, geometry: ConvGeometry) {
    super(options, geometry);
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
    const shape = inputShape as Shape;
    const positions = shape.slice(1, -1).reduce<number>((n, d) => n * (d ?? 0), 1);
    return positions * this.macsPerPosition(shape);
  }

  /** `[batch, ...output lengths, filters]` of a concrete input. */
  protected outputShapeOf(x: tf.Tensor): number[] {
    return this.computeOutputShape(x.shape).map((d) => {
      if (d === null) throw new InternalError('known sizes gave no output size');
      return d;
    });
  }

  /** Adds the bias (broadcast over the last axis) and applies the activation. */
  protected finish(y: tf.Tensor): tf.Tensor {
    return this.activate(this.bias ? tf.add(y, this.bias.value) : y);
  }

  override getConfig(): Record<string, unknown> {
    // Keras writes output_padding; null means Keras' default lengths, the only ones supported.
    return { ...super.getConfig(), output_padding: null };
  }
}

/**
 * tfjs-style options from a Keras transposed-convolution config; refuses
 * `output_padding` other than null, which tfjs cannot run.
 */
export function convTransposeOptionsFromKeras<T>(
  config: Record<string, unknown>,
  className: string,
): T {
  const outputPadding = config['output_padding'];
  if (outputPadding !== undefined && outputPadding !== null) {
    throw new ConfigError(
      `${className}: output_padding is not supported (tfjs has no output padding; only null, Keras' default lengths), received ${JSON.stringify(outputPadding)}`,
      String(config['name'] ?? ''),
    );
  }
  const { output_padding: _outputPadding, ...rest } = config;
  return convOptionsFromKeras<T>(rest, className);
}
