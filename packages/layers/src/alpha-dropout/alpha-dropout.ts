import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, formatShape, type LayerPlugin } from '@framewise/core';
import { dropRate, keepMask, NoiseLayer, type NoiseOptions } from '../common/noise.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `alphaDropout()` (tfjs-layers' names). */
export interface AlphaDropoutOptions extends NoiseOptions {
  /** Fraction of the values to drop while training, in [0, 1). */
  rate: number;
  /**
   * Shape of the keep/drop noise, batch axis first, the input's rank; `null`
   * takes the input's size, 1 shares one draw along that axis.
   */
  noiseShape?: (number | null)[];
}

// SELU's constants: a dropped value becomes SELU's negative saturation −λα.
const ALPHA_P = -1.6732632423543772 * 1.0507009873554805;

/**
 * Dropout for SELU networks (Keras `AlphaDropout`): dropped values become
 * −λα, then an affine map `a·x + b` restores the mean and variance a
 * standardised input had. Passes values through when not training.
 */
export class AlphaDropout extends NoiseLayer {
  static override readonly className = 'AlphaDropout';
  readonly rate: number;
  readonly noiseShapeOption: (number | null)[] | undefined;

  constructor(options: AlphaDropoutOptions) {
    const opts = options ?? ({} as AlphaDropoutOptions);
    super(opts);
    this.rate = dropRate(opts.rate, this.name);
    const ns = opts.noiseShape;
    if (
      ns !== undefined &&
      (!Array.isArray(ns) || ns.some((d) => d !== null && !(Number.isInteger(d) && d >= 1)))
    ) {
      throw new ConfigError(
        `noiseShape must list sizes ≥ 1 or null, batch axis first, received ${JSON.stringify(ns)}`,
        this.name,
      );
    }
    this.noiseShapeOption = ns?.slice();
  }

  protected override get active(): boolean {
    return this.rate > 0;
  }

  protected override noiseShape(shape: number[]): number[] {
    const ns = this.noiseShapeOption;
    if (ns === undefined) return shape.slice();
    if (ns.length !== shape.length || ns.some((d, i) => d !== null && d !== 1 && d !== shape[i])) {
      throw new ShapeError(
        `noiseShape ${JSON.stringify(ns)} does not fit the input ${formatShape(shape)}: ` +
          `expected the input's rank, each size null, 1 or the input's`,
        this.name,
      );
    }
    return ns.map((d, i) => d ?? shape[i] ?? 1);
  }

  protected override drawNoise(shape: number[]): tf.Tensor {
    return keepMask(this.uniform(shape), this.rate);
  }

  protected override applyNoise(x: tf.Tensor, kept: tf.Tensor): tf.Tensor {
    const rate = this.rate;
    const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * rate;
    // x where kept, −λα where dropped; then the affine correction.
    const dropped = tf.add(tf.mul(x, kept), tf.mul(tf.sub(1, kept), ALPHA_P));
    return tf.add(tf.mul(dropped, a), b);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noise_shape: this.noiseShapeOption?.slice() ?? null,
      seed: this.seed ?? null,
    };
  }
}

/** An AlphaDropout layer: `alphaDropout({rate: 0.1})`. */
export function alphaDropout(options: AlphaDropoutOptions): AlphaDropout {
  return new AlphaDropout(options);
}

/** Registry entry for `AlphaDropout`. */
export const alphaDropoutPlugin: LayerPlugin<AlphaDropoutOptions> = {
  className: 'AlphaDropout',
  create: alphaDropout,
  fromConfig: (config) =>
    new AlphaDropout(optionsFromKeras<AlphaDropoutOptions>(config, 'AlphaDropout')),
};
