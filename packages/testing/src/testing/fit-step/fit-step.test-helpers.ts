import * as tf from '@tensorflow/tfjs-core';
import { at, input, model, resetNames, type Model, type SymbolicTensor } from '@framewise/core';
import { dense, masking } from '@framewise/layers';
import {
  firstIsMulti,
  firstShapes,
  makeInputs,
  makeLayer,
  makeMask,
  outputList,
} from '../../lib/layer-kit/kit-inputs.js';
import { SeededRandom, seededWeights } from '../../lib/seeded-random.js';
import type { CatalogEntry } from '../layer-catalog/entry.test-helpers.js';

/**
 * SGD's learning rate for the step. With 1, a weight moves by exactly its gradient, so the
 * difference between two engines' updated weights is the difference between their gradients.
 */
export const LEARNING_RATE = 1;

/** What one `fit` step left in a model's weights, on the active engine. */
export interface FitStepRun {
  /** Weight names, in `model.weights` order. */
  names: string[];
  /** Which of them the optimizer trains. */
  trainable: boolean[];
  /** Values before the step (the same on every engine: drawn in JavaScript). */
  before: Float32Array[];
  /** Values after the step, read back from the engine. */
  after: Float32Array[];
  /** Tensors left behind by the run: 0 unless something leaked. */
  leakedTensors: number;
}

const SEED = 11;
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The entry's inputs as plain values, with the steps its mask hides zeroed: the model puts
 * a Masking layer in front, which turns those zero steps back into the same mask.
 */
export async function inputValues(entry: CatalogEntry, shapes: number[][]): Promise<tf.Tensor[]> {
  const made = makeInputs(entry.spec, shapes);
  const mask = makeMask(entry.spec, at(shapes, 0, 'first input shape'));
  if (!mask) return made;
  const first = at(made, 0, 'first input');
  const [values, keep] = await Promise.all([first.data(), mask.data()]);
  const perStep = size(first.shape.slice(2));
  const zeroed = Float32Array.from(values, (v, i) =>
    at(keep, Math.floor(i / perStep), 'mask value') ? v : 0,
  );
  tf.dispose([first, mask]);
  return [tf.tensor(zeroed, first.shape, 'float32'), ...made.slice(1)];
}

/**
 * The entry's layer inside a model that trains every part of it:
 * - a bias-free Dense (features to features) before each float input, so that even a layer
 *   without weights passes a gradient back (that Dense's kernel only moves if the layer's
 *   input gradient is right), and a zero step stays zero;
 * - a Masking layer after it when the entry calls the layer with a mask: the inputs have the
 *   hidden steps zeroed, so the layer receives the entry's mask, computed in the graph.
 * Integer inputs (indices for Embedding) go straight in. The batch is fixed (stateful RNNs).
 */
export function buildModel(entry: CatalogEntry, inputs: tf.Tensor[]): Model {
  const multi = firstIsMulti(entry.spec);
  const xs = inputs.map((x) =>
    input({ batchShape: x.shape, dtype: x.dtype === 'int32' ? 'int32' : 'float32' }),
  );
  const fed: SymbolicTensor[] = xs.map((x, i) => {
    if (at(inputs, i, 'input').dtype === 'int32') return x;
    const features = at(x.shape, x.shape.length - 1, 'features') ?? 1;
    const h = dense({ units: features, useBias: false }).apply(x) as SymbolicTensor;
    return i === 0 && entry.spec.mask ? (masking({ maskValue: 0 }).apply(h) as SymbolicTensor) : h;
  });
  // Random layers draw the same numbers on every engine only with a fixed seed.
  const spec = entry.spec.randomInTraining
    ? { ...entry.spec, options: { ...(entry.spec.options as object), seed: SEED } }
    : entry.spec;
  const y = makeLayer(spec).apply(multi ? fed : at(fed, 0, 'the one input'));
  return model({ inputs: multi ? xs : at(xs, 0, 'the one input'), outputs: outputList(y) });
}

/** Trainable weights seeded U(±1/√fanIn); the others (moving statistics) as initialised. */
export async function seedWeights(m: Model): Promise<Float32Array[]> {
  const drawn = seededWeights(
    m.weights.map((w) => w.shape),
    SEED,
  );
  const values = await Promise.all(
    m.weights.map(async (w, i) =>
      w.trainable ? at(drawn, i, 'seeded weight') : ((await w.value.data()) as Float32Array),
    ),
  );
  const tensors = values.map((v, i) => tf.tensor(v, at(m.weights, i, 'weight').shape, 'float32'));
  m.setWeights(tensors);
  tf.dispose(tensors);
  return values;
}

/**
 * Builds the entry's training model on the active engine, with seeded weights, inputs and
 * targets (N(0, 1), the output's shape), takes one `fit` step (SGD, mean squared error on
 * every output, the whole batch, no shuffling), and reads the weights back. Frees everything
 * it made.
 */
export async function fitOneStep(entry: CatalogEntry): Promise<FitStepRun> {
  resetNames();
  const before = tf.memory().numTensors;
  const shapes = firstShapes(entry.spec);
  const inputs = await inputValues(entry, shapes);
  const held: tf.Tensor[] = [...inputs];
  let m: Model | undefined;
  const optimizer = tf.train.sgd(LEARNING_RATE);
  let run: Omit<FitStepRun, 'leakedTensors'>;
  try {
    m = buildModel(entry, inputs);
    const initial = await seedWeights(m);
    // The batch is fixed, so every output shape is known without running the model (which
    // would move a stateful layer's states before the step).
    const random = new SeededRandom(SEED + 1);
    const targets = m.outputs.map((o) => {
      const shape = o.shape.map((d) => d ?? NaN);
      if (shape.some(Number.isNaN)) throw new Error(`output ${o.name} has open sizes`);
      return tf.tensor(random.normal(shape.reduce((a, b) => a * b, 1)), shape, 'float32');
    });
    held.push(...targets);
    m.compile({ optimizer, loss: 'mse' });
    const one = <T>(list: T[]): T | T[] => (list.length === 1 ? at(list, 0, 'the one') : list);
    await m.fit(one(inputs), one(targets), {
      epochs: 1,
      batchSize: at(at(shapes, 0, 'first shape'), 0, 'batch'),
      shuffle: false,
      verbose: 0,
    });
    run = {
      names: m.weights.map((w) => w.name),
      trainable: m.weights.map((w) => w.trainable),
      before: initial,
      after: await Promise.all(m.weights.map((w) => w.value.data() as Promise<Float32Array>)),
    };
  } finally {
    tf.dispose(held);
    m?.dispose();
    optimizer.dispose();
  }
  return { ...run, leakedTensors: tf.memory().numTensors - before };
}
