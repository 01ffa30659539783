import * as tf from '@tensorflow/tfjs-core';
import { input } from '../input-layer.js';
import { model, type Model } from '../model.js';
import { resetNames } from '../names.js';
import { TimeDistributed } from '../time-distributed/time-distributed.js';
import { EarlyStopping, type Callback } from './callbacks.js';
import { TinyDense, values } from './tiny-dense.test-helpers.js';

beforeEach(() => resetNames());

function regression(): { m: Model; x: tf.Tensor; y: tf.Tensor } {
  const inp = input({ shape: [3] });
  const h = new TinyDense(4, 'tanh').apply(inp);
  const m = model({ inputs: inp, outputs: new TinyDense(1).apply(h) });
  const x = values([20, 3], 0.5);
  const y = tf.tidy(() => tf.sum(x, -1, true));
  return { m, x, y };
}

const flat = (m: Model): number[] => m.getWeights().flatMap((w) => Array.from(w.dataSync()));

describe('fit', () => {
  it('frees an optimizer compile() made from a name on recompile and dispose, not one passed in', async () => {
    const { m, x, y } = regression();
    const before = tf.memory().numTensors;
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await m.trainOnBatch(x, y); // adam makes its slot variables on the first step
    m.compile({ optimizer: 'adam', loss: 'mse' });
    await m.trainOnBatch(x, y);
    const mine = tf.train.adam(0.01);
    m.compile({ optimizer: mine, loss: 'mse' });
    await m.trainOnBatch(x, y);
    const weights = m.weights.length;
    m.dispose();
    // What is left: the passed-in optimizer's slots (two per weight, plus its two step powers).
    expect(tf.memory().numTensors).toBe(before - weights + 2 * weights + 2);
    mine.dispose();
    expect(tf.memory().numTensors).toBe(before - weights);
    tf.dispose([x, y]);
  });

  it('lowers the loss and returns a History with every epoch', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError', metrics: ['mae'] });
    const h = await m.fit(x, y, { epochs: 15, batchSize: 5, verbose: 0, seed: 3 });
    expect(h.epoch).toEqual([...Array(15).keys()]);
    expect(Object.keys(h.history).sort()).toEqual(['loss', 'mae']);
    expect(h.history['loss']!.at(-1)!).toBeLessThan(h.history['loss']![0]! / 4);
    tf.dispose([x, y]);
  });

  it('repeats exactly with the same seed and differs with another', async () => {
    const run = async (seed: number): Promise<number[]> => {
      resetNames();
      const { m, x, y } = regression();
      m.setWeights(m.getWeights().map((w, i) => values(w.shape, i)));
      m.compile({ optimizer: 'sgd', loss: 'mse' });
      await m.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, seed });
      tf.dispose([x, y]);
      return flat(m);
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });

  it('holds out the last fraction before shuffling (validationSplit), like Keras', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const seen: number[] = [];
    const h = await m.fit(x, y, {
      epochs: 1,
      batchSize: 100,
      validationSplit: 0.25,
      verbose: 0,
      callbacks: { onBatchBegin: (_b, logs) => void seen.push(logs['size']!) },
    });
    expect(seen).toEqual([15]);
    // val_loss is the loss of the last 5 samples with the weights after the epoch.
    const tail = await m.evaluate(tf.slice(x, 15, 5), tf.slice(y, 15, 5));
    expect(h.history['val_loss']![0]).toBeCloseTo(tail['loss']!, 5);
    tf.dispose([x, y]);
  });

  it('takes validationData and reports val_ metrics', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'] });
    const h = await m.fit(x, y, { epochs: 2, validationData: [x, y], verbose: 0 });
    expect(Object.keys(h.history).sort()).toEqual(['loss', 'mse', 'val_loss', 'val_mse']);
    tf.dispose([x, y]);
  });

  it('calls every hook in order, awaiting async ones', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const calls: string[] = [];
    const cb: Callback = {
      onTrainBegin: () => void calls.push('train+'),
      onEpochBegin: (e) => void calls.push(`epoch${e}+`),
      onBatchBegin: async (b) => {
        await new Promise((r) => setTimeout(r, 1));
        calls.push(`b${b}+`);
      },
      onBatchEnd: (b, logs) => void calls.push(`b${b}-${typeof logs['loss']}`),
      onEpochEnd: (e) => void calls.push(`epoch${e}-`),
      onTrainEnd: () => void calls.push('train-'),
    };
    await m.fit(x, y, { epochs: 2, batchSize: 10, callbacks: [cb], verbose: 0, shuffle: false });
    expect(calls).toEqual([
      'train+',
      'epoch0+',
      'b0+',
      'b0-number',
      'b1+',
      'b1-number',
      'epoch0-',
      'epoch1+',
      'b0+',
      'b0-number',
      'b1+',
      'b1-number',
      'epoch1-',
      'train-',
    ]);
    tf.dispose([x, y]);
  });

  it('does not leak tensors across epochs', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    const counts: number[] = [];
    await m.fit(x, y, {
      epochs: 4,
      batchSize: 6,
      validationSplit: 0.2,
      verbose: 0,
      callbacks: { onEpochEnd: () => void counts.push(tf.memory().numTensors) },
    });
    // Adam's slots appear in epoch 1; after that nothing is added.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[0]).toBe(counts[1]);
    const after = tf.memory().numTensors;
    await m.evaluate(x, y);
    await m.trainOnBatch(x, y);
    expect(tf.memory().numTensors).toBe(after);
    tf.dispose([x, y]);
  });
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and restores the best weights', async () => {
    const { m, x, y } = regression();
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const snapshots: number[][] = [];
    // A scripted score (written into the shared logs before EarlyStopping reads
    // them): best at epoch 2, then two epochs without an improvement of 0.1.
    const script = [5, 4, 3, 2.95, 3.5, 1, 1];
    const stop = new EarlyStopping({
      monitor: 'score',
      patience: 2,
      minDelta: 0.1,
      restoreBestWeights: true,
    });
    const h = await m.fit(x, y, {
      epochs: 7,
      batchSize: 20,
      verbose: 0,
      callbacks: [
        {
          onEpochEnd: (e, logs) => {
            logs['score'] = script[e]!;
            snapshots.push(flat(m));
          },
        },
        stop,
      ],
    });
    expect(h.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(stop.stoppedEpoch).toBe(4);
    expect(stop.best).toBe(3);
    expect(m.stopTraining).toBe(true);
    expect(flat(m)).toEqual(snapshots[2]);
    expect(flat(m)).not.toEqual(snapshots[4]);
    tf.dispose([x, y]);
  });

  it('picks max for accuracies in auto mode and rejects an unknown monitor', async () => {
    expect(new EarlyStopping({ monitor: 'val_accuracy' }).mode).toBe('max');
    expect(new EarlyStopping().mode).toBe('min');
    const { m, x, y } = regression();
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    await expect(
      m.fit(x, y, { epochs: 2, verbose: 0, callbacks: new EarlyStopping({ monitor: 'val_loss' }) }),
    ).rejects.toThrow(/'val_loss', which is not in the logs; available: loss/);
    tf.dispose([x, y]);
  });
});

