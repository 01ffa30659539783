import * as tf from '@tensorflow/tfjs-core';
import { at, singletonOrArray, type Model } from '@framewise/core';
import type { NpyArray } from '../lib/npy.js';
import { startBackend } from '../lib/engine.js';
import type { Io } from '../lib/terminal.js';
import { openModel } from '../lib/model-file.js';
import { silentProgress, type Progress } from '../lib/progress.js';
import { InputFileError, readTensorInput } from '../lib/tensor-input.js';
import { describeOutput, outputsJson, writeOutputs } from '../lib/tensor-output.js';
import { PREDICT_USAGE, type PredictArgs } from './predict-args.js';

/** Makes the progress display for `total` batches; the CLI gives a terminal bar on a TTY. */
export type ProgressFactory = (total: number) => Progress;

function toTensor(a: NpyArray): tf.Tensor {
  // Models compute in float32; int32 stays int32 for layers that index (Embedding).
  return a.dtype === 'int32' ? tf.tensor(a.data, a.shape, 'int32') : tf.tensor(a.data, a.shape);
}

/** Runs the model batch by batch, reading each batch's outputs back before the next. */
async function run(
  model: Model,
  inputs: tf.Tensor[],
  batchSize: number,
  progress: Progress,
): Promise<NpyArray[]> {
  const n = at(inputs, 0, 'model input').shape[0] ?? 1;
  const batches = Math.max(1, Math.ceil(n / batchSize));
  const parts: {
    data: Float32Array | Int32Array | Uint8Array;
    shape: number[];
    dtype: string;
  }[][] = [];
  for (let b = 0; b < batches; b++) {
    const start = b * batchSize;
    const size = Math.min(batchSize, n - start);
    const outs = tf.tidy(() => {
      const slices = inputs.map((t) => (batches === 1 ? t : tf.slice(t, start, size)));
      const y = model.predict(singletonOrArray(slices));
      return Array.isArray(y) ? y : [y];
    });
    try {
      parts.push(
        await Promise.all(
          outs.map(async (t) => ({
            data: (await t.data()) as Float32Array | Int32Array | Uint8Array,
            shape: t.shape,
            dtype: t.dtype,
          })),
        ),
      );
    } finally {
      outs.forEach((t) => t.dispose());
    }
    progress.update(b + 1, batches);
  }
  progress.finish();
  return at(parts, 0, 'first batch').map((first, i) => {
    const chunks = parts.map((p) => at(p, i, 'batch output').data);
    const total = chunks.reduce((a, c) => a + c.length, 0);
    const dtype = first.dtype === 'int32' ? 'int32' : first.dtype === 'bool' ? 'bool' : 'float32';
    const data =
      dtype === 'int32'
        ? new Int32Array(total)
        : dtype === 'bool'
          ? new Uint8Array(total)
          : new Float32Array(total);
    let offset = 0;
    for (const c of chunks) {
      data.set(c, offset);
      offset += c.length;
    }
    const rows = parts.reduce((a, p) => a + (at(p, i, 'batch output').shape[0] ?? 0), 0);
    return { dtype, shape: [rows, ...first.shape.slice(1)], data };
  });
}

/**
 * `framewise predict <model> --input ...`: loads the model, reads the inputs, runs
 * them in batches and writes (`--output`) or prints the outputs. Returns the exit code.
 */
export async function predict(
  args: PredictArgs,
  io: Io,
  makeProgress: ProgressFactory = () => silentProgress,
): Promise<number> {
  if (args.help) {
    io.out(PREDICT_USAGE);
    return 0;
  }
  const arrays = await Promise.all(args.inputs.map((spec, i) => readTensorInput(spec, i)));
  await startBackend(args.backend, io);
  const model = await openModel(args.model, io, args.weights);
  const inputs: tf.Tensor[] = [];
  try {
    if (arrays.length !== model.inputs.length) {
      throw new InputFileError(
        `the model takes ${model.inputs.length} input(s) (${model.inputs
          .map((t) => `[${t.shape.map((d) => d ?? 'None').join(', ')}]`)
          .join(', ')}); --input was given ${arrays.length} time(s)`,
      );
    }
    const n = at(arrays, 0, 'input array').shape[0];
    if (arrays.some((a) => a.shape.length === 0 || a.shape[0] !== n)) {
      throw new InputFileError(
        `every input needs the same batch size on its first axis; received ${arrays
          .map((a) => `[${a.shape.join(', ')}]`)
          .join(', ')}`,
      );
    }
    inputs.push(...arrays.map(toTensor));
    const started = performance.now();
    const batches = Math.max(1, Math.ceil((n ?? 1) / args.batchSize));
    const outputs = await run(
      model,
      inputs,
      args.batchSize,
      batches > 1 ? makeProgress(batches) : silentProgress,
    );
    const ms = performance.now() - started;
    io.err(
      `framewise: predicted ${n} sample(s) in ${batches} batch(es) of up to ${args.batchSize} in ${ms.toFixed(1)} ms on ${tf.getBackend()}`,
    );
    if (args.output !== undefined) {
      await writeOutputs(args.output, outputs);
      if (args.json) {
        io.out(
          JSON.stringify({
            output: args.output,
            outputs: outputs.map((o) => ({ shape: o.shape, dtype: o.dtype })),
          }),
        );
      } else {
        io.out(`wrote ${args.output}`);
        outputs.forEach((o, i) => describeOutput(o, i, outputs.length).forEach((l) => io.out(l)));
      }
    } else if (args.json) {
      io.out(outputsJson(outputs));
    } else {
      outputs.forEach((o, i) => describeOutput(o, i, outputs.length).forEach((l) => io.out(l)));
    }
    return 0;
  } finally {
    inputs.forEach((t) => t.dispose());
    model.dispose();
  }
}
