import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  getInitializer,
  Layer,
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
import { optionsFromKeras, type InitializerOption } from '../common/options.js';
import {
  weightTraining,
  weightTrainingConfig,
  type NormalizationTrainingOptions,
} from '../common/training-fields.js';

/** Options of `layerNormalization()` (tfjs-layers' names and defaults). */
export interface LayerNormalizationOptions extends LayerOptions, NormalizationTrainingOptions {
  /** Axis or axes to normalise over, within one sample; default -1 (features). */
  axis?: number | number[];
  /** Added to the variance; default 1e-3. */
  epsilon?: number;
  /** Learn an offset `beta`; default true. */
  center?: boolean;
  /** Learn a scale `gamma`; default true. */
  scale?: boolean;
  /** Default `zeros`. */
  betaInitializer?: InitializerOption;
  /** Default `ones`. */
  gammaInitializer?: InitializerOption;
}

/**
 * Normalises each sample over its own feature axes (Keras
 * `LayerNormalization`): `(x - mean) / sqrt(var + epsilon) * gamma + beta`.
 * It never looks at other samples, so TimeDistributed merges steps freely.
 */
export class LayerNormalization extends Layer {
  static override readonly className = 'LayerNormalization';
  /** As given (Keras writes the list it resolved at build; either loads). */
  readonly axis: number | number[];
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly betaInitializer: Initializer;
  readonly gammaInitializer: Initializer;
  /** Regularizer and constraint of `beta` and `gamma`. */
  readonly training: Record<'beta' | 'gamma', WeightExtras>;
  private gamma: LayerVariable | undefined;
  private beta: LayerVariable | undefined;
  /** Non-negative, sorted: the weights' axes come in input order. */
  private axes: number[] = [];

  constructor(options: LayerNormalizationOptions = {}) {
    super(options ?? {});
    const opts = options ?? {};
    const axis = opts.axis ?? -1;
    const list = Array.isArray(axis) ? axis : [axis];
    if (list.length === 0 || list.some((a) => !Number.isInteger(a))) {
      throw new ConfigError(
        `axis must be an integer or a non-empty list of integers, received ${JSON.stringify(axis)}`,
        this.name,
      );
    }
    if (new Set(list).size !== list.length) {
      throw new ConfigError(`axis lists an axis twice: ${JSON.stringify(axis)}`, this.name);
    }
    const epsilon = opts.epsilon ?? 1e-3;
    if (typeof epsilon !== 'number' || !(epsilon > 0)) {
      throw new ConfigError(
        `epsilon must be a number > 0, received ${JSON.stringify(epsilon)}`,
        this.name,
      );
    }
    for (const key of ['center', 'scale'] as const) {
      if (opts[key] !== undefined && typeof opts[key] !== 'boolean') {
        throw new ConfigError(
          `${key} must be true or false, received ${JSON.stringify(opts[key])}`,
          this.name,
        );
      }
    }
    this.axis = Array.isArray(axis) ? axis.slice() : axis;
    this.epsilon = epsilon;
    this.center = opts.center ?? true;
    this.scale = opts.scale ?? true;
    this.betaInitializer = getInitializer(opts.betaInitializer ?? 'zeros', this.name);
    this.gammaInitializer = getInitializer(opts.gammaInitializer ?? 'ones', this.name);
    this.training = weightTraining(opts, ['beta', 'gamma'], this.name);
    this.supportsMasking = true;
    this.inputSpec = { minNdim: 2, describe: '[batch, ..., features]' };
  }

