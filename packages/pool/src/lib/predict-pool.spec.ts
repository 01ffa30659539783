// The pool against the model's own predict: the same numbers whatever the split, weights that
// training changed reach the workers before the next call, nothing leaks, and the workers stop
// with the model or the process. Timing is the benchmark suite's job (`--rows pool`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  DisposedError,
  input,
  model,
  resetNames,
  timeDistributed,
  type Model,
} from '@framewise/core';
import { conv2d, dense, globalAveragePooling2d, lstm } from '@framewise/layers';
import { createPredictPool } from '../index.js';
import { splitRows } from './split.js';

beforeEach(() => resetNames());

/** A small video classifier: per-frame convolution and pooling, an LSTM over frames, a Dense. */
function videoClassifier(): Model {
  const x = input({ shape: [4, 8, 8, 3] });
  let y = timeDistributed(conv2d({ filters: 4, kernelSize: 3, activation: 'relu' })).apply(x);
  y = timeDistributed(globalAveragePooling2d()).apply(y);
  y = lstm({ units: 5 }).apply(y);
  return model({
    inputs: x,
    outputs: dense({ units: 3, activation: 'softmax' }).apply(y) as never,
  });
}

function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? Infinity);
}

describe('splitRows', () => {
  it('splits a batch in near-equal whole rows, larger shares first, leaving spare workers out', () => {
    expect(splitRows(7, 3)).toEqual([
      [0, 3],
      [3, 5],
      [5, 7],
    ]);
    expect(splitRows(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(splitRows(8, 2)).toEqual([
      [0, 4],
      [4, 8],
    ]);
  });
});

describe('createPredictPool', () => {
  it('gives the model’s own predictions for every batch split, and picks up trained weights', async () => {
    const m = videoClassifier();
    const pool = await createPredictPool(m, { workers: 2 });
    const before = tf.memory().numTensors;
    for (const batch of [1, 3, 6]) {
      const x = tf.randomUniform([batch, 4, 8, 8, 3], 0, 1, 'float32', batch);
      const expected = m.predict(x) as tf.Tensor;
      const got = (await pool.predict(x)) as tf.Tensor;
      expect(got.shape).toEqual([batch, 3]);
      expect(maxDiff(got, expected)).toBeLessThan(1e-5);
      tf.dispose([x, expected, got]);
    }
    expect(tf.memory().numTensors).toBe(before);

    m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const x = tf.randomUniform([4, 4, 8, 8, 3], 0, 1, 'float32', 11);
    const target = tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3);
    const old = (await pool.predict(x)) as tf.Tensor;
    await m.fit(x, target, { epochs: 3, verbose: 0, batchSize: 4 });
    const expected = m.predict(x) as tf.Tensor;
    const got = (await pool.predict(x)) as tf.Tensor;
    expect(maxDiff(old, expected)).toBeGreaterThan(1e-4); // training changed the answer ...
    expect(maxDiff(got, expected)).toBeLessThan(1e-5); // ... and the workers have the new weights
    tf.dispose([x, target, old, expected, got]);
    m.dispose();
  }, 120_000);

  it('takes several inputs and gives several outputs', async () => {
    const a = input({ shape: [3] });
    const b = input({ shape: [2] });
    const ha = dense({ units: 4 }).apply(a);
    const hb = dense({ units: 4 }).apply(b);
    const m = model({ inputs: [a, b], outputs: [ha, hb] as never });
    const pool = await createPredictPool(m, { workers: 2 });
    const xs = [
      tf.randomNormal([5, 3], 0, 1, 'float32', 1),
      tf.randomNormal([5, 2], 0, 1, 'float32', 2),
    ];
    const expected = m.predict(xs) as tf.Tensor[];
    const got = (await pool.predict(xs)) as tf.Tensor[];
    expect(got).toHaveLength(2);
    got.forEach((g, i) => expect(maxDiff(g, expected[i] as tf.Tensor)).toBeLessThan(1e-5));
    await expect(pool.predict([tf.zeros([2, 3]), tf.zeros([3, 2])])).rejects.toThrow(
      /every input needs the same batch size, received 2, 3/,
    );
    tf.dispose([...xs, ...expected, ...got]);
    await pool.dispose();
    m.dispose();
  }, 120_000);

  it('stops with the model: predict is refused afterwards', async () => {
    const m = videoClassifier();
    const pool = await createPredictPool(m, { workers: 2 });
    m.dispose();
    await expect(pool.predict(tf.zeros([1, 4, 8, 8, 3]))).rejects.toThrow(DisposedError);
    await pool.dispose(); // a second stop does nothing
  }, 120_000);

  it('refuses a bad worker count before starting any worker', async () => {
    const m = videoClassifier();
    await expect(createPredictPool(m, { workers: 0 })).rejects.toThrow(
      /workers must be an integer ≥ 1, received 0/,
    );
    m.dispose();
  });

  it('never keeps the process alive: a script that leaves the pool running exits', () => {
    const script = join(__dirname, 'exit-check.test-helpers.ts');
    const child = spawnSync(
      process.execPath,
      ['--conditions=@framewise/source', '--import', 'tsx', script],
      { encoding: 'utf8', timeout: 60_000, cwd: join(__dirname, '../../../..') },
    );
    expect(child.stdout.trim()).toBe('workers 2, result 3,3,3,3,3,3,3,3');
    expect(child.status).toBe(0);
  }, 90_000);
});
