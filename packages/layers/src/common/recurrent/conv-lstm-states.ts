import type * as tf from '@tensorflow/tfjs-core';
import { formatShape, ShapeError, type Shape } from '@framewise/core';

/** Two shapes agree where both sizes are known; the batch (axis 0) is not compared. */
const fits = (shape: Shape, expected: Shape): boolean =>
  shape.length === expected.length &&
  shape.every((d, j) => j === 0 || d === null || expected[j] === null || d === expected[j]);

/**
 * Checks the initial states given after a ConvLSTM's sequence: `[h, c]`,
 * each `expected` (`[batch, ...spatial, filters]`).
 */
export function checkInitialStateMaps(states: Shape[], expected: Shape, layerName: string): void {
  if (states.length !== 2) {
    throw new ShapeError(
      `expected 2 initial state(s) after the sequence, received ${states.length}`,
      layerName,
    );
  }
  states.forEach((s, i) => {
    if (!fits(s, expected)) {
      throw new ShapeError(
        `expected initial state ${i} of shape ${formatShape(expected)} [batch, ...spatial, filters], ` +
          `received ${formatShape(s)}`,
        layerName,
      );
    }
  });
}

/**
 * Checks the states given to a stateful ConvLSTM's `resetStates`: `[h, c]`,
 * each `expected` with every size known (`known`: the layer has seen its frame size).
 */
export function checkStateMaps(
  states: tf.Tensor[],
  expected: Shape,
  known: boolean,
  layerName: string,
): void {
  const ok =
    known &&
    states.length === 2 &&
    states.every((h) => h.shape.length === expected.length && fits(h.shape, expected));
  if (!ok) {
    throw new ShapeError(
      `resetStates expected 2 state(s) of shape ${formatShape(expected)} [batch, ...spatial, filters], ` +
        `received ${states.map((h) => formatShape(h.shape)).join(', ')}`,
      layerName,
    );
  }
}
