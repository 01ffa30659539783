// tfjs-layers' LSTM initialiser uses chained tensor methods that only the umbrella registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, resetNames, timeDistributed, type Model } from '@framewise/core';
import { batchNormalization, dense, lstm, masking } from '@framewise/layers';

// Training with real layers from @framewise/layers (core's own training specs
// cannot import them): BatchNormalization's moving statistics, and masks from
// Masking through an LSTM to a per-step loss.

beforeEach(() => resetNames());

const seq = (shape: number[], phase: number): tf.Tensor =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) =>
      Math.sin(0.9 * i + phase),
    ),
    shape,
  );
const flat = (ts: tf.Tensor[]): number[][] => ts.map((t) => Array.from(t.dataSync()));

describe('BatchNormalization inside TimeDistributed while training', () => {
  it('moves its statistics once per step over all batch×time slices, like tfjs-layers on the 3-D input', async () => {
    const x = input({ shape: [4, 3] });
    const bn = batchNormalization({ momentum: 0.9 });
    const ours: Model = model({
      inputs: x,
      outputs: dense({ units: 2 }).apply(timeDistributed(bn).apply(x)),
    });
    // tfjs-layers' BatchNormalization on [batch, time, features] takes the
    // statistics over batch and time at once: the same as the wrapper's merged default.
    const theirs = tfl.sequential({
      layers: [
        tfl.layers.batchNormalization({ momentum: 0.9, inputShape: [4, 3] }),
        tfl.layers.dense({ units: 2 }),
      ],
    });
    // Both order the weights trainable first: gamma, beta, kernel, bias, moving mean, variance.
    const mean = ours.weights[4]!.value;
    const theirsW = ours.getWeights().map((t) => tf.clone(t));
    theirs.setWeights(theirsW);
    ours.compile({ optimizer: 'sgd', loss: 'mse' });
    theirs.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const xs = seq([5, 4, 3], 0.2);
    const ys = seq([5, 4, 2], 1.3);
    for (let i = 0; i < 2; i++) {
      const a = await ours.trainOnBatch(xs, ys);
      const b = (await theirs.trainOnBatch(xs, ys)) as number;
      expect(a['loss']).toBeCloseTo(b, 5);
    }
    const expected = flat(theirs.getWeights());
    flat(ours.getWeights()).forEach((w, i) =>
      w.forEach((v, j) => expect(Math.abs(v - expected[i]![j]!)).toBeLessThan(1e-5)),
    );
    // The moving mean moved twice from 0 by 10% of the batch mean (x is the same each step).
    const batchMean = Array.from(tf.mean(xs, [0, 1]).dataSync());
    Array.from(mean!.dataSync()).forEach((m, k) =>
      expect(m).toBeCloseTo(batchMean[k]! * (1 - 0.9 * 0.9), 5),
    );
    tf.dispose([xs, ys, ...theirsW]);
    theirs.dispose();
  });
});

describe('masks from Masking through an LSTM to a per-step loss', () => {
  function tagger(): Model {
    const x = input({ shape: [5, 2] });
    const h = lstm({ units: 3, returnSequences: true }).apply(masking({ maskValue: 0 }).apply(x));
    return model({
      inputs: x,
      outputs: timeDistributed(dense({ units: 2, activation: 'softmax' })).apply(h),
    });
  }
  // Two sequences padded with zero steps at the end: 3 and 4 real steps.
  const X = tf.tensor3d([
    [
      [1, 2],
      [0.5, -1],
      [2, 1],
      [0, 0],
      [0, 0],
    ],
    [
      [-1, 1],
      [1, 1],
      [0.3, 0.2],
      [1, -2],
      [0, 0],
    ],
  ]);
  const labels = [
    [0, 1, 1, 0, 1],
    [1, 0, 1, 1, 0],
  ];

  it('averages the loss over real steps only, from the per-step predictions', async () => {
    const m = tagger();
    m.compile({
      optimizer: 'adam',
      loss: 'sparse_categorical_crossentropy',
      metrics: ['accuracy'],
    });
    const y = tf.tensor2d(labels);
    const probs = (m.predict(X) as tf.Tensor).arraySync() as number[][][];
    const real = [3, 4];
    let sum = 0;
    let hits = 0;
    probs.forEach((steps, s) =>
      steps.slice(0, real[s]).forEach((p, t) => {
        sum += -Math.log(p[labels[s]![t]!]!);
        hits += p.indexOf(Math.max(...p)) === labels[s]![t] ? 1 : 0;
      }),
    );
    const r = await m.evaluate(X, y);
    expect(r['loss']).toBeCloseTo(sum / 7, 5);
    expect(r['accuracy']).toBeCloseTo(hits / 7, 5);
    tf.dispose(y);
  });

  it('ignores the targets of padded steps while training', async () => {
    const weightsAfter = async (pad: number): Promise<number[][]> => {
      resetNames();
      const m = tagger();
      m.setWeights(m.getWeights().map((w, i) => seq(w.shape, i)));
      m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
      const y = tf.tensor2d(labels.map((row, s) => row.map((l, t) => (t >= [3, 4][s]! ? pad : l))));
      await m.fit(X, y, { epochs: 2, batchSize: 2, verbose: 0, shuffle: false });
      tf.dispose(y);
      return flat(m.getWeights());
    };
    expect(await weightsAfter(0)).toEqual(await weightsAfter(1));
  });
});
