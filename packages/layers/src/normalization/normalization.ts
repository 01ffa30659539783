import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  formatShape,
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
import { perStepUnlessAcrossTime } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';
import { adaptStatistics, type Statistics } from './adapt.js';

/** A number, or nested lists of numbers (Keras writes `mean` and `variance` so). */
export type NestedNumbers = number | NestedNumbers[];

/** Options of `normalization()` (Keras names; tfjs-layers has no Normalization). */
export interface NormalizationOptions extends LayerOptions {
  /**
   * The axis or axes that keep their own mean and variance (default -1: one
   * per feature); every other axis shares them. `null` or `[]`: one mean and
   * variance for every value.
   */
  axis?: number | number[] | null;
  /** Fixed mean (with `variance`); broadcast to the kept axes. Without it, `adapt()` sets weights. */
  mean?: NestedNumbers | null;
  /** Fixed variance (with `mean`). */
  variance?: NestedNumbers | null;
  /** Undo the normalisation instead: `mean + x * sqrt(variance)` (Keras 3, tf.keras 2.12+). Default false. */
  invert?: boolean;
}

/** Keras' `backend.epsilon()`: the smallest standard deviation divided by. */
export const KERAS_EPSILON = 1e-7;

/**
 * Keras `Normalization`: `(x - mean) / max(sqrt(variance), 1e-7)` with a mean
 * and variance per position of the kept axes. They come either from the
 * config (`mean`, `variance`; no weights) or from `adapt(data)`, which stores
 * them in the non-trainable weights `mean`, `variance` and `count`, in that
 * order, as tf.keras 2.6+ and Keras 3 save them.
 */
export class Normalization extends Layer {
  static override readonly className = 'Normalization';
  /** The kept axes as given (negative ones count from the end). */
  readonly axis: number[];
  readonly invert: boolean;
  /** The config's mean and variance as given, with their shapes; no tensors held between calls. */
  private readonly fixed: Record<'mean' | 'variance', FixedValue> | undefined;
  private meanWeight: LayerVariable | undefined;
  private varianceWeight: LayerVariable | undefined;
  private countWeight: LayerVariable | undefined;
  private builtShape: Shape | undefined;
  /** Non-negative, sorted. */
  private keep: number[] = [];

  constructor(options: NormalizationOptions = {}) {
    const opts = options ?? {};
    super(opts);
    const axis = opts.axis === undefined ? -1 : opts.axis;
    const list = axis === null ? [] : Array.isArray(axis) ? axis.slice() : [axis];
    if (list.some((a) => !Number.isInteger(a)) || new Set(list).size !== list.length) {
      throw new ConfigError(
        `axis must be an integer, a list of distinct integers or null, received ${JSON.stringify(axis)}`,
        this.name,
      );
    }
    const hasMean = opts.mean !== undefined && opts.mean !== null;
    const hasVariance = opts.variance !== undefined && opts.variance !== null;
    if (hasMean !== hasVariance) {
      throw new ConfigError(
        `mean and variance go together: received ${hasMean ? 'a mean without a variance' : 'a variance without a mean'}`,
        this.name,
      );
    }
    if (opts.invert !== undefined && typeof opts.invert !== 'boolean') {
      throw new ConfigError(
        `invert must be true or false, received ${JSON.stringify(opts.invert)}`,
        this.name,
      );
    }
    this.axis = list;
    this.invert = opts.invert ?? false;
    if (hasMean) {
      this.fixed = {
        mean: fixedValue(opts.mean, 'mean', this.name),
        variance: fixedValue(opts.variance, 'variance', this.name),
      };
    }
    this.supportsMasking = true;
  }

