import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { PER_STEP } from '../common/stream.js';

/** Options of `permute()` (tfjs-layers' names). */
export interface PermuteOptions extends LayerOptions {
  /**
   * The new order of the axes after the batch, counted from 1 as Keras does
   * (the batch axis, 0, never moves): `[2, 1]` swaps the two axes of
   * `[batch, steps, features]`.
   */
  dims: number[];
}

/** Checks that `dims` orders 1…k, each once. */
function checkDims(value: unknown, layerName: string): number[] {
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((d) => Number.isInteger(d)) &&
    [...(value as number[])].sort((a, b) => a - b).every((d, i) => d === i + 1);
  if (!ok) {
    throw new ConfigError(
      `dims must order the axes after the batch, 1 to k, each once (e.g. [2, 1]), received ` +
        `${JSON.stringify(value)}`,
      layerName,
    );
  }
  return (value as number[]).slice();
}

/**
 * Reorders the axes of each sample (Keras `Permute`); the batch axis stays
 * first. Wrapped in TimeDistributed it reorders each step's axes.
 */
export class Permute extends Layer {
  static override readonly className = 'Permute';
  readonly dims: number[];

  constructor(options: PermuteOptions) {
    super(options ?? {});
    this.dims = checkDims(options?.dims, this.name);
    this.inputSpec = {
      ndim: this.dims.length + 1,
      describe: `[batch, ...${this.dims.length} axes] (one axis per entry of dims)`,
    };
  }

  /** Per step while the time axis stays first (`dims[0]` is 1); otherwise steps are mixed. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return this.dims[0] === 1 ? PER_STEP : { kind: 'none', reason: 'it moves the time axis' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const [batch = null] = shape;
    return [batch, ...this.dims.map((d) => shape[d] ?? null)];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return tf.transpose(inputs as tf.Tensor, [0, ...this.dims]);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), dims: this.dims.slice() };
  }
}

/** A Permute layer: `permute({dims: [2, 1]})` turns `[batch, 10, 64]` into `[batch, 64, 10]`. */
export function permute(options: PermuteOptions): Permute {
  return new Permute(options);
}

/** Registry entry for `Permute`. */
export const permutePlugin: LayerPlugin<PermuteOptions> = {
  className: 'Permute',
  create: permute,
  fromConfig: (config) => new Permute(optionsFromKeras<PermuteOptions>(config, 'Permute')),
};
