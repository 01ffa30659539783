import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  Layer,
  model,
  resetNames,
  type CallOptions,
  type Model,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { dense, lstm } from './index.js';

// Every error path of fit, evaluate, trainOnBatch and predict must free what it made,
// including what tfjs keeps for a backward pass that never runs.

/** Passes its input through, or throws when `explode` is set: a layer failing mid-graph. */
class Fuse extends Layer {
  static override readonly className = 'Fuse';
  explode = false;
  computeOutputShape(inputShape: Shapes): Shapes {
    return inputShape;
  }
  call(inputs: Tensors, options: CallOptions): Tensors {
    void options;
    const x = inputs as tf.Tensor;
    // Some work first, so the failure comes with tensors already made and taped.
    const y = tf.mul(tf.tanh(x), 1);
    if (this.explode) throw new Error('Fuse failed on purpose');
    return y;
  }
}

let fuse: Fuse;
let m: Model;
// Variable time steps: a target with other steps than the input passes the shape check
// and fails inside the loss, after the LSTM's forward pass.
const x = (): tf.Tensor => tf.randomNormal([4, 6, 3], 0, 1, 'float32', 1);
const y = (steps = 6): tf.Tensor => tf.randomNormal([4, steps, 2], 0, 1, 'float32', 2);

beforeEach(async () => {
  resetNames();
  const inp = input({ shape: [null, 3] });
  fuse = new Fuse({});
  const h = fuse.apply(lstm({ units: 8, returnSequences: true }).apply(inp));
  m = model({ inputs: inp, outputs: dense({ units: 2 }).apply(h) });
  m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
  // One good step first: the optimizer's slots exist, and later counts compare like with like.
  const [a, b] = [x(), y()];
  await m.trainOnBatch(a, b);
  tf.dispose([a, b]);
});
afterEach(() => m.dispose());

/** Runs `f` expecting it to fail with `message`; returns the change in live tensors. */
async function leaked(f: (a: tf.Tensor) => Promise<unknown> | unknown, message: RegExp) {
  const a = x();
  const before = tf.memory().numTensors;
  await expect((async () => f(a))()).rejects.toThrow(message);
  const change = tf.memory().numTensors - before;
  a.dispose();
  return change;
}

const BROADCAST = /could not be broadcast/;

describe('a failed training step on an LSTM model frees every tensor', () => {
  it('when the targets have the wrong steps (trainOnBatch, fit, evaluate)', async () => {
    const bad = y(5);
    expect(await leaked((a) => m.trainOnBatch(a, bad), BROADCAST)).toBe(0);
    expect(await leaked((a) => m.fit(a, bad, { verbose: 0, batchSize: 2 }), BROADCAST)).toBe(0);
    expect(
      await leaked((a) => m.fit(a, bad, { verbose: 0, validationSplit: 0.5 }), BROADCAST),
    ).toBe(0);
    expect(await leaked((a) => m.evaluate(a, bad), BROADCAST)).toBe(0);
    bad.dispose();
  });

  it('when a layer throws in the middle of the graph (trainOnBatch, fit, evaluate, predict)', async () => {
    const good = y();
    fuse.explode = true;
    const failed = /Fuse failed on purpose/;
    expect(await leaked((a) => m.trainOnBatch(a, good), failed)).toBe(0);
    expect(await leaked((a) => m.fit(a, good, { verbose: 0, batchSize: 2 }), failed)).toBe(0);
    expect(await leaked((a) => m.evaluate(a, good), failed)).toBe(0);
    expect(await leaked((a) => m.predict(a), failed)).toBe(0);
    expect(await leaked((a) => m.predict(a, { batchSize: 3 }), failed)).toBe(0);
    good.dispose();
  });

  it('when a callback throws in onBatchEnd or onEpochEnd', async () => {
    const good = y();
    const thrower = (hook: 'onBatchEnd' | 'onEpochEnd') => ({
      [hook]: () => {
        throw new Error(`${hook} failed on purpose`);
      },
    });
    for (const hook of ['onBatchEnd', 'onEpochEnd'] as const) {
      expect(
        await leaked(
          (a) =>
            m.fit(a, good, {
              verbose: 0,
              batchSize: 2,
              validationSplit: 0.5,
              callbacks: thrower(hook),
            }),
          new RegExp(`${hook} failed on purpose`),
        ),
      ).toBe(0);
    }
    good.dispose();
  });

  it('and training still works afterwards, without leaking', async () => {
    const [a, bad, good] = [x(), y(5), y()];
    await expect(m.trainOnBatch(a, bad)).rejects.toThrow(BROADCAST);
    const before = tf.memory().numTensors;
    const first = (await m.trainOnBatch(a, good))['loss']!;
    const second = (await m.trainOnBatch(a, good))['loss']!;
    expect(second).toBeLessThan(first);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, bad, good]);
  });
});