  /** Kept axes for an input shape; throws for the batch axis or axes out of range. */
  private resolveKeep(shape: Shape): number[] {
    const rank = shape.length;
    const keep = this.axis.map((a) => (a < 0 ? a + rank : a));
    const bad = keep.findIndex((a) => a < 1 || a >= rank);
    if (bad >= 0) {
      const why =
        keep[bad] === 0 ? ' (axis 0 is the batch axis; every sample shares the statistics)' : '';
      throw new ShapeError(
        `axis ${this.axis[bad]} must be a feature axis, 1 to ${rank - 1} or -1 to -${rank - 1}, ` +
          `for an input of rank ${rank}${why}; received ${formatShape(shape)}`,
        this.name,
      );
    }
    if (new Set(keep).size !== keep.length) {
      throw new ShapeError(
        `axis ${JSON.stringify(this.axis)} names the same axis twice for ${formatShape(shape)}`,
        this.name,
      );
    }
    const unknown = keep.find((a) => shape[a] === null);
    if (unknown !== undefined) {
      throw new ShapeError(
        `the kept axes must have known sizes, axis ${unknown} of ${formatShape(shape)} is unknown`,
        this.name,
      );
    }
    return keep.sort((a, b) => a - b);
  }

  /** Shape of the statistics: the kept axes' sizes. */
  private statisticsShape(shape: Shape): number[] {
    return this.keep.map((a) => shape[a] ?? 0);
  }

  override build(inputShape: Shapes): void {
    const shape = inputShape as Shape;
    this.keep = this.resolveKeep(shape);
    const statShape = this.statisticsShape(shape);
    if (this.fixed) {
      for (const [name, v] of Object.entries(this.fixed)) {
        if (!broadcastsTo(v.shape, statShape)) {
          throw new ShapeError(
            `${name} of shape ${formatShape(v.shape)} does not broadcast to the kept axes ` +
              `${formatShape(statShape)} of the input ${formatShape(shape)}`,
            this.name,
          );
        }
      }
    } else {
      this.meanWeight = this.addWeight('mean', statShape, 'zeros', false);
      this.varianceWeight = this.addWeight('variance', statShape, 'ones', false);
      this.countWeight = this.addWeight('count', [], 'zeros', false);
    }
    this.builtShape = shape.slice();
    this.inputSpec = {
      ndim: shape.length,
      axes: Object.fromEntries(this.keep.map((a) => [a, shape[a] ?? 0])),
      describe: formatShape(shape),
    };
  }

  /** Statistics per position of the kept axes: per step unless time is one of them. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    return perStepUnlessAcrossTime(inputShape, this.axis, 'normalization axis');
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    this.resolveKeep(inputShape as Shape);
    return (inputShape as Shape).slice();
  }

  /** Mean and variance shaped to broadcast against an input of this shape. */
  private statistics(shape: number[]): Statistics {
    const broadcast = shape.map((d, i) => (this.keep.includes(i) ? d : 1));
    const statShape = this.statisticsShape(shape);
    const fixed = (v: FixedValue): tf.Tensor =>
      tf.broadcastTo(tf.tensor(v.flat, v.shape, 'float32'), statShape);
    const mean = this.fixed ? fixed(this.fixed.mean) : required(this.meanWeight, 'mean').value;
    const variance = this.fixed
      ? fixed(this.fixed.variance)
      : required(this.varianceWeight, 'variance').value;
    return { mean: tf.reshape(mean, broadcast), variance: tf.reshape(variance, broadcast) };
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x0 = inputs as tf.Tensor;
    const x = x0.dtype === 'float32' ? x0 : tf.cast(x0, 'float32');
    const { mean, variance } = this.statistics(x.shape);
    const std = tf.maximum(tf.sqrt(variance), KERAS_EPSILON);
    return this.invert ? tf.add(mean, tf.mul(x, std)) : tf.div(tf.sub(x, mean), std);
  }

