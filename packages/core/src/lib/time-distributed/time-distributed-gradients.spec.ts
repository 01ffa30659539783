// Core's own check that gradients cross the wrapper's reshapes, chunk joins and
// step stacks, and that freezing reaches the tf.Variables (the layers package
// compares Dense, Conv2D, LSTM and BatchNormalization with tfjs-layers).
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradient functions
import * as tf from '@tensorflow/tfjs-core';
import { input } from '../input-layer.js';
import { model } from '../model.js';
import { resetNames } from '../names.js';
import { sequential } from '../sequential.js';
import { Affine } from '../test-layers.test-helpers.js';
import { timeDistributed, type TimeDistributedOptions } from './time-distributed.js';

beforeEach(() => resetNames());

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number =>
  tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe('gradients through TimeDistributed', () => {
  it.each<TimeDistributedOptions>([
    { strategy: 'reshape' },
    { strategy: 'loop' },
    { chunkSize: 1 },
    { chunkSize: 2 },
    { chunkSize: 5 },
  ])('equal those of the computation written out (%j)', (options) => {
    const inner = new Affine();
    const td = timeDistributed(inner, options);
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const r = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 2);
    td.apply(x).dispose();
    const before = tf.memory().numTensors;
    const vars = td.trainableWeights.map((w) => w.value);
    const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(tf.square(f()), r)) as tf.Scalar;
    const ours = tf.variableGrads(
      loss(() => td.apply(x, { training: true })),
      vars,
    );
    const written = tf.variableGrads(
      loss(() => tf.add(tf.mul(x, inner.scale!.value), inner.offset!.value)),
      vars,
    );
    vars.forEach((v) => {
      expect(maxDiff(ours.grads[v.name]!, written.grads[v.name]!)).toBeLessThanOrEqual(1e-5);
    });
    tf.dispose([
      ours.value,
      written.value,
      ...Object.values(ours.grads),
      ...Object.values(written.grads),
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('freezing', () => {
  it('sets the tf.Variables of the wrapper, its inner layer and a whole model non-trainable, and back', () => {
    const x = input({ shape: [4, 3] });
    const inner = new Affine();
    const td = timeDistributed(inner);
    const m = model({ inputs: x, outputs: timeDistributed(new Affine()).apply(td.apply(x)) });
    const flags = (): boolean[] => m.weights.map((w) => w.value.trainable);
    expect(flags()).toEqual([true, true, true, true]);
    td.trainable = false;
    expect(td.weights.map((w) => w.value.trainable)).toEqual([false, false]);
    expect(m.trainableWeights).toHaveLength(2);
    td.trainable = true;
    inner.trainable = false;
    expect(td.trainableWeights).toEqual([]);
    expect(td.weights.map((w) => w.value.trainable)).toEqual([false, false]);
    inner.trainable = true;
    m.trainable = false;
    expect(flags()).toEqual([false, false, false, false]);
    m.trainable = true;
    expect(flags()).toEqual([true, true, true, true]);
  });

  it('makes the weights of a layer frozen before it is built non-trainable', () => {
    const td = timeDistributed(new Affine());
    td.trainable = false;
    td.apply(tf.zeros([1, 2, 3])).dispose();
    expect(td.weights.map((w) => w.value.trainable)).toEqual([false, false]);
  });

  it('freezes the variables of layers a model frozen earlier builds later (Sequential)', () => {
    const m = sequential({ layers: [timeDistributed(new Affine()), new Affine()] });
    m.trainable = false;
    m.predict(tf.zeros([1, 2, 3])) as tf.Tensor;
    expect(m.weights.map((w) => w.value.trainable)).toEqual([false, false, false, false]);
    // So an optimizer step without a variable list finds nothing to move, as the guide says.
    const before = m.getWeights().map((w) => Array.from(w.dataSync()));
    const x = tf.ones([1, 2, 3]);
    expect(() =>
      tf.train.sgd(0.5).minimize(() => tf.sum(m.apply(x) as tf.Tensor) as tf.Scalar),
    ).toThrow(/Cannot find a connection between any variable/);
    expect(m.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    x.dispose();
    m.dispose();
  });
});
