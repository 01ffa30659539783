import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  ShapeError,
  sizeOf,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras } from '../common/options.js';
import { commonBatch, Merge } from '../common/merge.js';
import { twoInputShapes, twoInputTensors } from '../common/two-inputs.js';

/** Options of `dot()` (tfjs-layers' names). */
export interface DotOptions extends LayerOptions {
  /** The axis to contract, the same in both inputs, or one per input (`[1, 2]`). Negative counts from the end. */
  axes: number | [number, number];
  /** L2-normalise both inputs along the contracted axes first (a cosine similarity); default false. */
  normalize?: boolean;
}

/**
 * Dot product of two inputs per sample (Keras `Dot`, Keras 2's `batch_dot`):
 * input 0's axis `axes[0]` is contracted with input 1's axis `axes[1]`. The
 * output keeps input 0's other axes, then input 1's other axes but the batch;
 * a result with only the batch axis left gets an axis of 1 (`[batch, 1]`).
 */
export class Dot extends Merge {
  static override readonly className = 'Dot';
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(options: DotOptions) {
    const opts = options ?? ({} as DotOptions);
    super(opts);
    const axes: unknown = opts.axes;
    const pair = Array.isArray(axes) && axes.length === 2 && axes.every(Number.isInteger);
    if (!Number.isInteger(axes) && !pair) {
      throw new ConfigError(
        `axes must be an integer or a list of 2 integers, received ${JSON.stringify(axes)}`,
        this.name,
      );
    }
    if (opts.normalize !== undefined && typeof opts.normalize !== 'boolean') {
      throw new ConfigError(
        `normalize must be true or false, received ${JSON.stringify(opts.normalize)}`,
        this.name,
      );
    }
    this.axes = Array.isArray(opts.axes) ? [opts.axes[0], opts.axes[1]] : opts.axes;
    this.normalize = opts.normalize ?? false;
    // Masked inputs are accepted; the output has no mask (Keras: see computeMask).
    this.supportsMasking = true;
  }

  /** Non-negative axes for inputs of these ranks; throws for the batch axis or out of range. */
  private resolveAxes(a: Shape, b: Shape): [number, number] {
    const [x, y] = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    const resolve = (axis: number, s: Shape, which: string): number => {
      const k = axis < 0 ? axis + s.length : axis;
      if (k < 1 || k >= s.length) {
        const why = k === 0 ? ' (axis 0 is the batch axis)' : '';
        throw new ShapeError(
          `axes ${JSON.stringify(this.axes)}: axis ${axis} of ${which} ${formatShape(s)} must be ` +
            `a feature axis, 1 to ${s.length - 1} or -1 to -${s.length - 1}${why}`,
          this.name,
        );
      }
      return k;
    };
    return [resolve(x, a, 'input 0'), resolve(y, b, 'input 1')];
  }

  /** Checks ranks, batch and contracted sizes; returns the resolved axes. */
  private check(a: Shape, b: Shape): [number, number] {
    for (const [s, i] of [
      [a, 0],
      [b, 1],
    ] as const) {
      if (s.length < 2) {
        throw new ShapeError(
          `input ${i} must have a batch axis and at least one more, received ${formatShape(s)}`,
          this.name,
        );
      }
    }
    commonBatch([a, b], this.name);
    const [i, j] = this.resolveAxes(a, b);
    const [m, n] = [at(a, i, 'contracted size'), at(b, j, 'contracted size')];
    if (m !== null && n !== null && m !== n) {
      throw new ShapeError(
        `the contracted axes must have one size: axis ${i} of input 0 ${formatShape(a)} has ${m}, ` +
          `axis ${j} of input 1 ${formatShape(b)} has ${n}`,
        this.name,
      );
    }
    return [i, j];
  }

  /** Conservative: which axes meet depends on ranks and axes, so streams run it on a window. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return { kind: 'none', reason: 'Dot may pair positions across the time axis' };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [a, b] = twoInputShapes(inputShape, this.name);
    const [i, j] = this.check(a, b);
    const batch = commonBatch([a, b], this.name);
    const out = [
      batch,
      ...a.filter((_, k) => k !== i && k !== 0),
      ...b.filter((_, k) => k !== j && k !== 0),
    ];
    return out.length === 1 ? [batch, 1] : out;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return this.mergeFunction(twoInputTensors(inputs, this.name));
  }

  /** Both inputs as given (no rank expansion: the axes count on each input's own rank). */
  protected override mergeFunction(inputs: tf.Tensor[]): tf.Tensor {
    const [a, b] = twoInputTensors(inputs, this.name);
    const [i, j] = this.check(a.shape, b.shape);
    const x = this.normalize ? l2Normalize(a, i) : a;
    const y = this.normalize ? l2Normalize(b, j) : b;
    return batchDot(x, y, i, j);
  }

  /** Keras: `Dot` has no output mask. */
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    void inputs;
    void mask;
    return null;
  }

  /** One product per output value and contracted position (the normalisation is not counted). */
  override macs(inputShape: Shapes): number {
    const [a, b] = twoInputShapes(inputShape, this.name);
    const [i] = this.check(a, b);
    const out = this.computeOutputShape(inputShape);
    return (sizeOf(out.slice(1)) ?? 0) * (a[i] ?? 0);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      axes: Array.isArray(this.axes) ? this.axes.slice() : this.axes,
      normalize: this.normalize,
    };
  }
}

/** `x / sqrt(max(sum(x²), 1e-12))` along `axis`, as `tf.linalg.l2_normalize`. */
function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  const squares = tf.sum(tf.square(x), axis, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squares, 1e-12)));
}

/**
 * Keras 2's `batch_dot` with resolved axes: `x`'s axis `i` moves last, `y`'s
 * axis `j` moves to 1, both fold to rank 3, one batched matrix product, and
 * the folded axes unfold again.
 */
function batchDot(x: tf.Tensor, y: tf.Tensor, i: number, j: number): tf.Tensor {
  const batch = at(x.shape, 0, 'batch size');
  const xRest = x.shape.filter((_, k) => k !== i && k !== 0);
  const yRest = y.shape.filter((_, k) => k !== j && k !== 0);
  const xPerm = [0, ...x.shape.map((_, k) => k).filter((k) => k !== i && k !== 0), i];
  const yPerm = [0, j, ...y.shape.map((_, k) => k).filter((k) => k !== j && k !== 0)];
  const depth = at(x.shape, i, 'contracted size');
  const x3 = tf.reshape(tf.transpose(x, xPerm), [batch, sizeOf(xRest) ?? 1, depth]);
  const y3 = tf.reshape(tf.transpose(y, yPerm), [batch, depth, sizeOf(yRest) ?? 1]);
  const out = [...xRest, ...yRest];
  return tf.reshape(tf.matMul(x3, y3), [batch, ...(out.length === 0 ? [1] : out)]);
}

/** A Dot layer: `dot({axes: 1})`, then `.apply([a, b])`. */
export const dot = (options: DotOptions): Dot => new Dot(options);

/** Registry entry for `Dot`. */
export const dotPlugin: LayerPlugin<DotOptions> = {
  className: 'Dot',
  create: dot,
  fromConfig: (config) => new Dot(optionsFromKeras<DotOptions>(config, 'Dot')),
};