  /**
   * Sets the weights `mean`, `variance` and `count` from data, as Keras'
   * `adapt()`: the population mean and variance over every axis but the kept
   * ones. `data` is one tensor `[samples, ...]` or a list of batches (their
   * statistics combine exactly as Keras combines its batches). Builds the
   * layer from the data's shape if it is not built; refused for a layer given
   * a fixed `mean` and `variance`.
   */
  adapt(data: tf.Tensor | tf.Tensor[]): void {
    if (this.fixed) {
      throw new ConfigError(
        'adapt() cannot change a Normalization layer built with a fixed mean and variance; ' +
          'create it without them to adapt it',
        this.name,
      );
    }
    const batches = Array.isArray(data) ? data : [data];
    const first = batches[0];
    if (first === undefined || batches.some((b) => !(b instanceof tf.Tensor))) {
      throw new ConfigError('adapt() needs a tensor or a non-empty list of tensors', this.name);
    }
    const shape: Shape = [null, ...first.shape.slice(1)];
    if (!this.built) this.ensureBuilt(shape);
    const built = required(this.builtShape, 'built shape');
    for (const b of batches) {
      const fits = b.rank === built.length && this.keep.every((a) => b.shape[a] === built[a]);
      if (!fits) {
        throw new ShapeError(
          `adapt() data must match the built input ${formatShape(built)} on the kept axes, ` +
            `received ${formatShape(b.shape)}`,
          this.name,
        );
      }
    }
    const reduce = built.map((_, i) => i).filter((i) => !this.keep.includes(i));
    const stats = adaptStatistics(batches, reduce);
    required(this.meanWeight, 'mean').value.assign(stats.mean);
    required(this.varianceWeight, 'variance').value.assign(stats.variance);
    required(this.countWeight, 'count').value.assign(stats.count);
    tf.dispose([stats.mean, stats.variance, stats.count]);
  }

  /** One multiply-add per value (subtract the mean, scale by 1/std), as the other normalisations count. */
  override macs(inputShape: Shapes): number {
    return sizeOf((inputShape as Shape).slice(1)) ?? 0;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axis: this.axis.slice(),
      invert: this.invert,
      mean: this.fixed ? structuredClone(this.fixed.mean.value) : null,
      variance: this.fixed ? structuredClone(this.fixed.variance.value) : null,
    };
  }
}

interface FixedValue {
  value: NestedNumbers;
  shape: number[];
  flat: number[];
}

/** A config mean or variance checked: finite numbers in a rectangular nest; throws `ConfigError` otherwise. */
function fixedValue(value: unknown, option: string, layerName: string): FixedValue {
  const fail = (): never => {
    throw new ConfigError(
      `${option} must be a finite number or rectangular nested lists of them, received ${JSON.stringify(value)}`,
      layerName,
    );
  };
  const shapeOf = (v: unknown): number[] => {
    if (typeof v === 'number') return Number.isFinite(v) ? [] : fail();
    if (!Array.isArray(v) || v.length === 0) return fail();
    const inner = v.map(shapeOf);
    const first = JSON.stringify(inner[0]);
    if (inner.some((s) => JSON.stringify(s) !== first)) fail();
    return [v.length, ...(inner[0] ?? [])];
  };
  const shape = shapeOf(value);
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
  return { value: structuredClone(value as NestedNumbers), shape, flat: flat(value) };
}

/** numpy broadcasting of `from` onto exactly `to`. */
function broadcastsTo(from: number[], to: number[]): boolean {
  if (from.length > to.length) return false;
  return from.every((d, i) => d === 1 || d === to[to.length - from.length + i]);
}

/** A Normalization layer: `normalization({mean, variance})`, or `normalization()` then `adapt(data)`. */
export function normalization(options?: NormalizationOptions): Normalization {
  return new Normalization(options);
}

/** Registry entry for `Normalization`. */
export const normalizationPlugin: LayerPlugin<NormalizationOptions> = {
  className: 'Normalization',
  create: normalization,
  fromConfig(config) {
    const options = optionsFromKeras<NormalizationOptions>(config, 'Normalization');
    // Keras writes `axis: null` for one mean over everything: keep it apart from "not given".
    return new Normalization(config['axis'] === null ? { ...options, axis: null } : options);
  },
};
