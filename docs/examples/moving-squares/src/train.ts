import * as tf from '@tensorflow/tfjs-core';
import { required, type Callback, type History, type Model } from '@framewise/core';
import {
  movingSquares,
  movingSquaresClassifier,
  MOVING_SQUARES_RECIPE as recipe,
} from '@framewise/examples';

/** What {@link trainMovingSquares} returns. */
export interface TrainedMovingSquares {
  model: Model;
  history: History;
  /** Validation accuracy after the last epoch. */
  validationAccuracy: number;
}

/**
 * Generates the moving-square clips, builds the frame-sequence classifier and
 * trains it: sparse categorical crossentropy on the class indices, Adam, the
 * last 20% of the clips held out for validation, a fixed shuffling seed.
 */
export async function trainMovingSquares(
  options: { epochs?: number; seed?: number; callbacks?: Callback[]; verbose?: 0 | 1 } = {},
): Promise<TrainedMovingSquares> {
  const seed = options.seed ?? recipe.seed;
  const { x, y } = movingSquares({ samples: recipe.samples, frames: recipe.frames, seed });
  const model = movingSquaresClassifier({ seed });
  model.compile({
    optimizer: tf.train.adam(recipe.learningRate),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  try {
    const history = await model.fit(x, y, {
      epochs: options.epochs ?? recipe.epochs,
      batchSize: recipe.batchSize,
      validationSplit: recipe.validationSplit,
      seed,
      verbose: options.verbose ?? 1,
      callbacks: options.callbacks ?? [],
    });
    const validationAccuracy = required(
      history.history['val_accuracy']?.at(-1),
      'validation accuracy',
    );
    return { model, history, validationAccuracy };
  } finally {
    tf.dispose([x, y]);
  }
}
