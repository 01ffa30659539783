import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@framewise/core';
import {
  MOVING_SQUARES_RECIPE as recipe,
  movingSquares,
  movingSquaresClassifier,
} from '@framewise/examples';

/** Side of the classifier's square frames, in pixels: what every source is scaled down to. */
export const FRAME_SIZE = 16;

/** A training run the page can stop when the visitor leaves. */
export interface Training {
  /** The trained classifier, or undefined when the run was stopped first (its model disposed). */
  done: Promise<Model | undefined>;
  stop(): void;
}

/**
 * Trains the moving-squares classifier with the training guide's recipe (the same clips and
 * starting weights every time, so every visitor gets the same model), reporting each finished
 * epoch and its validation accuracy.
 */
export function trainClassifier(
  onEpoch: (epoch: number, epochs: number, accuracy: number | undefined) => void,
): Training {
  const model = movingSquaresClassifier({ size: FRAME_SIZE, seed: recipe.seed });
  let stopped = false;
  const run = async (): Promise<Model | undefined> => {
    const { x, y } = movingSquares({
      samples: recipe.samples,
      frames: recipe.frames,
      size: FRAME_SIZE,
      seed: recipe.seed,
    });
    const optimizer = tf.train.adam(recipe.learningRate);
    model.compile({ optimizer, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    try {
      await model.fit(x, y, {
        epochs: recipe.epochs,
        batchSize: recipe.batchSize,
        validationSplit: recipe.validationSplit,
        seed: recipe.seed,
        verbose: 0,
        callbacks: {
          // fit yields to microtasks only: a task between batches lets the page paint the
          // progress and answer clicks (leaving the page stops the run).
          onBatchEnd: () => new Promise<void>((next) => setTimeout(next, 0)),
          onEpochEnd: (epoch, logs) => onEpoch(epoch + 1, recipe.epochs, logs['val_accuracy']),
        },
      });
    } catch (e) {
      model.dispose();
      throw e;
    } finally {
      tf.dispose([x, y]);
      optimizer.dispose();
    }
    if (stopped) {
      model.dispose();
      return undefined;
    }
    return model;
  };
  return {
    done: run(),
    stop: () => {
      stopped = true;
      model.stopTraining = true;
    },
  };
}