  /** The axes for an input shape; throws for the batch axis, axes out of range or repeated. */
  private resolveAxes(shape: Shape): number[] {
    const rank = shape.length;
    const list = Array.isArray(this.axis) ? this.axis : [this.axis];
    const axes = list.map((a) => (a < 0 ? a + rank : a));
    const bad = axes.findIndex((a) => a < 1 || a >= rank);
    if (bad >= 0) {
      const why =
        axes[bad] === 0 ? ' (axis 0 is the batch axis; each sample is normalised alone)' : '';
      throw new ShapeError(
        `axis ${list[bad]} must be a feature axis, 1 to ${rank - 1} or -1 to -${rank - 1}, ` +
          `for an input of rank ${rank}${why}; received ${formatShape(shape)}`,
        this.name,
      );
    }
    if (new Set(axes).size !== axes.length) {
      throw new ShapeError(
        `axis ${JSON.stringify(this.axis)} names the same axis twice for an input of rank ${rank}: ${formatShape(shape)}`,
        this.name,
      );
    }
    return axes.sort((a, b) => a - b);
  }

  override build(inputShape: Shapes): void {
    const shape = inputShape as Shape;
    const axes = this.resolveAxes(shape);
    const unknown = axes.find((a) => shape[a] === null);
    if (unknown !== undefined) {
      throw new ShapeError(
        `the normalised axes must have known sizes to build, axis ${unknown} of ${formatShape(shape)} is unknown`,
        this.name,
      );
    }
    const paramShape = axes.map((a) => shape[a]).filter((d) => typeof d === 'number');
    if (this.scale)
      this.gamma = this.addWeight(
        'gamma',
        paramShape,
        this.gammaInitializer,
        true,
        this.training.gamma,
      );
    if (this.center)
      this.beta = this.addWeight(
        'beta',
        paramShape,
        this.betaInitializer,
        true,
        this.training.beta,
      );
    this.axes = axes;
    this.inputSpec = {
      ndim: shape.length,
      axes: Object.fromEntries(paramShape.map((d, i) => [at(axes, i, 'normalised axis'), d])),
      describe: '[batch, ..., features]',
    };
  }

  /** Statistics over `axis`: per step unless it includes the time axis. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    return perStepUnlessAcrossTime(inputShape, this.axis, 'normalization axis');
  }

  override computeOutputShape(inputShape: Shapes): Shapes {
    this.resolveAxes(inputShape as Shape);
    return inputShape;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const { mean, variance } = tf.moments(x, this.axes, true);
    const paramShape = x.shape.map((d, i) => (this.axes.includes(i) ? d : 1));
    let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
    if (this.gamma) y = tf.mul(y, tf.reshape(this.gamma.value, paramShape));
    if (this.beta) y = tf.add(y, tf.reshape(this.beta.value, paramShape));
    return y;
  }

  /**
   * One multiply-add per value for the learned scale and offset (`* gamma +
   * beta`), as BatchNormalization counts its folded affine step; 0 without
   * either. The per-sample mean and variance are reductions, not counted.
   */
  override macs(inputShape: Shapes): number {
    if (!this.scale && !this.center) return 0;
    return sizeOf((inputShape as Shape).slice(1)) ?? 0;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: Array.isArray(this.axis) ? this.axis.slice() : this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      beta_initializer: serializeInitializer(this.betaInitializer),
      gamma_initializer: serializeInitializer(this.gammaInitializer),
      ...weightTrainingConfig(this.training),
    };
  }
}

/** A LayerNormalization layer: `layerNormalization()` normalises the last axis. */
export function layerNormalization(options?: LayerNormalizationOptions): LayerNormalization {
  return new LayerNormalization(options);
}

/** Registry entry for `LayerNormalization`. */
export const layerNormalizationPlugin: LayerPlugin<LayerNormalizationOptions> = {
  className: 'LayerNormalization',
  create: layerNormalization,
  fromConfig(config) {
    // Keras 3's RMS variant skips the mean; loading it as plain LayerNormalization would change the numbers.
    if (config['rms_scaling'] === true) {
      throw new ConfigError(
        'LayerNormalization: rms_scaling is not supported yet; received true',
        String(config['name'] ?? ''),
      );
    }
    const { rms_scaling: _rms, ...rest } = config;
    return new LayerNormalization(
      optionsFromKeras<LayerNormalizationOptions>(rest, 'LayerNormalization'),
    );
  },
};
