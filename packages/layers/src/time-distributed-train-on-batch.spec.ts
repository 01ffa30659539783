// model.trainOnBatch through TimeDistributed against tfjs-layers' trainOnBatch
// with the same weights, data and sgd: the same losses and the same weights
// after each step, for Dense, Conv2D, LSTM and BatchNormalization inside the
// wrapper, under several strategies and chunk sizes.
// tfjs-layers' LSTM initialiser chains tensor methods only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  timeDistributed,
  type Layer,
  type TimeDistributedOptions,
} from '@framewise/core';
import { randomizeWeights } from './testing/gradients.test-helpers.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';
import { batchNormalization } from './batch-normalization/batch-normalization.js';
import { conv2d } from './conv2d/conv2d.js';
import { dense } from './dense/dense.js';
import { lstm } from './lstm/lstm.js';
import './index.js';

beforeEach(() => resetNames());

interface Case {
  name: string;
  ours: () => Layer;
  reference: () => tfl.layers.Layer;
  shape: number[];
  outShape: number[];
  options: TimeDistributedOptions[];
  /** Compare the moving statistics too (only where both take the same number of updates). */
  allWeights?: (o: TimeDistributedOptions) => boolean;
}

const CASES: Case[] = [
  {
    name: 'Dense',
    ours: () => dense({ units: 3, activation: 'sigmoid' }),
    reference: () => tfl.layers.dense({ units: 3, activation: 'sigmoid' }),
    shape: [5, 4],
    outShape: [5, 3],
    options: [{ strategy: 'reshape' }, { strategy: 'loop' }, { chunkSize: 2 }],
  },
  {
    name: 'Conv2D',
    ours: () => conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }),
    reference: () => tfl.layers.conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }),
    shape: [3, 4, 4, 2],
    outShape: [3, 3, 3, 2],
    options: [{ strategy: 'reshape' }, { strategy: 'loop' }, { chunkSize: 2 }],
  },
  {
    name: 'LSTM',
    ours: () => lstm({ units: 2 }),
    reference: () => tfl.layers.lstm({ units: 2 }),
    shape: [3, 4, 2],
    outShape: [3, 2],
    options: [{ strategy: 'auto' }, { strategy: 'loop' }, { chunkSize: 2 }],
  },
  {
    name: 'BatchNormalization',
    ours: () => batchNormalization({ momentum: 0.5 }),
    reference: () => tfl.layers.batchNormalization({ momentum: 0.5 }),
    shape: [3, 2],
    outShape: [3, 2],
    // tfjs-layers' wrapper loops: per-step statistics, as `loop` and `statistics: 'perStep'`.
    options: [{ strategy: 'loop' }, { statistics: 'perStep' }],
    allWeights: (o) => o.strategy === 'loop',
  },
];

describe.each(CASES)('trainOnBatch through TimeDistributed($name)', (c) => {
  it.each(c.options)(
    'gives the losses and weights of tfjs-layers trainOnBatch (%j)',
    async (options) => {
      const x = input({ shape: c.shape });
      const m = model({ inputs: x, outputs: timeDistributed(c.ours(), options).apply(x) });
      randomizeWeights(m);
      const ref = tfl.sequential({
        layers: [tfl.layers.timeDistributed({ layer: c.reference(), inputShape: c.shape })],
      });
      ref.setWeights(m.getWeights());
      m.compile({ optimizer: tf.train.sgd(0.2), loss: 'meanSquaredError' });
      ref.compile({ optimizer: tf.train.sgd(0.2), loss: 'meanSquaredError' });
      const data = tf.randomNormal([3, ...c.shape], 0, 1, 'float32', 21);
      const target = tf.randomNormal([3, ...c.outShape], 0, 1, 'float32', 22);
      const start = m.getWeights().map((w) => tf.clone(w));

      let tensors = 0;
      for (let step = 0; step < 3; step++) {
        const ours = (await m.trainOnBatch(data, target)) as { loss: number };
        const theirs = (await ref.trainOnBatch(data, target)) as number;
        expect(Math.abs(ours.loss - theirs)).toBeLessThanOrEqual(1e-5);
        if (step === 0) tensors = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(tensors);
      const count = c.allWeights === undefined || c.allWeights(options) ? start.length : 2;
      const expected = ref.getWeights();
      m.getWeights()
        .slice(0, count)
        .forEach((w, i) => {
          expect(maxAbsDiff(w, start[i]!)).toBeGreaterThan(1e-4);
          expect(maxAbsDiff(w, expected[i]!)).toBeLessThanOrEqual(1e-5);
        });
      m.dispose();
      ref.dispose();
      tf.dispose([data, target, ...start]);
    },
  );
});
