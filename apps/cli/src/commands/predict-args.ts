import { extname } from 'node:path';
import { BACKEND_CHOICES, parseBackend, type BackendName } from '../lib/engine.js';
import { integerOption, noMorePositionals, parseCommandLine, UsageError } from '../lib/args.js';

/** Samples per forward pass: one, up to a batch no backend would hold at once. */
export const BATCH_SIZE_RANGE = { min: 1, max: 65536 };

/** Options of `framewise predict`. */
export interface PredictArgs {
  model: string;
  /** One per model input: a .npy or .json file, or random:SHAPE. */
  inputs: string[];
  weights?: string;
  output?: string;
  batchSize: number;
  backend: BackendName;
  json: boolean;
  help: boolean;
}

/** `framewise predict --help`. */
export const PREDICT_USAGE = `Usage: framewise predict <model file> --input INPUT [options]

Runs a model on inputs and writes or prints its outputs.

Inputs (--input, once per model input, batch axis first):
  file.npy              a NumPy array (float32/64/16, int8-64, uint8-64, bool; C order)
  file.json             a nested array of numbers, or {"shape": [...], "data": [...]}
  random:SHAPE          uniform values in [0, 1), seeded (same numbers every run), e.g. random:4,12,8

Options:
  --input INPUT         see above; repeat for models with several inputs
  --weights FILE        a save_weights .h5 for a topology-only Keras JSON model
  --output FILE         write the outputs: .npy (float32, one output) or .json; without it the
                        outputs are printed (shape, range, first values)
  --batch-size N        samples per forward pass, ${BATCH_SIZE_RANGE.min} to ${BATCH_SIZE_RANGE.max} (default 32); several
                        batches show a progress bar on a terminal
  --json                print the outputs as JSON ({"outputs": [{"shape", "dtype", "data"}]})
  --backend NAME        ${BACKEND_CHOICES.join(', ')} (default auto)
  -h, --help            this text`;

/** Reads `framewise predict`'s arguments (those after the command name). */
export function parsePredictArgs(argv: string[]): PredictArgs {
  const { values, positionals } = parseCommandLine(argv, {
    input: { type: 'string', multiple: true },
    weights: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'batch-size': { type: 'string', default: '32' },
    backend: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const help = values.help;
  if (!help && positionals.length === 0) {
    throw new UsageError(
      'predict needs a model file: framewise predict <model file> --input INPUT (see framewise predict --help)',
    );
  }
  noMorePositionals(positionals, 1);
  if (!help && !values.input?.length) {
    throw new UsageError(
      'predict needs --input: a .npy or .json file, or random:SHAPE such as random:4,12,8',
    );
  }
  const batchSize = integerOption(values['batch-size'], '--batch-size', BATCH_SIZE_RANGE) ?? 32;
  const backend = parseBackend(values.backend);
  const output = values.output;
  if (output !== undefined && !['.npy', '.json'].includes(extname(output).toLowerCase())) {
    throw new UsageError(`--output must end in .npy or .json, received '${output}'`);
  }
  return {
    model: positionals[0] ?? '',
    inputs: values.input ?? [],
    ...(values.weights === undefined ? {} : { weights: values.weights }),
    ...(output === undefined ? {} : { output }),
    batchSize,
    backend,
    json: values.json,
    help,
  };
}
