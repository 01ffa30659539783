import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  formatShape,
  fusedActivation,
  getActivation,
  Layer,
  required,
  ShapeError,
  sizeOf,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type LayerVariable,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import {
  kernelSettings,
  kernelSettingsConfig,
  optionsFromKeras,
  positiveInt,
  type InitializerOption,
  type KernelSettings,
} from '../common/options.js';
import type { KernelTrainingOptions } from '../common/training-fields.js';

/** Options of `dense()` (tfjs-layers' names). */
export interface DenseOptions extends LayerOptions, KernelTrainingOptions {
  /** Output features. */
  units: number;
  /** Default `linear`. */
  activation?: string;
  /** Default true. */
  useBias?: boolean;
  /** Default `glorotUniform`. */
  kernelInitializer?: InitializerOption;
  /** Default `zeros`. */
  biasInitializer?: InitializerOption;
  /** Input features; same as `inputShape: [inputDim]`. */
  inputDim?: number;
}

/**
 * A fully connected layer on the last axis: `activation(x · kernel + bias)`.
 * Leading axes are carried through, so on `[batch, time, features]` it already
 * acts on every step with one kernel: that is why `Dense(10)` on `(12, 8)` has
 * the same 90 parameters with or without `TimeDistributed`.
 */
export class Dense extends Layer {
  static override readonly className = 'Dense';
  readonly units: number;
  readonly settings: KernelSettings;
  private kernel: LayerVariable | undefined;
  private bias: LayerVariable | undefined;

  constructor(options: DenseOptions) {
    const opts = options ?? ({} as DenseOptions);
    super(
      opts.inputDim !== undefined && !opts.inputShape
        ? { ...opts, inputShape: [opts.inputDim] }
        : opts,
    );
    this.units = positiveInt(opts.units, 'units', this.name);
    this.settings = kernelSettings(opts, this.name);
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2, describe: '[batch, ..., features]' };
  }

  override build(inputShape: Shapes): void {
    const inputDim = (inputShape as Shape)[(inputShape as Shape).length - 1];
    if (inputDim === null || inputDim === undefined) {
      throw new ShapeError(
        `the last axis of the input must be known to build, received ${formatShape(inputShape as Shape)}`,
        this.name,
      );
    }
    const s = this.settings;
    this.kernel = this.addWeight(
      'kernel',
      [inputDim, this.units],
      s.kernelInitializer,
      true,
      s.training.kernel,
    );
    if (s.useBias)
      this.bias = this.addWeight('bias', [this.units], s.biasInitializer, true, s.training.bias);
    this.inputSpec = { minNdim: 2, axes: { [-1]: inputDim }, describe: '[batch, ..., features]' };
  }

  /** Dense works on the last axis: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const s = inputShape as Shape;
    return [...s.slice(0, -1), this.units];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const kernel = required(this.kernel, 'kernel').value;
    const x2 = x.rank === 2 ? x : tf.reshape(x, [-1, at(kernel.shape, 0, 'kernel input size')]);
    const fused = fusedActivation(this.settings.activation);
    let y = tf.fused.matMul({
      a: x2,
      b: kernel,
      bias: this.bias?.value,
      activation: fused ?? 'linear',
    });
    if (fused === undefined) y = getActivation(this.settings.activation)(y) as tf.Tensor2D;
    return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
  }

  override macs(inputShape: Shapes): number {
    const s = inputShape as Shape;
    const positions = sizeOf(s.slice(1, -1)) ?? 0;
    return positions * (s[s.length - 1] ?? 0) * this.units;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      units: this.units,
      ...kernelSettingsConfig(this.settings, this.activityRegularizer),
    };
  }
}

/** A Dense layer: `dense({units: 10})`. */
export function dense(options: DenseOptions): Dense {
  return new Dense(options);
}

/** Registry entry for `Dense`. */
export const densePlugin: LayerPlugin<DenseOptions> = {
  className: 'Dense',
  create: dense,
  fromConfig: (config) => new Dense(optionsFromKeras<DenseOptions>(config, 'Dense')),
};
