import * as tf from '@tensorflow/tfjs-core';
import { StreamError, type Model } from '@framewise/core';
import { streamModel, type ModelStream, type StreamOptions } from '@framewise/stream';
import { firstLine, UsageError } from '../lib/args.js';
import type { NpyArray } from '../lib/npy.js';
import { startBackend } from '../lib/engine.js';
import type { Io } from '../lib/terminal.js';
import { openModel } from '../lib/model-file.js';
import { silentProgress, type Progress } from '../lib/progress.js';
import { InputFileError, readTensorInput } from '../lib/tensor-input.js';
import { nest } from '../lib/tensor-output.js';
import { STREAM_USAGE, type StreamArgs } from './stream-args.js';

/** Makes the progress display for `total` steps; the CLI gives a terminal bar on a TTY. */
export type StepProgressFactory = (total: number) => Progress;

/** From this many steps on, a terminal shows a progress bar: shorter inputs finish at a glance. */
export const PROGRESS_FROM_STEPS = 32;

/** Values printed per output in a step's line. */
const SHOWN_VALUES = 6;

interface StepOutput {
  shape: number[];
  dtype: string;
  data: Float32Array | Int32Array | Uint8Array;
}

function toTensor(a: NpyArray): tf.Tensor {
  return a.dtype === 'int32' ? tf.tensor(a.data, a.shape, 'int32') : tf.tensor(a.data, a.shape);
}

/** Pushes step `t` of `frames` and reads its outputs back, so the time covers the whole step. */
async function step(stream: ModelStream, frames: tf.Tensor, t: number): Promise<StepOutput[]> {
  const outs = tf.tidy(() => {
    const y = stream.push(tf.slice(frames, [0, t], [-1, 1]));
    return Array.isArray(y) ? y : [y];
  });
  try {
    return await Promise.all(
      outs.map(async (o) => ({
        shape: o.shape,
        dtype: o.dtype,
        data: (await o.data()) as StepOutput['data'],
      })),
    );
  } finally {
    outs.forEach((o) => o.dispose());
  }
}

function stepLine(t: number, steps: number, ms: number, outputs: StepOutput[]): string {
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));
  const shown = outputs.map((o) => {
    const values = Array.from(o.data.subarray(0, SHOWN_VALUES), fmt).join(', ');
    return `[${o.shape.join(', ')}] ${values}${o.data.length > SHOWN_VALUES ? ', ...' : ''}`;
  });
  return `step ${t + 1} of ${steps}: ${ms.toFixed(2)} ms  ${shown.join('  |  ')}`;
}

/**
 * `streamModel`, with the CLI's words where a window is missing: the option, not the API's
 * `{ window }`, and a usage mistake (exit code 2) like any missing argument.
 */
function openStream(model: Model, options: StreamOptions): ModelStream {
  try {
    return streamModel(model, options);
  } catch (e) {
    const message = e instanceof StreamError ? firstLine(e.message) : '';
    if (options.window === undefined && message.includes('window mode needs a window')) {
      throw new UsageError(
        `${message.replace(/^[^:]*: (?=window mode)/, '').replace(/; pass streamModel\(.*$/, '')}; pass --window N, such as --window 16`,
      );
    }
    throw e;
  }
}

/**
 * `framewise stream <model> --input FRAMES`: loads the model, opens a stream on it and
 * pushes the input's steps one at a time, printing each step's outputs and time. Returns
 * the exit code.
 */
export async function stream(
  args: StreamArgs,
  io: Io,
  makeProgress: StepProgressFactory = () => silentProgress,
): Promise<number> {
  if (args.help) {
    io.out(STREAM_USAGE);
    return 0;
  }
  const array = await readTensorInput(args.input);
  if (array.shape.length < 2) {
    throw new InputFileError(
      `stream needs an input of [batch, time, ...frame], at least 2 axes; received [${array.shape.join(', ')}]`,
    );
  }
  const steps = array.shape[1] ?? 0;
  await startBackend(args.backend, io);
  const model = await openModel(args.model, io, args.weights);
  let frames: tf.Tensor | undefined;
  let live: ModelStream | undefined;
  try {
    const options: StreamOptions = {
      mode: args.mode,
      ...(args.window === undefined ? {} : { window: args.window }),
    };
    live = openStream(model, options);
    frames = toTensor(array);
    // The stream's reason may start with its mode ('exact: every layer is causal').
    const why = live.reason.replace(new RegExp(`^${live.mode}: `), '');
    if (args.json) io.err(`framewise: streaming in ${live.mode} mode: ${why}`);
    else io.out(`mode ${live.mode}: ${why}`);
    if (live.mode === 'exact' && args.window !== undefined) {
      io.err(`framewise: --window ${args.window} is unused: exact mode keeps no window`);
    }
    const progress = steps >= PROGRESS_FROM_STEPS ? makeProgress(steps) : silentProgress;
    const times: number[] = [];
    for (let t = 0; t < steps; t++) {
      const started = performance.now();
      const outputs = await step(live, frames, t);
      const ms = performance.now() - started;
      times.push(ms);
      if (args.json) {
        io.out(
          JSON.stringify({
            step: t + 1,
            ms,
            outputs: outputs.map((o) => ({
              shape: o.shape,
              dtype: o.dtype,
              data: nest(o.data, o.shape),
            })),
          }),
        );
      } else {
        io.out(stepLine(t, steps, ms, outputs));
      }
      progress.update(t + 1, steps);
    }
    progress.finish();
    const total = times.reduce((a, b) => a + b, 0);
    io.err(
      `framewise: streamed ${steps} step(s) of batch ${array.shape[0]} in ${total.toFixed(1)} ms ` +
        `(${(steps ? total / steps : 0).toFixed(2)} ms per step) on ${tf.getBackend()}`,
    );
    return 0;
  } finally {
    live?.dispose();
    frames?.dispose();
    model.dispose();
  }
}
