import * as tf from '@tensorflow/tfjs-core';
import { DisposedError, FramewiseError } from './errors.js';
import { input } from './input-layer.js';
import { model, type Model } from './model.js';
import { resetNames } from './names.js';
import { sequential } from './sequential.js';
import { TinyDense, values } from './training/tiny-dense.test-helpers.js';

beforeEach(() => resetNames());

function trained(): Model {
  const x = input({ shape: [3] });
  const m = model({ inputs: x, outputs: new TinyDense(2, 'softmax').apply(x) });
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return m;
}

describe('a disposed model', () => {
  it('refuses predict, fit, evaluate, trainOnBatch and compile, allocating nothing', async () => {
    const m = trained();
    const x = values([4, 3]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 1, 0], 'int32'), 2);
    await m.trainOnBatch(x, y);
    m.dispose();
    expect(m.isDisposed).toBe(true);
    const before = tf.memory().numTensors;
    const refused = new RegExp(`^model_1: (\\w+)\\(\\) on a disposed model: dispose\\(\\) freed`);
    expect(() => m.predict(x)).toThrow(DisposedError);
    expect(() => m.predictOnBatch(x)).toThrow(/predict\(\) on a disposed model/);
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(DisposedError);
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(/fit\(\) on a disposed model/);
    await expect(m.evaluate(x, y)).rejects.toThrow(/evaluate\(\) on a disposed model/);
    await expect(m.trainOnBatch(x, y)).rejects.toThrow(/trainOnBatch\(\) on a disposed model/);
    expect(() => m.compile({ optimizer: 'adam', loss: 'mse' })).toThrow(refused);
    await expect(m.saveWeights('unused.h5')).rejects.toThrow(/saveWeights\(\) on a disposed/);
    // Compiling again must not sneak a new optimizer (and its slot variables) in.
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(DisposedError);
    await new Promise((r) => setTimeout(r, 10));
    expect(tf.memory().numTensors).toBe(before);
    const e = (() => {
      try {
        m.predict(x);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(FramewiseError);
    expect((e as Error).name).toBe('DisposedError');
    m.dispose();
    tf.dispose([x, y]);
  });

  it('refuses predict on a Sequential without building new weights', () => {
    const m = sequential({ layers: [new TinyDense(2)] });
    const x = values([2, 3]);
    tf.dispose(m.predict(x));
    m.dispose();
    const before = tf.memory().numTensors;
    expect(() => m.predict(x)).toThrow(DisposedError);
    expect(tf.memory().numTensors).toBe(before);
    expect(m.weights).toEqual([]);
    x.dispose();
  });
});
