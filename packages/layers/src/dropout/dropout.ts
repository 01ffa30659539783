import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  Layer,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type StreamSupport,
  type StepLayout,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';

/** Options of `dropout()` (tfjs-layers' names). */
export interface DropoutOptions extends LayerOptions {
  /** Fraction of the values to drop while training, in [0, 1). */
  rate: number;
  /**
   * Shape of the keep/drop noise, batch axis first, the input's rank; `null`
   * takes the input's size, 1 shares one draw along that axis.
   */
  noiseShape?: (number | null)[];
  /** Makes the noise repeatable: every call with the same seed draws the same noise (as tfjs-layers). */
  seed?: number;
}

/**
 * Drops a random `rate` of the values while training and scales the rest by
 * `1 / (1 - rate)` (Keras `Dropout`); passes values through otherwise.
 *
 * In a TimeDistributed wrapper that merged steps into the batch, it reads the
 * wrapper's `noise`: `perStep` draws noise for every step, `shared` draws it
 * once per sample and reuses it at every step (the same units dropped all
 * along the sequence).
 */
export class Dropout extends Layer {
  static override readonly className = 'Dropout';
  readonly rate: number;
  readonly noiseShape: (number | null)[] | undefined;
  readonly seed: number | undefined;

  constructor(options: DropoutOptions) {
    super(options ?? {});
    const { rate, noiseShape, seed } = options ?? ({} as DropoutOptions);
    if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
      throw new ConfigError(
        `rate must be a number in [0, 1), received ${JSON.stringify(rate)}`,
        this.name,
      );
    }
    if (
      noiseShape !== undefined &&
      (!Array.isArray(noiseShape) ||
        noiseShape.some((d) => d !== null && !(Number.isInteger(d) && d >= 1)))
    ) {
      throw new ConfigError(
        `noiseShape must list sizes ≥ 1 or null, batch axis first, received ${JSON.stringify(noiseShape)}`,
        this.name,
      );
    }
    if (seed !== undefined && !Number.isFinite(seed)) {
      throw new ConfigError(`seed must be a number, received ${JSON.stringify(seed)}`, this.name);
    }
    this.rate = rate;
    this.noiseShape = noiseShape?.slice();
    this.seed = seed;
    this.supportsMasking = true;
  }

  /** A stream runs in inference mode, where Dropout passes steps through. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    const s = inputShape as Shape;
    if (this.noiseShape && this.noiseShape.length !== s.length) {
      throw new ShapeError(
        `noiseShape ${JSON.stringify(this.noiseShape)} has rank ${this.noiseShape.length}, ` +
          `but the input has rank ${s.length}: ${formatShape(s)}`,
        this.name,
      );
    }
    return inputShape;
  }

  /** The merged batch is split back only when there is noise to draw. */
  override readsStepLayout(training: boolean): boolean {
    return training && this.rate > 0;
  }

  override call(inputs: Tensors, options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    // A new handle, so disposing the output never frees the caller's input.
    if (!options.training || this.rate === 0) return tf.clone(x);
    const steps = options.steps;
    if (!steps) return tf.dropout(x, this.rate, this.noiseFor(x.shape), this.seed);
    return this.dropSteps(x, steps);
  }

  /**
   * `x` is `[batch*steps..., ...rest]`: split back to `[batch, steps..., ...rest]`,
   * draw noise per sample (and per step unless it is shared), merge again.
   */
  private dropSteps(x: tf.Tensor, steps: StepLayout): tf.Tensor {
    const lead = steps.lead;
    const rest = x.shape.slice(1);
    if (lead.reduce((a, b) => a * b, 1) !== x.shape[0]) {
      throw new ShapeError(
        `the step layout ${formatShape(lead)} does not cover the merged batch of ${formatShape(x.shape)}`,
        this.name,
      );
    }
    const sampleNoise = this.noiseFor([at(lead, 0, 'batch of the step layout'), ...rest]);
    const features = sampleNoise.slice(1);
    const stepNoise = lead.slice(1).map((t) => (steps.noise === 'shared' ? 1 : t));
    const split = tf.reshape(x, [...lead, ...rest]);
    const noise = [at(sampleNoise, 0, 'sample noise size'), ...stepNoise, ...features];
    const y = tf.dropout(split, this.rate, noise, this.seed);
    return tf.reshape(y, x.shape);
  }

  /** The noise shape for an input shape: `null`s filled in, sizes checked. */
  private noiseFor(shape: number[]): number[] {
    if (!this.noiseShape) return shape.slice();
    if (this.noiseShape.length !== shape.length) {
      throw new ShapeError(
        `noiseShape ${JSON.stringify(this.noiseShape)} has rank ${this.noiseShape.length}, ` +
          `but the input has rank ${shape.length}: ${formatShape(shape)}`,
        this.name,
      );
    }
    return this.noiseShape.map((d, i) => {
      if (d === null) return at(shape, i, 'input axis');
      if (d !== 1 && d !== shape[i]) {
        throw new ShapeError(
          `noiseShape ${JSON.stringify(this.noiseShape)} does not fit the input ${formatShape(shape)}: ` +
            `axis ${i} must be null, 1 or ${shape[i]}, received ${d}`,
          this.name,
        );
      }
      return d;
    });
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noise_shape: this.noiseShape?.slice() ?? null,
      seed: this.seed ?? null,
    };
  }
}

/** A Dropout layer: `dropout({rate: 0.5})`. */
export function dropout(options: DropoutOptions): Dropout {
  return new Dropout(options);
}

/** Registry entry for `Dropout`. */
export const dropoutPlugin: LayerPlugin<DropoutOptions> = {
  className: 'Dropout',
  create: dropout,
  fromConfig: (config) => new Dropout(optionsFromKeras<DropoutOptions>(config, 'Dropout')),
};
