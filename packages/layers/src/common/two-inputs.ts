import type * as tf from '@tensorflow/tfjs-core';
import { formatShape, isShapeList, ShapeError, type Shape, type Shapes } from '@framewise/core';

function describe(count: number, shapes: Shape[]): string {
  return `${count} input(s)${count ? ` ${shapes.map(formatShape).join(', ')}` : ''}`;
}

/** The two input shapes of a layer that takes exactly two (Subtract, Dot); throws otherwise. */
export function twoInputShapes(inputShape: Shapes, layerName: string): [Shape, Shape] {
  const shapes = isShapeList(inputShape) ? inputShape : null;
  const [a, b] = shapes ?? [];
  if (shapes === null || shapes.length !== 2 || a === undefined || b === undefined) {
    const got =
      shapes === null
        ? `one input ${formatShape(inputShape as Shape)}`
        : describe(shapes.length, shapes);
    throw new ShapeError(`expected a list of exactly 2 inputs, received ${got}`, layerName);
  }
  return [a, b];
}

/** The two input tensors of a layer that takes exactly two; throws otherwise. */
export function twoInputTensors(
  inputs: tf.Tensor | tf.Tensor[],
  layerName: string,
): [tf.Tensor, tf.Tensor] {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const [a, b] = list;
  if (!Array.isArray(inputs) || list.length !== 2 || a === undefined || b === undefined) {
    const got = Array.isArray(inputs)
      ? describe(
          list.length,
          list.map((x) => x.shape),
        )
      : `one tensor ${formatShape(inputs.shape)}`;
    throw new ShapeError(`expected a list of exactly 2 inputs, received ${got}`, layerName);
  }
  return [a, b];
}
