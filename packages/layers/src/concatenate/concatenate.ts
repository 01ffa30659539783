import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { perStepUnlessAcrossTime } from '../common/stream.js';
import { optionsFromKeras } from '../common/options.js';
import { maskList, Merge, mergeFactory, mergeInputShapes } from '../common/merge.js';

/** Options of `concatenate()` (tfjs-layers' names). */
export interface ConcatenateOptions extends LayerOptions {
  /** Axis to join along; default -1 (features). Axis 0, the batch, is refused. */
  axis?: number;
}

/**
 * Joins its inputs along one axis (Keras `Concatenate`). Every other axis must
 * match. Inside a TimeDistributed wrapper the axis counts on the per-step
 * shape: `axis: 1` is the first feature axis, not time.
 */
export class Concatenate extends Merge {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(options: ConcatenateOptions = {}) {
    super(options ?? {});
    const axis = options?.axis ?? -1;
    if (!Number.isInteger(axis)) {
      throw new ConfigError(`axis must be an integer, received ${JSON.stringify(axis)}`, this.name);
    }
    this.axis = axis;
  }

  /** The axis for inputs of `rank` axes, as a non-negative index; throws for the batch axis or out of range. */
  private resolveAxis(rank: number, shape: Shape): number {
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 1 || axis >= rank) {
      const why = axis === 0 ? ' (axis 0 is the batch axis)' : '';
      throw new ShapeError(
        `axis ${this.axis} must be a feature axis, 1 to ${rank - 1} or -1 to -${rank - 1}, ` +
          `for inputs of rank ${rank}${why}; received ${formatShape(shape)}`,
        this.name,
      );
    }
    return axis;
  }

  /** Joins steps side by side unless it concatenates along time. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    return perStepUnlessAcrossTime(inputShape, this.axis, 'concatenation axis');
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shapes = mergeInputShapes(inputShape, this.name);
    const first = at(shapes, 0, 'first input shape');
    const axis = this.resolveAxis(first.length, first);
    const out = first.slice();
    shapes.forEach((s, i) => {
      const sameRank = s.length === first.length;
      const mismatch = sameRank
        ? s.findIndex((d, k) => k !== axis && d !== null && out[k] !== null && d !== out[k])
        : -1;
      if (!sameRank || mismatch >= 0) {
        const j = sameRank
          ? shapes.findIndex((t) => t[mismatch] !== null && t[mismatch] !== s[mismatch])
          : 0;
        throw new ShapeError(
          `inputs must match on every axis but the concatenation axis ${this.axis}; received ` +
            `input ${j} ${formatShape(at(shapes, j, 'input shape'))} and input ${i} ${formatShape(s)}`,
          this.name,
        );
      }
      s.forEach((d, k) => {
        if (k !== axis && out[k] === null) out[k] = d;
      });
    });
    out[axis] = shapes.reduce<number | null>((n, s) => {
      const d = at(s, axis, 'concatenation axis');
      return n === null || d === null ? null : n + d;
    }, 0);
    return out;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const xs = inputs as tf.Tensor[];
    const shapes = mergeInputShapes(
      xs.map((x) => x.shape),
      this.name,
    );
    const first = at(shapes, 0, 'first input shape');
    return this.mergeFunction(xs, this.resolveAxis(first.length, first));
  }

  protected override mergeFunction(inputs: tf.Tensor[], axis = -1): tf.Tensor {
    return tf.concat(inputs, axis);
  }

  /**
   * Keras: each input's mask is spread over its input (no mask: all true), the
   * spread masks are joined like the inputs, and a position counts when all of
   * its last-axis entries do. Along features that is the AND of the masks;
   * along time it joins them.
   */
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    const masks = maskList(inputs, mask);
    if (masks.every((m) => m === null)) return null;
    const xs = inputs as tf.Tensor[];
    const first = at(xs, 0, 'first input');
    const axis = this.resolveAxis(first.rank, first.shape);
    return tf.tidy(() => {
      const spread = xs.map((x, i) => {
        const m = masks[i];
        if (!m) return tf.ones(x.shape, 'bool');
        const expanded = tf.reshape(m, [...m.shape, ...Array<number>(x.rank - m.rank).fill(1)]);
        return tf.cast(tf.broadcastTo(tf.cast(expanded, 'int32'), x.shape), 'bool');
      });
      return tf.all(tf.concat(spread, axis), -1);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** A Concatenate layer: `concatenate({axis})`, or `concatenate([a, b])` to apply one at once. */
export const concatenate = mergeFactory((options?: ConcatenateOptions) => new Concatenate(options));

/** Registry entry for `Concatenate`. */
export const concatenatePlugin: LayerPlugin<ConcatenateOptions> = {
  className: 'Concatenate',
  create: (options) => new Concatenate(options),
  fromConfig: (config) =>
    new Concatenate(optionsFromKeras<ConcatenateOptions>(config, 'Concatenate')),
};
