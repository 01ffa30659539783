// tfjs-layers' LSTM initialiser uses chained tensor methods that only the umbrella registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { cpuBackend } from '@framewise/backend-cpu';
import { input, model, resetNames, timeDistributed, type Model } from '@framewise/core';
import { dense, embedding, lstm } from '@framewise/layers';
import { SeededRandom } from './lib/seeded-random.js';

// Embedding's weight gradient is UnsortedSegmentSum, which tfjs-backend-wasm 4.22 lacks: fit
// stopped with "Kernel 'UnsortedSegmentSum' not registered for backend 'wasm'". These train
// on wasm (the cpu adapter's engine in Node) and compare with tfjs-layers on tfjs' cpu
// engine, the last two as tfjs-layers' own wrappers tests build them.

const indices = (shape: number[], count: number, seed: number): tf.Tensor => {
  const random = new SeededRandom(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Int32Array.from({ length: size }, () => Math.floor(random.next() * count)),
    shape,
    'int32',
  );
};
const normal = (shape: number[], seed: number): tf.Tensor =>
  tf.tensor(new SeededRandom(seed).normal(shape.reduce((a, b) => a * b, 1)), shape);

interface Case {
  title: string;
  /** Framewise's model, built on the active engine. */
  ours: () => Model;
  /** The same model in tfjs-layers, weights in the same order. */
  theirs: () => tfl.LayersModel;
  x: number[];
  count: number;
  y: number[];
}

const cases: Case[] = [
  {
    title: 'Embedding (maskZero) → LSTM → Dense',
    ours: () => {
      const x = input({ shape: [5], dtype: 'int32' });
      const h = lstm({ units: 3 }).apply(
        embedding({ inputDim: 6, outputDim: 4, maskZero: true }).apply(x),
      );
      return model({ inputs: x, outputs: dense({ units: 2 }).apply(h) });
    },
    theirs: () =>
      tfl.sequential({
        layers: [
          tfl.layers.embedding({ inputDim: 6, outputDim: 4, maskZero: true, inputLength: 5 }),
          tfl.layers.lstm({ units: 3 }),
          tfl.layers.dense({ units: 2 }),
        ],
      }),
    x: [3, 5],
    count: 6,
    y: [3, 2],
  },
  {
    title: 'TimeDistributed(Embedding)',
    ours: () => {
      const x = input({ shape: [3, 4], dtype: 'int32' });
      return model({
        inputs: x,
        outputs: timeDistributed(embedding({ inputDim: 5, outputDim: 6 })).apply(x),
      });
    },
    theirs: () =>
      tfl.sequential({
        layers: [
          tfl.layers.timeDistributed({
            layer: tfl.layers.embedding({ inputDim: 5, outputDim: 6 }),
            inputShape: [3, 4],
          }),
        ],
      }),
    x: [4, 3, 4],
    count: 5,
    y: [4, 3, 4, 6],
  },
  {
    title: 'Embedding → TimeDistributed(Dense)',
    ours: () => {
      const x = input({ shape: [4], dtype: 'int32' });
      const h = embedding({ inputDim: 8, outputDim: 3 }).apply(x);
      return model({ inputs: x, outputs: timeDistributed(dense({ units: 2 })).apply(h) });
    },
    theirs: () =>
      tfl.sequential({
        layers: [
          tfl.layers.embedding({ inputDim: 8, outputDim: 3, inputLength: 4 }),
          tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }),
        ],
      }),
    x: [3, 4],
    count: 8,
    y: [3, 4, 2],
  },
];

describe('training models with Embedding on wasm', () => {
  let previous: string;
  let checking = false;
  beforeAll(() => {
    previous = tf.getBackend();
    // tfjs' per-kernel leak check (on under Jest) counts the tensors fused matMul's custom
    // gradient saves on wasm as leaked; the test counts tensors itself instead.
    checking = tf.env().getBool('IS_TEST');
    tf.env().set('IS_TEST', false);
  });
  afterAll(async () => {
    tf.env().set('IS_TEST', checking);
    await tf.setBackend(previous);
  });

  it.each(cases)('$title: one fit step gives the weights tfjs-layers gives on cpu', async (c) => {
    await tf.setBackend('cpu');
    const theirs = c.theirs();
    const initial = theirs.getWeights().map((w) => ({ shape: w.shape, values: w.dataSync() }));
    const x = indices(c.x, c.count, 1);
    const y = normal(c.y, 2);
    theirs.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    await theirs.fit(x, y, { epochs: 1, batchSize: c.x[0], shuffle: false, verbose: 0 });
    const expected = theirs.getWeights().map((w) => Array.from(w.dataSync()));
    tf.dispose([x, y]);
    theirs.dispose();

    const probe = await cpuBackend.activate();
    expect(tf.getBackend()).toBe('wasm');
    expect(probe.reason).toMatch(/wasm/i);
    resetNames();
    const before = tf.memory().numTensors;
    const ours = c.ours();
    const copies = initial.map((w) => tf.tensor(w.values, w.shape));
    ours.setWeights(copies);
    tf.dispose(copies);
    const xs = indices(c.x, c.count, 1);
    const ys = normal(c.y, 2);
    const optimizer = tf.train.sgd(0.5);
    ours.compile({ optimizer, loss: 'mse' });
    await ours.fit(xs, ys, { epochs: 1, batchSize: c.x[0], shuffle: false, verbose: 0 });
    const actual = await Promise.all(
      ours.weights.map(async (w) => Array.from(await w.value.data())),
    );
    tf.dispose([xs, ys]);
    ours.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);

    expect(actual).toHaveLength(expected.length);
    actual.forEach((w, i) => {
      const ref = expected[i] ?? [];
      expect(w).toHaveLength(ref.length);
      w.forEach((v, j) => expect(Math.abs(v - (ref[j] ?? NaN))).toBeLessThan(1e-5));
    });
    // The step moved the embedding table: its gradient reached it.
    expect(actual[0]).not.toEqual(Array.from(initial[0]?.values ?? []));
  });
});
