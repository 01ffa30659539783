import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  formatShape,
  getInitializer,
  Layer,
  required,
  serializeInitializer,
  ShapeError,
  sizeOf,
  type CallOptions,
  type Initializer,
  type LayerOptions,
  type WeightExtras,
  type LayerPlugin,
  type LayerVariable,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { perStepUnlessAcrossTime } from '../common/stream.js';
import {
  mergedStatistics,
  normalizeFeatures,
  perStepStatistics,
  updateMovingAverage,
  type BatchStatistics,
} from '../common/batch-statistics.js';
import { batchNormalizationOptionsFromKeras } from '../common/batch-normalization-config.js';
import type { InitializerOption } from '../common/options.js';
import {
  weightTraining,
  weightTrainingConfig,
  type NormalizationTrainingOptions,
} from '../common/training-fields.js';

/** Options of `batchNormalization()` (tfjs-layers' names and defaults). */
export interface BatchNormalizationOptions extends LayerOptions, NormalizationTrainingOptions {
  /** The feature axis, normalised per feature; negative counts from the end. Default -1. */
  axis?: number;
  /** Weight of the old value in the moving averages. Default 0.99. */
  momentum?: number;
  /** Added to the variance before the square root. Default 1e-3. */
  epsilon?: number;
  /** Learn an offset `beta`. Default true. */
  center?: boolean;
  /** Learn a scale `gamma`. Default true. */
  scale?: boolean;
  /** Default `zeros`. */
  betaInitializer?: InitializerOption;
  /** Default `ones`. */
  gammaInitializer?: InitializerOption;
  /** Default `zeros`. */
  movingMeanInitializer?: InitializerOption;
  /** Default `ones`. */
  movingVarianceInitializer?: InitializerOption;
}

/**
 * Normalises every feature to zero mean and unit variance, then scales by
 * `gamma` and shifts by `beta` (Keras' `BatchNormalization`).
 *
 * - Inference (`training` false or absent): the moving mean and variance, the
 *   same numbers as tfjs-layers.
 * - Training: the statistics of the batch, and each moving average moves once
 *   per call, `momentum * old + (1 - momentum) * batch`, with the population
 *   (biased) batch variance, as tf.keras 2 (non-fused, and fused since the fix
 *   of tensorflow#55545), Keras 3 and tfjs-layers do; standalone Keras 2.1-2.2
 *   used the unbiased variance for the moving average.
 * - A frozen layer (`trainable = false`) runs in inference mode even while
 *   training and leaves its moving averages alone, as tf.keras 2 and Keras 3.
 * - Inside `timeDistributed(...)` the wrapper says how it merged the steps
 *   (`options.steps`): `statistics: 'merged'` (default, tf.keras 2) takes them
 *   over all `batch*time` slices, `'perStep'` over the batch for each step.
 *   With the `loop` strategy each step is its own call: per-step statistics,
 *   like tfjs-layers' TimeDistributed, and the moving averages move once per
 *   step, `time` times per wrapper call.
 * - A mask (`[batch]`, `[batch, time]`, or the wrapper's merged one) leaves the
 *   masked slices out of the training statistics, as Keras' weighted moments;
 *   it is passed on unchanged.
 */
export class BatchNormalization extends Layer {
  static override readonly className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  /** Regularizer and constraint of `beta` and `gamma`. */
  readonly training: Record<'beta' | 'gamma', WeightExtras>;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  private gamma: LayerVariable | undefined;
  private beta: LayerVariable | undefined;
  private movingMean: LayerVariable | undefined;
  private movingVariance: LayerVariable | undefined;

  constructor(options: BatchNormalizationOptions = {}) {
    const opts = options ?? {};
    super(opts);
    const { axis = -1, momentum = 0.99, epsilon = 1e-3, center = true, scale = true } = opts;
    const isNumber = (v: unknown): v is number => typeof v === 'number';
    this.axis = check(axis, Number.isInteger(axis), 'axis', 'an integer', this.name);
    this.momentum = check(
      momentum,
      isNumber(momentum) && momentum >= 0 && momentum <= 1,
      'momentum',
      'a number between 0 and 1',
      this.name,
    );
    this.epsilon = check(
      epsilon,
      isNumber(epsilon) && epsilon >= 0,
      'epsilon',
      'a number ≥ 0',
      this.name,
    );
    this.center = check(center, typeof center === 'boolean', 'center', 'true or false', this.name);
    this.scale = check(scale, typeof scale === 'boolean', 'scale', 'true or false', this.name);
    this.betaInitializer = getInitializer(opts.betaInitializer ?? 'zeros', this.name);
    this.gammaInitializer = getInitializer(opts.gammaInitializer ?? 'ones', this.name);
    this.training = weightTraining(opts, ['beta', 'gamma'], this.name);
    this.movingMeanInitializer = getInitializer(opts.movingMeanInitializer ?? 'zeros', this.name);
    this.movingVarianceInitializer = getInitializer(
      opts.movingVarianceInitializer ?? 'ones',
      this.name,
    );
    this.supportsMasking = true;
    this.inputSpec = {
      minNdim: this.axis >= 0 ? this.axis + 1 : -this.axis,
      describe: this.describeAxes(),
    };
  }

  private describeAxes(): string {
    return this.axis === -1 ? '[batch, ..., features]' : `(features on axis ${this.axis})`;
  }

