// Gradients through TimeDistributed(Dense) and TimeDistributed(Conv2D) against
// tfjs-layers' TimeDistributed with the same weights and data, for every
// strategy and several chunk sizes (one that does not divide the time axis).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  timeDistributed,
  type TimeDistributedOptions,
} from '@framewise/core';
import {
  compareGradients,
  randomizeWeights,
  timeDistributedPair,
  trainableVariables,
  type TimeDistributedTwin,
} from './testing/gradients.test-helpers.js';
import { add } from './add/add.js';
import { conv2d } from './conv2d/conv2d.js';
import { dense } from './dense/dense.js';
import './index.js';

beforeEach(() => resetNames());

/** Every strategy; chunk sizes that divide time 5 (1, 5), do not (2, 3), and exceed it (8). */
const OPTIONS: TimeDistributedOptions[] = [
  { strategy: 'reshape' },
  { strategy: 'loop' },
  { strategy: 'auto' },
  { strategy: 'reshape', chunkSize: 1 },
  { strategy: 'reshape', chunkSize: 2 },
  { strategy: 'auto', chunkSize: 3 },
  { strategy: 'auto', chunkSize: 5 },
  { strategy: 'reshape', chunkSize: 8 },
  { strategy: 'loop', chunkSize: 2 },
];

const CASES: (TimeDistributedTwin & { name: string })[] = [
  {
    name: 'Dense (tanh)',
    ours: () => dense({ units: 6, activation: 'tanh' }),
    reference: () => tfl.layers.dense({ units: 6, activation: 'tanh' }),
    shape: [5, 4],
    outShape: [5, 6],
  },
  {
    name: 'Conv2D 3×3 (relu, same padding, stride 2)',
    ours: () =>
      conv2d({ filters: 3, kernelSize: 3, padding: 'same', strides: 2, activation: 'relu' }),
    reference: () =>
      tfl.layers.conv2d({
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        strides: 2,
        activation: 'relu',
      }),
    shape: [5, 6, 6, 2],
    outShape: [5, 3, 3, 3],
  },
];

describe.each(CASES)('gradients through TimeDistributed($name)', (c) => {
  it.each(OPTIONS)('equal tfjs-layers for every weight and the input (%j)', (options) => {
    const pair = timeDistributedPair(c, options);
    expect(pair.ours.weights).toHaveLength(2);
    const { diff, largest } = compareGradients(pair);
    expect(largest).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThanOrEqual(1e-5);
    pair.dispose();
  });

  it('equal tfjs-layers on a time axis left open (null) at build', () => {
    const pair = timeDistributedPair(c, { strategy: 'loop' });
    const x = input({ shape: [null, ...c.shape.slice(1)] });
    const open = model({
      inputs: x,
      outputs: timeDistributed(c.ours(), { chunkSize: 2 }).apply(x),
    });
    open.setWeights(pair.model.getWeights());
    const ours = {
      forward: (v: tf.Tensor) => open.apply(v, { training: true }),
      weights: trainableVariables(open),
    };
    expect(compareGradients({ ...pair, ours }).diff).toBeLessThanOrEqual(1e-5);
    open.dispose();
    pair.dispose();
  });
});

describe('gradients through a stack of wrappers', () => {
  it('TD(Conv2D) → TD(Dense) with chunks equals tfjs-layers, and one sgd step moves every weight alike', () => {
    const x = input({ shape: [4, 5, 5, 2] });
    const conv = timeDistributed(conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }), {
      chunkSize: 3,
    });
    const head = timeDistributed(dense({ units: 2 }), { strategy: 'loop' });
    const flat = conv.apply(x);
    const m = model({ inputs: x, outputs: head.apply(flat) });
    randomizeWeights(m);

    const ref = tfl.sequential({
      layers: [
        tfl.layers.timeDistributed({
          layer: tfl.layers.conv2d({ filters: 2, kernelSize: 3, activation: 'relu' }),
          inputShape: [4, 5, 5, 2],
        }),
        tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 2 }) }),
      ],
    });
    ref.setWeights(m.getWeights());
    const data = tf.randomNormal([2, 4, 5, 5, 2], 0, 1, 'float32', 3);
    const target = tf.randomNormal([2, 4, 3, 3, 2], 0, 1, 'float32', 4);
    const refForward = (v: tf.Tensor): tf.Tensor =>
      ref.layers.reduce<tf.Tensor>((h, l) => l.apply(h, { training: true }) as tf.Tensor, v);
    const { diff, largest } = compareGradients({
      ours: { forward: (v) => m.apply(v, { training: true }), weights: trainableVariables(m) },
      reference: {
        forward: refForward,
        weights: ref.trainableWeights.map((w) => w.read() as tf.Variable),
      },
      x: data,
      target,
    });
    expect(largest).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThanOrEqual(1e-5);

    // One plain gradient-descent step on each side over the same loss.
    const step = (forward: (v: tf.Tensor) => tf.Tensor, vars: tf.Variable[]): void => {
      const opt = tf.train.sgd(0.1);
      opt.minimize(
        () => tf.losses.meanSquaredError(target, forward(data)) as tf.Scalar,
        false,
        vars,
      );
      opt.dispose();
    };
    step((v) => m.apply(v, { training: true }), trainableVariables(m));
    step(
      refForward,
      ref.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    const after = ref.getWeights();
    m.getWeights().forEach((w, i) => {
      expect(tf.max(tf.abs(tf.sub(w, after[i]!))).dataSync()[0]).toBeLessThanOrEqual(1e-6);
    });
  });
});

describe('gradients through nested wrappers and broadcast inputs', () => {
  it.each<TimeDistributedOptions>([{}, { strategy: 'loop' }, { chunkSize: 2 }])(
    'TD(TD(Dense)) on [batch, t1, t2, features] equals tfjs-layers nested wrappers (%j)',
    (options) => {
      const nested: TimeDistributedTwin = {
        ours: () => timeDistributed(dense({ units: 3, activation: 'tanh' }), options),
        reference: () =>
          tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 3, activation: 'tanh' }) }),
        shape: [3, 2, 4],
        outShape: [3, 2, 3],
      };
      const pair = timeDistributedPair(nested, options);
      const { diff, largest } = compareGradients(pair);
      expect(largest).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThanOrEqual(1e-5);
      pair.dispose();
    },
  );

  it.each<TimeDistributedOptions>([
    { strategy: 'reshape' },
    { strategy: 'loop' },
    { chunkSize: 2 },
  ])('a broadcast input gets the sum over the steps of its gradients (%j)', (options) => {
    const td = timeDistributed(add(), { ...options, broadcastInputs: [1] });
    const seq = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const meta = tf.randomNormal([2, 3], 0, 1, 'float32', 2);
    const r = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const loss = (f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.square(f(a, b)), r));
    const ours = tf.grads(loss((a, b) => td.apply([a, b], { training: true }) as tf.Tensor))([
      seq,
      meta,
    ]);
    const expected = tf.grads(loss((a, b) => tf.add(a, tf.expandDims(b, 1))))([seq, meta]);
    ours.forEach((g, i) => {
      expect(
        tf.tidy(() => tf.max(tf.abs(tf.sub(g, expected[i]!))).dataSync()[0]),
      ).toBeLessThanOrEqual(1e-5);
    });
    tf.dispose([...ours, ...expected]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
