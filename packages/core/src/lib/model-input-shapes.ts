import { at } from './checked.js';
import { ShapeError } from './errors.js';
import { formatShape, shapesCompatible, type Shape } from './shape.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/**
 * Throws `ShapeError` unless `shapes` give one shape per model input, each
 * compatible with the input's (`null` matches any size); `model` names the
 * model in the message.
 */
export function checkModelInputShapes(
  inputs: readonly SymbolicTensor[],
  shapes: readonly (readonly (number | null)[])[],
  model: string,
): void {
  if (shapes.length !== inputs.length) {
    throw new ShapeError(`expected ${inputs.length} input(s), received ${shapes.length}`, model);
  }
  shapes.forEach((s, i) => {
    const input = at(inputs, i, 'model input');
    const expected = input.shape;
    if (!shapesCompatible(s, expected)) {
      throw new ShapeError(
        `input ${input.sourceLayer.name}: expected shape ${formatShape(expected)}, received ${formatShape(s as Shape)}`,
        model,
      );
    }
  });
}
