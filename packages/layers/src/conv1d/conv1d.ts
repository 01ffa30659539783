import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  required,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamStepResult,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { BaseConv, convOptionsFromKeras, type ConvPadding } from '../common/conv-base.js';
import type { InitializerOption } from '../common/options.js';
import { spatialInputHint } from '../common/spatial-options.js';

/** Options of `conv1d()` (tfjs-layers' names). */
export interface Conv1DOptions extends LayerOptions {
  filters: number;
  /** `3` or `[3]`. */
  kernelSize: number | [number];
  /** Default 1. */
  strides?: number | [number];
  /**
   * Default `valid`. `causal` (Keras; tfjs-layers throws on it) pads the start
   * with `(kernelSize - 1) * dilationRate` zeros, so step t sees steps ≤ t only.
   */
  padding?: ConvPadding;
  /** Only `channelsLast` (`[batch, steps, channels]`). */
  dataFormat?: 'channelsLast';
  /** Default 1; cannot be combined with strides above 1. */
  dilationRate?: number | [number];
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
}

/** A 1-D (temporal) convolution over `[batch, steps, channels]`. */
export class Conv1D extends BaseConv {
  static override readonly className = 'Conv1D';

  constructor(options: Conv1DOptions) {
    super(options, {
      rank: 1,
      paddings: ['valid', 'same', 'causal'],
      describe: spatialInputHint(1, 'conv1d'),
    });
  }

  /** Steps before the current one that a causal output sees. */
  private get history(): number {
    return (at(this.kernelSize, 0, 'kernel size') - 1) * at(this.dilationRate, 0, 'dilation rate');
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    let x = inputs as tf.Tensor3D;
    if (this.padding === 'causal') {
      x = tf.pad(x, [
        [0, 0],
        [this.history, 0],
        [0, 0],
      ]);
    }
    return this.convolve(x);
  }

  /** Causal with stride 1: the stream keeps the last steps a new output still sees. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    if (this.padding !== 'causal') {
      return { kind: 'none', reason: `padding '${this.padding}' lets outputs see later steps` };
    }
    if (at(this.strides, 0, 'stride') !== 1) {
      return { kind: 'none', reason: 'strides above 1 skip steps' };
    }
    return { kind: 'carried', reducesTime: false };
  }

  /** The zero steps that causal padding puts before the sequence. */
  override initialStreamState(batch: number, inputShape: Shapes): tf.Tensor[] {
    const channels = (inputShape as Shape)[2] ?? 0;
    return [tf.zeros([batch, this.history, channels])];
  }

  override callStream(
    inputs: Tensors,
    state: tf.Tensor[],
    _options: CallOptions,
  ): StreamStepResult {
    const past = at(state, 0, 'Conv1D stream state');
    const x = tf.concat([past, inputs as tf.Tensor3D], 1) as tf.Tensor3D;
    const steps = x.shape[1];
    const keep = this.history;
    return {
      outputs: this.convolve(x),
      state: [tf.slice(x, [0, steps - keep, 0], [-1, keep, -1])],
    };
  }

  /** The convolution itself, on an input already padded as `padding` asks. */
  private convolve(x: tf.Tensor3D): tf.Tensor {
    const stride = at(this.strides, 0, 'stride');
    const dilation = at(this.dilationRate, 0, 'dilation rate');
    // tf.conv1d is this same reshape around conv2d; calling conv2d directly fuses bias and activation.
    const y = this.fusedConv2d(
      tf.expandDims(x, 1) as tf.Tensor4D,
      tf.expandDims(required(this.kernel, 'kernel').value, 0) as tf.Tensor4D,
      [1, stride],
      this.padding === 'same' ? 'same' : 'valid',
      [1, dilation],
    );
    return tf.squeeze(y, [1]);
  }
}

/** A Conv1D layer: `conv1d({filters: 16, kernelSize: 3, padding: 'causal'})`. */
export function conv1d(options: Conv1DOptions): Conv1D {
  return new Conv1D(options);
}

/** Registry entry for `Conv1D`. */
export const conv1dPlugin: LayerPlugin<Conv1DOptions> = {
  className: 'Conv1D',
  create: conv1d,
  fromConfig: (config) => new Conv1D(convOptionsFromKeras<Conv1DOptions>(config, 'Conv1D')),
};
