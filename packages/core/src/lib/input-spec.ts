import { ShapeError } from './errors.js';
import { formatShape } from './shape.js';

/**
 * What a layer accepts, checked before every call (Keras' `InputSpec`): a rank
 * or a rank range, and fixed sizes on some axes (negative axes count from the end).
 */
export interface InputSpec {
  ndim?: number;
  minNdim?: number;
  maxNdim?: number;
  axes?: Record<number, number>;
  /** What the axes mean, for messages: e.g. `[batch, height, width, channels]`. */
  describe?: string;
}

/** Throws a `ShapeError` naming the layer, the expectation and the shape received. */
export function checkInputSpec(
  spec: InputSpec | undefined,
  shape: readonly (number | null)[],
  layerName: string,
  what = 'input',
): void {
  if (!spec) return;
  const rank = shape.length;
  const expected = spec.describe ? ` ${spec.describe}` : '';
  if (spec.ndim !== undefined && rank !== spec.ndim) {
    throw new ShapeError(
      `expected ${what} of rank ${spec.ndim}${expected}, received rank ${rank}: ${formatShape(shape)}`,
      layerName,
    );
  }
  if (spec.minNdim !== undefined && rank < spec.minNdim) {
    throw new ShapeError(
      `expected ${what} of rank ${spec.minNdim} or more${expected}, received rank ${rank}: ${formatShape(shape)}`,
      layerName,
    );
  }
  if (spec.maxNdim !== undefined && rank > spec.maxNdim) {
    throw new ShapeError(
      `expected ${what} of rank ${spec.maxNdim} or less${expected}, received rank ${rank}: ${formatShape(shape)}`,
      layerName,
    );
  }
  for (const [key, size] of Object.entries(spec.axes ?? {})) {
    const axis = Number(key);
    const actual = shape[axis < 0 ? rank + axis : axis];
    if (actual !== null && actual !== undefined && actual !== size) {
      throw new ShapeError(
        `expected axis ${axis} of the ${what} to have size ${size} (fixed when the layer was built), ` +
          `received ${actual} in ${formatShape(shape)}`,
        layerName,
      );
    }
  }
}