describe('trainable weights only', () => {
  it('leaves a frozen layer and a frozen inner layer of a wrapper unmoved', async () => {
    const inp = input({ shape: [4, 3] });
    const inner = new TinyDense(3, 'tanh');
    const td = new TimeDistributed(inner);
    const frozen = new TinyDense(2, 'tanh');
    const head = new TinyDense(1);
    const m = model({ inputs: inp, outputs: head.apply(frozen.apply(td.apply(inp))) });
    inner.trainable = false;
    frozen.trainable = false;
    expect(m.trainableWeights.map((w) => w.name)).toEqual(head.weights.map((w) => w.name));
    const before = [...inner.weights, ...frozen.weights].map((w) => Array.from(w.value.dataSync()));
    const headBefore = head.weights.map((w) => Array.from(w.value.dataSync()));
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const x = values([6, 4, 3]);
    const y = values([6, 4, 1], 1);
    await m.fit(x, y, { epochs: 2, batchSize: 3, verbose: 0 });
    const after = [...inner.weights, ...frozen.weights].map((w) => Array.from(w.value.dataSync()));
    expect(after).toEqual(before);
    expect(head.weights.map((w) => Array.from(w.value.dataSync()))).not.toEqual(headBefore);
    tf.dispose([x, y]);
  });

  it('computes the loss of a model with nothing trainable and changes nothing', async () => {
    const { m, x, y } = regression();
    m.trainable = false;
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = flat(m);
    const r = await m.trainOnBatch(x, y);
    expect(r['loss']).toBeGreaterThan(0);
    expect(flat(m)).toEqual(before);
    tf.dispose([x, y]);
  });
});

describe('several outputs', () => {
  it('sums one loss per output (list or map by output name) and names per-output logs', async () => {
    const inp = input({ shape: [3] });
    const a = new TinyDense(2, 'softmax', { name: 'cls' });
    const b = new TinyDense(1, 'linear', { name: 'reg' });
    const m = model({ inputs: inp, outputs: [a.apply(inp), b.apply(inp)] });
    const x = values([5, 3]);
    const ya = tf.cast(tf.oneHot([0, 1, 1, 0, 1], 2), 'float32');
    const yb = values([5, 1], 2);
    m.compile({
      optimizer: 'sgd',
      loss: { reg: 'mse', cls: 'categorical_crossentropy' },
      metrics: { cls: ['accuracy'] },
    });
    const r = await m.evaluate(x, { cls: ya, reg: yb });
    expect(Object.keys(r).sort()).toEqual(['cls_accuracy', 'cls_loss', 'loss', 'reg_loss']);
    expect(r['loss']).toBeCloseTo(r['cls_loss']! + r['reg_loss']!, 5);
    m.compile({ optimizer: 'sgd', loss: ['categoricalCrossentropy', 'meanSquaredError'] });
    const r2 = await m.evaluate(x, [ya, yb]);
    expect(r2['loss']).toBeCloseTo(r['loss']!, 5);
    tf.dispose([x, ya, yb]);
  });
});

describe('predictOnBatch', () => {
  it('is predict on the whole batch', () => {
    const { m, x, y } = regression();
    const a = m.predictOnBatch(x) as tf.Tensor;
    const b = m.predict(x) as tf.Tensor;
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([a, b, x, y]);
  });
});
