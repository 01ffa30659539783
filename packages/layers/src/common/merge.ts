import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  formatShape,
  isShapeList,
  Layer,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type Masks,
  type Shape,
  type Shapes,
  type StreamSupport,
  type SymbolicTensor,
  type Tensors,
} from '@framewise/core';
import { PER_STEP } from './stream.js';

/**
 * Base of the merge layers (Add, Multiply, Concatenate ...): several inputs,
 * one output. Element-wise merges broadcast as Keras does: sizes of 1 stretch,
 * and an input of lower rank is expanded at axis 1 (`[b, f]` with `[b, t, f]`
 * becomes `[b, 1, f]`), so per-sample data can meet per-step data.
 */
export abstract class Merge extends Layer {
  constructor(options: LayerOptions = {}) {
    super(options ?? {});
    this.supportsMasking = true;
  }

  /** The merge itself, on inputs of one rank that broadcast together. */
  protected abstract mergeFunction(inputs: tf.Tensor[]): tf.Tensor;

  /** Element by element across inputs: every step alone. */
  override streamSupport(inputShape: Shapes): StreamSupport {
    void inputShape;
    return PER_STEP;
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shapes = mergeInputShapes(inputShape, this.name);
    const batch = commonBatch(shapes, this.name);
    shapes.forEach((s, i) =>
      shapes.slice(0, i).forEach((earlier, j) => checkBroadcast(earlier, j, s, i, this.name)),
    );
    const features = shapes.map((s) => s.slice(1)).reduce((acc, s) => broadcastFeatures(acc, s));
    return [batch, ...features];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const xs = mergeInputTensors(inputs, this.name);
    const rank = Math.max(...xs.map((x) => x.rank));
    return this.mergeFunction(xs.map((x) => expandAtAxis1(x, rank)));
  }

  /** Keras: a position counts only where every masked input counts it (inputs without a mask count everywhere). */
  override computeMask(inputs: Tensors, mask: Masks | undefined): Masks {
    const masks = maskList(inputs, mask).filter((m): m is tf.Tensor => m !== null);
    if (masks.length === 0) return null;
    const rank = Math.max(...masks.map((m) => m.rank));
    return tf.tidy(() =>
      masks.map((m) => expandAtAxis1(m, rank)).reduce((acc, m) => tf.logicalAnd(acc, m)),
    );
  }
}

/** The input shapes of a merge layer; throws unless there are at least two. */
export function mergeInputShapes(inputShape: Shapes, layerName: string): Shape[] {
  const shapes = isShapeList(inputShape) ? inputShape : null;
  if (shapes === null || shapes.length < 2) {
    const got =
      shapes === null
        ? `one input ${formatShape(inputShape as Shape)}`
        : `${shapes.length} input(s)${shapes.length ? ` ${shapes.map(formatShape).join(', ')}` : ''}`;
    throw new ShapeError(`expected a list of at least 2 inputs, received ${got}`, layerName);
  }
  return shapes;
}

function mergeInputTensors(inputs: Tensors, layerName: string): tf.Tensor[] {
  if (!Array.isArray(inputs) || inputs.length < 2) {
    const got = Array.isArray(inputs)
      ? `${inputs.length} input(s)`
      : `one tensor ${formatShape(inputs.shape)}`;
    throw new ShapeError(`expected a list of at least 2 inputs, received ${got}`, layerName);
  }
  return inputs;
}

/** The batch size the inputs agree on (`null` when none is fixed); throws naming two that differ. */
export function commonBatch(shapes: Shape[], layerName: string): number | null {
  const fixed = shapes.findIndex((s) => s[0] !== null);
  const first = shapes[fixed];
  if (first === undefined) return null;
  const [batch = null] = first;
  const other = shapes.findIndex((s) => s[0] !== null && s[0] !== batch);
  if (other >= 0) {
    throw new ShapeError(
      `inputs must share their batch size, received input ${fixed} ${formatShape(first)} ` +
        `and input ${other} ${formatShape(at(shapes, other, 'input shape'))}`,
      layerName,
    );
  }
  return batch;
}

/** Right-aligned broadcast check of two inputs' feature axes (the batch axis is checked apart). */
function checkBroadcast(a: Shape, i: number, b: Shape, j: number, layerName: string): void {
  const fa = a.slice(1);
  const fb = b.slice(1);
  const n = Math.min(fa.length, fb.length);
  for (let k = 1; k <= n; k++) {
    const x = at(fa, fa.length - k, 'axis size');
    const y = at(fb, fb.length - k, 'axis size');
    if (x !== null && y !== null && x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(
        `input ${i} ${formatShape(a)} and input ${j} ${formatShape(b)} do not broadcast together: ` +
          `axis -${k} has sizes ${x} and ${y} (equal sizes or 1 expected)`,
        layerName,
      );
    }
  }
}

/** Broadcast of two compatible feature shapes; `null` wherever either size is unknown (as Keras). */
function broadcastFeatures(a: Shape, b: Shape): Shape {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out = long.slice(0, long.length - short.length);
  short.forEach((y, k) => {
    const x = at(long, long.length - short.length + k, 'axis size');
    out.push(x === null || y === null ? null : x === 1 ? y : x);
  });
  return out;
}

/** Inserts axes of size 1 after the batch axis until `x` has `rank` axes. */
export function expandAtAxis1(x: tf.Tensor, rank: number): tf.Tensor {
  if (x.rank >= rank) return x;
  const batch = at(x.shape, 0, 'batch size');
  return tf.reshape(x, [batch, ...Array<number>(rank - x.rank).fill(1), ...x.shape.slice(1)]);
}

/** One mask (or `null`) per input, whatever form the caller gave them in. */
export function maskList(inputs: Tensors, mask: Masks | undefined): (tf.Tensor | null)[] {
  const count = Array.isArray(inputs) ? inputs.length : 1;
  if (mask === undefined || mask === null) return Array<null>(count).fill(null);
  const list = Array.isArray(mask) ? mask : [mask];
  return Array.from({ length: count }, (_, i) => list[i] ?? null);
}

/**
 * tfjs-layers' factory forms: `add()` or `add({name})` makes the layer,
 * `add([a, b])` makes one and applies it at once.
 */
export function mergeFactory<L extends Merge, O extends LayerOptions>(
  make: (options?: O) => L,
): {
  (options?: O): L;
  (inputs: SymbolicTensor[]): SymbolicTensor;
  (inputs: tf.Tensor[]): tf.Tensor;
} {
  function factory(options?: O): L;
  function factory(inputs: SymbolicTensor[]): SymbolicTensor;
  function factory(inputs: tf.Tensor[]): tf.Tensor;
  function factory(arg?: O | SymbolicTensor[] | tf.Tensor[]): L | SymbolicTensor | tf.Tensor {
    if (Array.isArray(arg)) return make().apply(arg as SymbolicTensor[]) as SymbolicTensor;
    return make(arg);
  }
  return factory;
}
