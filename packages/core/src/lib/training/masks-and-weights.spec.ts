import * as tf from '@tensorflow/tfjs-core';
import { input } from '../input-layer.js';
import { model, type Model } from '../model.js';
import { resetNames } from '../names.js';
import { NonZeroMask } from '../test-layers.test-helpers.js';
import { TinyDense, values } from './tiny-dense.test-helpers.js';

// Masks and sample weights, checked by hand arithmetic (tfjs-layers ignores both in losses).

beforeEach(() => resetNames());

/** A model whose output is its input where feature 0 ≠ 0 masks steps: loss values are easy to write down. */
function identityWithMask(): Model {
  const x = input({ shape: [3, 2] });
  const masked = new NonZeroMask().apply(x);
  const d = new TinyDense(2);
  const y = d.apply(masked);
  const m = model({ inputs: x, outputs: y });
  m.setWeights([tf.eye(2), tf.zeros([2])]);
  return m;
}

// Two samples, three steps; sample 1 step 2 and sample 0 step 1 have feature 0 = 0 (masked).
const X = [
  [
    [1, 1],
    [0, 2],
    [3, 0],
  ],
  [
    [2, 0],
    [1, 1],
    [0, 5],
  ],
];
const Y = [
  [
    [0, 0],
    [9, 9],
    [0, 0],
  ],
  [
    [0, 0],
    [0, 0],
    [9, 9],
  ],
];
// Squared errors per step (mean over 2 features): unmasked steps only.
const perStep = [
  [1, null, 4.5],
  [2, 1, null],
];

function maskedMean(weights: number[][]): { loss: number; metric: number } {
  let num = 0;
  let count = 0;
  let wsum = 0;
  perStep.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      num += v * weights[i]![j]!;
      count += 1;
      wsum += weights[i]![j]!;
    }),
  );
  return { loss: num / count, metric: num / wsum };
}

describe('masks and sample weights', () => {
  it('leaves masked steps out of the loss and the metrics (mean over unmasked steps)', async () => {
    const m = identityWithMask();
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'] });
    const x = tf.tensor3d(X);
    const y = tf.tensor3d(Y);
    const r = await m.evaluate(x, y);
    const ones = [
      [1, 1, 1],
      [1, 1, 1],
    ];
    expect(r['loss']).toBeCloseTo(maskedMean(ones).loss, 5);
    expect(r['mse']).toBeCloseTo(maskedMean(ones).metric, 5);
    expect(r['loss']).toBeCloseTo((1 + 4.5 + 2 + 1) / 4, 5);
    tf.dispose([x, y]);
  });

  it('weights samples ([batch]) and steps ([batch, time]) like Keras: loss Σwl/count, metrics Σwl/Σw', async () => {
    const m = identityWithMask();
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'] });
    const x = tf.tensor3d(X);
    const y = tf.tensor3d(Y);
    const perSample = tf.tensor1d([2, 0.5]);
    const a = await m.evaluate(x, y, { sampleWeight: perSample });
    const wa = [
      [2, 2, 2],
      [0.5, 0.5, 0.5],
    ];
    expect(a['loss']).toBeCloseTo(maskedMean(wa).loss, 5);
    expect(a['mse']).toBeCloseTo(maskedMean(wa).metric, 5);

    const steps = [
      [1, 3, 0.25],
      [0, 2, 7],
    ];
    const perStepW = tf.tensor2d(steps);
    const b = await m.evaluate(x, y, { sampleWeight: perStepW });
    expect(b['loss']).toBeCloseTo(maskedMean(steps).loss, 5);
    expect(b['mse']).toBeCloseTo(maskedMean(steps).metric, 5);
    tf.dispose([x, y, perSample, perStepW]);
  });

  it('gives masked steps no gradient: changing their targets changes nothing', async () => {
    const run = async (target: number): Promise<number[]> => {
      resetNames();
      const m = identityWithMask();
      m.compile({ optimizer: 'sgd', loss: 'mse' });
      const x = tf.tensor3d(X);
      const y = tf.tensor3d(
        Y.map((s, i) => s.map((st, j) => (perStep[i]![j] === null ? [target, target] : st))),
      );
      await m.trainOnBatch(x, y);
      tf.dispose([x, y]);
      return m.getWeights().flatMap((w) => Array.from(w.dataSync()));
    };
    const a = await run(9);
    const b = await run(-100);
    expect(a).toEqual(b);
    expect(a).not.toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('rejects sample weights that fit neither [batch] nor [batch, time]', async () => {
    const m = identityWithMask();
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor3d(X);
    const y = tf.tensor3d(Y);
    const bad = tf.ones([2, 4]);
    const before = tf.memory().numTensors;
    await expect(m.evaluate(x, y, { sampleWeight: bad })).rejects.toThrow(
      /sampleWeight of shape \(2, 4\) does not fit/,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y, bad]);
  });

  it('applies a loss per time step on sequence outputs: values [batch, time]', async () => {
    const x = input({ shape: [3, 2] });
    const m = model({ inputs: x, outputs: new TinyDense(2).apply(x) });
    m.setWeights([tf.eye(2), tf.zeros([2])]);
    m.compile({ optimizer: 'sgd', loss: 'mae', metrics: ['mae'] });
    const xs = values([2, 3, 2]);
    const ys = tf.zeros([2, 3, 2]);
    const w = tf.tensor2d([
      [1, 0, 0],
      [0, 0, 0],
    ]);
    // Only sample 0, step 0 counts in the metric: mean |x| over its two features.
    const r = await m.evaluate(xs, ys, { sampleWeight: w });
    const first = Array.from(xs.dataSync()).slice(0, 2);
    expect(r['mae']).toBeCloseTo((Math.abs(first[0]!) + Math.abs(first[1]!)) / 2, 5);
    tf.dispose([xs, ys, w]);
  });
});
