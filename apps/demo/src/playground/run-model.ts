import * as tf from '@tensorflow/tfjs-core';
import { at, ConfigError, type Layer, type Model, type Shape } from '@framewise/core';
import { syntheticFrames } from './synthetic-frames.js';

/** Time steps used when the model leaves `time` open. */
export const OPEN_TIME_STEPS = 6;
/** Above this many input values the page does not run the model (it would stall the tab). */
export const MAX_INPUT_VALUES = 4_000_000;

/** One forward pass on the synthetic frames, sample 0 split into its time steps. */
export interface StepRun {
  /** The concrete input shape run, batch first. */
  inputShape: number[];
  outputShape: number[];
  /** Sample 0's input, one array per step, each shaped `stepInputShape`. */
  inputs: Float32Array[];
  stepInputShape: number[];
  /** Sample 0's output per step; one entry when the layer gives no time axis back. */
  outputs: Float32Array[];
  stepOutputShape: number[];
  /** Whether the output keeps the time axis (one output per step). */
  perStep: boolean;
  /** The layer's kernel, drawn once: every step goes through it. */
  kernel?: { name: string; shape: number[]; values: Float32Array };
  milliseconds: number;
}

/** The concrete shape to run for a model's input shape (open batch → 1, open time → 6). */
export function concreteShape(shape: Shape): number[] {
  const concrete = shape.map((d, i) => d ?? (i === 1 ? OPEN_TIME_STEPS : 1));
  const size = concrete.reduce((a, b) => a * b, 1);
  if (size > MAX_INPUT_VALUES) {
    throw new ConfigError(
      `the input ${JSON.stringify(concrete)} has ${size.toLocaleString('en')} values; the page runs at most ${MAX_INPUT_VALUES.toLocaleString('en')} (use a smaller batch, fewer steps or smaller frames)`,
    );
  }
  return concrete;
}

function split(values: Float32Array, count: number, size: number): Float32Array[] {
  return Array.from({ length: count }, (_, i) => values.slice(i * size, (i + 1) * size));
}

function kernelOf(layer: Layer): LayerKernel | undefined {
  const weights = layer.weights;
  return (
    weights.find((w) => /(^|\/)kernel$/u.test(w.name)) ?? weights.find((w) => w.shape.length >= 2)
  );
}
type LayerKernel = Layer['weights'][number];

/**
 * Runs the model once on the active backend (its weights are moved there first) and reads
 * back sample 0, step by step. Every tensor made here is freed before it returns.
 */
export async function runSteps(m: Model, layer: Layer, shape: Shape): Promise<StepRun> {
  const inputShape = concreteShape(shape);
  await m.moveToActiveBackend();
  const [batch, time, ...rest] = inputShape as [number, number, ...number[]];
  const data = syntheticFrames(inputShape);
  const started = performance.now();
  const x = tf.tensor(data, inputShape, 'float32');
  const predicted = m.predict(x);
  const y = Array.isArray(predicted) ? at(predicted, 0, 'model output') : predicted;
  let out: Float32Array;
  try {
    out = (await y.data()) as Float32Array;
  } finally {
    tf.dispose([x, ...(Array.isArray(predicted) ? predicted : [predicted])]);
  }
  const milliseconds = performance.now() - started;
  const outputShape = y.shape;
  const perStep = outputShape.length >= 2 && outputShape[1] === time;
  const stepSize = rest.reduce((a, b) => a * b, 1);
  const sampleOut = out.slice(0, out.length / batch);
  const stepOutputShape = perStep ? outputShape.slice(2) : outputShape.slice(1);
  const kernel = kernelOf(layer);
  return {
    inputShape,
    outputShape,
    inputs: split(data, time, stepSize),
    stepInputShape: rest,
    outputs: perStep ? split(sampleOut, time, sampleOut.length / time) : [sampleOut],
    stepOutputShape,
    perStep,
    milliseconds,
    ...(kernel
      ? {
          kernel: {
            name: kernel.name,
            shape: kernel.shape,
            values: (await kernel.value.data()) as Float32Array,
          },
        }
      : {}),
  };
}
