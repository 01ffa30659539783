import { BACKEND_CHOICES, parseBackend, type BackendName } from '../lib/engine.js';
import { integerOption, noMorePositionals, parseCommandLine, UsageError } from '../lib/args.js';

/** Steps the window mode keeps: one, up to far more than a window recomputed per step can afford. */
export const WINDOW_RANGE = { min: 1, max: 4096 };

/** How `framewise stream` runs the model: as `streamModel` decides, or forced to one way. */
export const STREAM_MODES = ['auto', 'exact', 'window'] as const;
export type StreamModeChoice = (typeof STREAM_MODES)[number];

/** Options of `framewise stream`. */
export interface StreamArgs {
  model: string;
  /** `[batch, time, ...frame]`: a .npy or .json file, or random:SHAPE. */
  input: string;
  weights?: string;
  /** Steps the window mode recomputes per push; undefined: the stream's default. */
  window?: number;
  mode: StreamModeChoice;
  backend: BackendName;
  json: boolean;
  help: boolean;
}

/** `framewise stream --help`. */
export const STREAM_USAGE = `Usage: framewise stream <model file> --input FRAMES [options]

Runs a model on a sequence one step at a time, as a live source would feed it (a camera, a
sensor): each step's frames go in, that step's outputs come out, printed with the time the step
took. Each step's output has a time axis of one step: [batch, 1, ...].

First line: how the model is streamed, and why:
  exact     every layer is causal: recurrent layers and causal convolutions carry their state
            from step to step, per-frame layers see the new frame alone; each step costs one
            frame of work, and its outputs equal predict on every step so far
  window    some layer sees later steps (a bidirectional RNN, a convolution padded 'same'), so
            each step runs the model on the last N steps (--window N; by default the model's
            own number of steps when its time axis is fixed)

Input (--input, batch axis first, then time, then the frame):
  frames.npy            a NumPy array [batch, time, ...frame]
  frames.json           a nested array, or {"shape": [...], "data": [...]}
  random:SHAPE          uniform values in [0, 1), the same every run, e.g. random:1,30,16,16,1

Options:
  --input FRAMES        see above (one input: the model's)
  --window N            steps each window-mode step runs on, ${WINDOW_RANGE.min} to ${WINDOW_RANGE.max}
  --mode MODE           ${STREAM_MODES.join(', ')} (default auto: exact where every layer is causal);
                        exact refuses a model with a layer that sees later steps
  --weights FILE        a save_weights .h5 for a topology-only Keras JSON model
  --json                one JSON object per step on stdout: {"step", "ms", "outputs": [{"shape",
                        "dtype", "data"}]}; the mode goes to stderr
  --backend NAME        ${BACKEND_CHOICES.join(', ')} (default auto)
  -h, --help            this text`;

function parseMode(value: string): StreamModeChoice {
  if (!(STREAM_MODES as readonly string[]).includes(value)) {
    throw new UsageError(`--mode must be one of ${STREAM_MODES.join(', ')}, received '${value}'`);
  }
  return value as StreamModeChoice;
}

/** Reads `framewise stream`'s arguments (those after the command name). */
export function parseStreamArgs(argv: string[]): StreamArgs {
  const { values, positionals } = parseCommandLine(argv, {
    input: { type: 'string' },
    weights: { type: 'string' },
    window: { type: 'string' },
    mode: { type: 'string', default: 'auto' },
    backend: { type: 'string', default: 'auto' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const help = values.help;
  if (!help && positionals.length === 0) {
    throw new UsageError(
      'stream needs a model file: framewise stream <model file> --input FRAMES (see framewise stream --help)',
    );
  }
  noMorePositionals(positionals, 1);
  if (!help && values.input === undefined) {
    throw new UsageError(
      'stream needs --input: a .npy or .json file of [batch, time, ...frame], or random:SHAPE such as random:1,30,8',
    );
  }
  const window = integerOption(values.window, '--window', WINDOW_RANGE);
  return {
    model: positionals[0] ?? '',
    input: values.input ?? '',
    ...(values.weights === undefined ? {} : { weights: values.weights }),
    ...(window === undefined ? {} : { window }),
    mode: parseMode(values.mode),
    backend: parseBackend(values.backend),
    json: values.json,
    help,
  };
}
