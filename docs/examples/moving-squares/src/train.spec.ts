import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { MOVING_SQUARES_RECIPE } from '@framewise/examples';
import { trainMovingSquares } from './train.js';

describe('moving squares example', () => {
  it(`reaches 95% validation accuracy in ${MOVING_SQUARES_RECIPE.epochs} epochs with seed 1`, async () => {
    resetNames();
    const epochTensors: number[] = [];
    const { history, validationAccuracy } = await trainMovingSquares({
      verbose: 0,
      callbacks: [{ onEpochEnd: () => void epochTensors.push(tf.memory().numTensors) }],
    });
    expect(validationAccuracy).toBeGreaterThanOrEqual(0.95);
    // It learned: the first epoch was far from it.
    expect(history.history['val_accuracy']![0]).toBeLessThan(0.8);
    expect(history.history['loss']!.at(-1)!).toBeLessThan(history.history['loss']![0]! / 5);
    // No tensor leaks across epochs (Adam's slots appear in the first).
    expect(new Set(epochTensors).size).toBe(1);
  }, 300_000);
});