  /** The feature axis as a non-negative index for a rank; throws `ShapeError` when out of range. */
  private featureAxis(rank: number, shape: readonly (number | null)[]): number {
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    if (axis < 0 || axis >= rank) {
      throw new ShapeError(
        `axis ${this.axis} is out of range for an input of rank ${rank}: ${formatShape(shape)}`,
        this.name,
      );
    }
    return axis;
  }

  override build(inputShape: Shapes): void {
    const shape = inputShape as Shape;
    const axis = this.featureAxis(shape.length, shape);
    const features = shape[axis];
    if (features === null || features === undefined) {
      throw new ShapeError(
        `axis ${this.axis} of the input (the features) must have a known size to build, received ${formatShape(shape)}`,
        this.name,
      );
    }
    if (this.scale)
      this.gamma = this.addWeight(
        'gamma',
        [features],
        this.gammaInitializer,
        true,
        this.training.gamma,
      );
    if (this.center)
      this.beta = this.addWeight(
        'beta',
        [features],
        this.betaInitializer,
        true,
        this.training.beta,
      );
    this.movingMean = this.addWeight('moving_mean', [features], this.movingMeanInitializer, false);
    this.movingVariance = this.addWeight(
      'moving_variance',
      [features],
      this.movingVarianceInitializer,
      false,
    );
    // As Keras: the rank and the feature size are fixed from here on.
    this.inputSpec = {
      ndim: shape.length,
      axes: { [this.axis]: features },
      describe: this.describeAxes(),
    };
  }

  /** In inference, moving statistics per feature: per step unless the features are the time axis. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    return perStepUnlessAcrossTime(inputShape, this.axis, 'feature axis');
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    this.featureAxis(shape.length, shape);
    return shape.slice();
  }

  /**
   * False, although batch statistics couple the samples while training: the
   * layer reads the wrapper's step layout instead (`readsStepLayout`), so
   * TimeDistributed hands it the whole merged batch in one call and it takes
   * merged or per-step statistics itself. Saying true would make the wrapper's
   * `auto` strategy loop over the steps: per-step statistics and one moving
   * average update per step, which is neither tf.keras 2's TimeDistributed nor
   * the `merged` default, and slower.
   */
  override isBatchCoupled(training: boolean): boolean {
    void training;
    return false;
  }

  /**
   * True while training (and not frozen): the statistics need every slice of
   * the batch in one call (the wrapper never chunks it) and `options.steps`
   * says whether to take them merged or per step. In inference mode the moving
   * averages are all it needs, and chunked calls are fine.
   */
  override readsStepLayout(training: boolean): boolean {
    return training && this.trainable;
  }

  override call(inputs: Tensors, options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const axis = this.featureAxis(x.rank, x.shape);
    const gamma = this.gamma?.value;
    const beta = this.beta?.value;
    if (!(options.training === true && this.trainable)) {
      const moving = {
        mean: required(this.movingMean, 'moving mean').value,
        variance: required(this.movingVariance, 'moving variance').value,
      };
      return normalizeFeatures(x, axis, moving, gamma, beta, this.epsilon);
    }
    const mask = maskOf(options.mask);
    const steps = options.steps;
    let stats: BatchStatistics;
    let y: tf.Tensor;
    if (steps?.statistics === 'perStep' && steps.lead.length > 1 && axis > 0) {
      const perStep = perStepStatistics(x, axis, steps, mask, this.name);
      stats = perStep;
      const view = tf.reshape(x, perStep.view);
      y = tf.reshape(
        normalizeFeatures(view, axis + 1, perStep, gamma, beta, this.epsilon),
        x.shape,
      );
    } else {
      stats = mergedStatistics(x, axis, mask, this.name);
      y = normalizeFeatures(x, axis, stats, gamma, beta, this.epsilon);
    }
    updateMovingAverage(
      required(this.movingMean, 'moving mean').value,
      stats.featureMean,
      this.momentum,
    );
    updateMovingAverage(
      required(this.movingVariance, 'moving variance').value,
      stats.featureVariance,
      this.momentum,
    );
    return y;
  }

  /** One multiply-add per value once mean, variance, gamma and beta are folded into a scale and a shift. */
  override macs(inputShape: Shapes): number {
    return sizeOf((inputShape as Shape).slice(1)) ?? 0;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      moving_mean_initializer: serializeInitializer(this.movingMeanInitializer),
      moving_variance_initializer: serializeInitializer(this.movingVarianceInitializer),
      ...weightTrainingConfig(this.training),
    };
  }
}

function maskOf(mask: CallOptions['mask']): tf.Tensor | null {
  const m = Array.isArray(mask) ? mask[0] : mask;
  return m ?? null;
}

/** Returns `value` if `ok`, else throws a `ConfigError` saying what the option must be. */
function check<T>(value: T, ok: boolean, option: string, expected: string, layer: string): T {
  if (!ok) {
    throw new ConfigError(
      `${option} must be ${expected}, received ${JSON.stringify(value)}`,
      layer,
    );
  }
  return value;
}

/** A BatchNormalization layer: `batchNormalization()`, `batchNormalization({axis: 1})`. */
export function batchNormalization(options?: BatchNormalizationOptions): BatchNormalization {
  return new BatchNormalization(options);
}

/** Registry entry for `BatchNormalization`. */
export const batchNormalizationPlugin: LayerPlugin<BatchNormalizationOptions> = {
  className: 'BatchNormalization',
  create: batchNormalization,
  fromConfig: (config) =>
    new BatchNormalization(batchNormalizationOptionsFromKeras<BatchNormalizationOptions>(config)),
};
