import * as tf from '@tensorflow/tfjs-core';
import { required, type History } from '@framewise/core';
import {
  MOVING_SQUARES_RECIPE as recipe,
  movingSquares,
  movingSquaresClassifier,
} from '@framewise/examples';
import { BACKEND_CHOICES, parseBackend, startBackend, type BackendName } from '../lib/engine.js';
import { integerOption, parseCommandLine, type IntegerRange } from '../lib/args.js';
import { processIo, type Io } from '../lib/terminal.js';

/** What each option accepts: enough clips to validate on, and what trains in minutes, not days. */
export const TRAIN_EXAMPLE_RANGES: Readonly<Record<'epochs' | 'seed' | 'samples', IntegerRange>> = {
  epochs: { min: 1, max: 1000 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  samples: { min: 5, max: 10_000 },
};
const R = TRAIN_EXAMPLE_RANGES;

/** Options of `framewise train-example`. */
export interface TrainExampleArgs {
  epochs: number;
  seed: number;
  samples: number;
  /** An adapter through `useBackend`; undefined: `auto`. */
  backend: BackendName | undefined;
  json: boolean;
  help: boolean;
}

/** `framewise train-example --help`. */
export const TRAIN_EXAMPLE_USAGE = `Usage: framewise train-example [options]

Trains the frame-sequence classifier of the training guide on synthetic clips (a square moving
left, right, up or down across ${recipe.frames} frames of 16x16): TimeDistributed(Conv2D) ->
TimeDistributed(MaxPooling2D) -> TimeDistributed(Flatten) -> LSTM -> Dense(softmax). Shows a
progress bar per epoch on a terminal and prints the final validation accuracy.

Options:
  --epochs N        passes over the training clips, 1 to ${R.epochs.max} (default ${recipe.epochs})
  --seed N          seed of the clips, the starting weights and the shuffling, 0 to 2^32-1
                    (default ${recipe.seed})
  --samples N       clips to generate, ${R.samples.min} to ${R.samples.max}, the last 20% held out for
                    validation (default ${recipe.samples})
  --backend NAME    ${BACKEND_CHOICES.join(', ')} (default auto: the fastest available; on a
                    machine without a GPU, the cpu adapter's wasm engine)
  --json            print the result as JSON (history, validation accuracy, seconds)
  -h, --help        this text`;

/** Reads `framewise train-example`'s arguments (those after the command name). */
export function parseTrainExampleArgs(argv: string[]): TrainExampleArgs {
  const { values } = parseCommandLine(
    argv,
    {
      epochs: { type: 'string' },
      seed: { type: 'string' },
      samples: { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    false,
  );
  const { epochs, seed, samples } = TRAIN_EXAMPLE_RANGES;
  const backend = values.backend === undefined ? undefined : parseBackend(values.backend);
  return {
    epochs: integerOption(values.epochs, '--epochs', epochs) ?? recipe.epochs,
    seed: integerOption(values.seed, '--seed', seed) ?? recipe.seed,
    samples: integerOption(values.samples, '--samples', samples) ?? recipe.samples,
    backend,
    json: values.json,
    help: values.help,
  };
}

/**
 * `framewise train-example`: generates the clips, trains the classifier with
 * the guide's recipe and prints the final validation accuracy. Returns the exit code.
 */
export async function trainExample(args: TrainExampleArgs, io: Io): Promise<number> {
  if (args.help) {
    io.out(TRAIN_EXAMPLE_USAGE);
    return 0;
  }
  await startBackend(args.backend ?? 'auto', io);
  const { x, y } = movingSquares({ samples: args.samples, frames: recipe.frames, seed: args.seed });
  const model = movingSquaresClassifier({ seed: args.seed });
  // Passed as an instance, so it is this command's to dispose.
  const optimizer = tf.train.adam(recipe.learningRate);
  model.compile({
    optimizer,
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const validation = args.samples - Math.floor(args.samples * (1 - recipe.validationSplit));
  if (!args.json) {
    io.err(
      `moving squares: ${args.samples} clips of ${recipe.frames} frames, 16x16 (${args.samples - validation} to train, ` +
        `${validation} to validate), ${model.countParams()} parameters, backend ${tf.getBackend()}`,
    );
  }
  const started = Date.now();
  let history: History;
  try {
    history = await model.fit(x, y, {
      epochs: args.epochs,
      batchSize: recipe.batchSize,
      validationSplit: recipe.validationSplit,
      seed: args.seed,
      // The bar draws on the process' own terminal only; a caller's Io gets the result alone.
      verbose: io === processIo && !args.json ? 1 : 0,
    });
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
  const seconds = (Date.now() - started) / 1000;
  const accuracy = required(history.history['val_accuracy']?.at(-1), 'validation accuracy');
  if (args.json) {
    io.out(
      JSON.stringify(
        {
          epochs: args.epochs,
          seed: args.seed,
          samples: args.samples,
          validationSamples: validation,
          backend: tf.getBackend(),
          seconds,
          validationAccuracy: accuracy,
          history: history.history,
        },
        null,
        2,
      ),
    );
  } else {
    io.out(
      `validation accuracy: ${(accuracy * 100).toFixed(1)}% (${Math.round(accuracy * validation)}/${validation} clips) ` +
        `after ${args.epochs} epoch(s), ${seconds.toFixed(1)} s`,
    );
  }
  return 0;
}
