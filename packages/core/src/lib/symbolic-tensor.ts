import type { Layer } from './layer.js';
import { formatShape, type Shape } from './shape.js';

let nextId = 0;

/**
 * A placeholder for a tensor in a model graph: it has a shape (with `null` for
 * unknown sizes) and remembers which layer call produced it, but holds no data.
 */
export class SymbolicTensor {
  /** Unique within the program; used as a map key while executing graphs. */
  readonly id = nextId++;

  constructor(
    /** Shape including the batch axis, e.g. `[null, 12, 10]`. */
    readonly shape: Shape,
    /** Element type of the tensor it stands for. */
    readonly dtype: 'float32' | 'int32' | 'bool',
    /** The layer whose call produced it. */
    readonly sourceLayer: Layer,
    /** Which call of `sourceLayer` (index into its `inboundNodes`). */
    readonly nodeIndex: number,
    /** Which output of that call. */
    readonly tensorIndex: number,
  ) {}

  /** Keras-style name: `dense_1/0` for the first output of the first call of `dense_1`. */
  get name(): string {
    return `${this.sourceLayer.name}/${this.nodeIndex}/${this.tensorIndex}`;
  }

  /** Number of axes, batch included. */
  get rank(): number {
    return this.shape.length;
  }

  toString(): string {
    return `SymbolicTensor ${this.name} ${formatShape(this.shape)}`;
  }
}

/** True for a graph placeholder, false for anything else (a tf.Tensor, a number ...). */
export function isSymbolic(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor;
}
