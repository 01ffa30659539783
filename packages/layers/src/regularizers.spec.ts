// Weight regularizers and constraints in training, against tfjs-layers'
// trainOnBatch with the same weights, data, options and sgd; activity
// penalties and TimeDistributed's shared kernel against hand-worked values.
// tfjs-layers' LSTM initialiser chains tensor methods only the umbrella package registers.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  constraints,
  input,
  model,
  regularizers,
  resetNames,
  sequential,
  timeDistributed,
  type Layer,
} from '@framewise/core';
import { randomizeWeights } from './testing/gradients.test-helpers.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';
import { batchNormalization } from './batch-normalization/batch-normalization.js';
import { bidirectional } from './bidirectional/bidirectional.js';
import { conv1d } from './conv1d/conv1d.js';
import { dense } from './dense/dense.js';
import { embedding } from './embedding/embedding.js';
import { flatten } from './flatten/flatten.js';
import { lstm } from './lstm/lstm.js';
import { convLstm2d } from './conv-lstm2d/conv-lstm2d.js';
import './index.js';

beforeEach(() => resetNames());

interface Case {
  name: string;
  ours: () => Layer[];
  reference: () => tfl.layers.Layer[];
  data: () => tf.Tensor;
  outShape: number[];
}

// The same option objects go to both: Framewise reads tfjs-layers' regularizers and constraints.
const denseOptions = {
  units: 3,
  activation: 'tanh' as const,
  kernelRegularizer: tfl.regularizers.l1l2({ l1: 0.01, l2: 0.05 }),
  biasRegularizer: tfl.regularizers.l2({ l2: 0.3 }),
  kernelConstraint: tfl.constraints.maxNorm({ maxValue: 0.6 }),
};
const lstmOptions = {
  units: 2,
  kernelRegularizer: tfl.regularizers.l2({ l2: 0.2 }),
  recurrentRegularizer: tfl.regularizers.l1({ l1: 0.1 }),
  biasRegularizer: tfl.regularizers.l2({ l2: 0.1 }),
  recurrentConstraint: tfl.constraints.unitNorm({ axis: 0 }),
};
const convLstmOptions = {
  filters: 2,
  kernelSize: 2,
  kernelRegularizer: tfl.regularizers.l2({ l2: 0.2 }),
  recurrentRegularizer: tfl.regularizers.l1({ l1: 0.1 }),
  biasRegularizer: tfl.regularizers.l2({ l2: 0.1 }),
  recurrentConstraint: tfl.constraints.nonNeg(),
};
const convOptions = {
  filters: 2,
  kernelSize: 2,
  kernelRegularizer: tfl.regularizers.l2({ l2: 0.4 }),
  biasConstraint: tfl.constraints.nonNeg(),
};
const bnOptions = {
  gammaRegularizer: tfl.regularizers.l2({ l2: 0.5 }),
  betaRegularizer: tfl.regularizers.l1({ l1: 0.2 }),
  gammaConstraint: tfl.constraints.minMaxNorm({ minValue: 0.5, maxValue: 1.2, rate: 0.8 }),
};
const embeddingOptions = {
  inputDim: 6,
  outputDim: 2,
  embeddingsRegularizer: tfl.regularizers.l2({ l2: 0.3 }),
  embeddingsConstraint: tfl.constraints.maxNorm({ maxValue: 0.5, axis: 1 }),
};

const CASES: Case[] = [
  {
    name: 'Dense',
    ours: () => [dense({ ...denseOptions, inputShape: [4] }), dense({ ...denseOptions, units: 2 })],
    reference: () => [
      tfl.layers.dense({ ...denseOptions, inputShape: [4] }),
      tfl.layers.dense({ ...denseOptions, units: 2 }),
    ],
    data: () => tf.randomNormal([5, 4], 0, 1, 'float32', 3),
    outShape: [5, 2],
  },
  {
    name: 'Conv1D + LSTM',
    ours: () => [conv1d({ ...convOptions, inputShape: [5, 3] }), lstm(lstmOptions)],
    reference: () => [
      tfl.layers.conv1d({ ...convOptions, inputShape: [5, 3] }),
      tfl.layers.lstm(lstmOptions),
    ],
    data: () => tf.randomNormal([4, 5, 3], 0, 1, 'float32', 4),
    outShape: [4, 2],
  },
  {
    name: 'ConvLSTM2D + Flatten',
    ours: () => [convLstm2d({ ...convLstmOptions, inputShape: [3, 4, 4, 2] }), flatten()],
    reference: () => [
      tfl.layers.convLstm2d({ ...convLstmOptions, inputShape: [3, 4, 4, 2] }),
      tfl.layers.flatten(),
    ],
    data: () => tf.randomNormal([4, 3, 4, 4, 2], 0, 1, 'float32', 5),
    outShape: [4, 18],
  },
  {
    name: 'Embedding + BatchNormalization',
    ours: () => [
      embedding({ ...embeddingOptions, inputLength: 3, inputShape: [3] }),
      flatten(),
      batchNormalization(bnOptions),
    ],
    reference: () => [
      tfl.layers.embedding({ ...embeddingOptions, inputLength: 3 }),
      tfl.layers.flatten(),
      tfl.layers.batchNormalization(bnOptions),
    ],
    data: () =>
      tf.tensor([
        [1, 2, 5],
        [0, 3, 3],
        [4, 1, 2],
        [5, 5, 0],
      ]),
    outShape: [4, 6],
  },
];

/** What Keras does after each step and tfjs-layers' fit leaves out: each constrained weight projected. */
function constrain(ref: tfl.LayersModel): void {
  for (const w of ref.trainableWeights) {
    const v = w as unknown as {
      constraint?: unknown;
      read(): tf.Tensor;
      write(t: tf.Tensor): void;
    };
    // write() projects, but skips a value it already holds: hence the copy.
    if (v.constraint) tf.tidy(() => v.write(tf.clone(v.read())));
  }
}

/**
 * tfjs-layers' recurrent layers keep their cell's weight penalties out of the
 * loss (Keras counts them): added here to the reference, as Keras does.
 */
function addCellPenalties(ref: tfl.LayersModel): void {
  for (const layer of ref.layers) {
    const cell = (layer as unknown as { cell?: Record<string, unknown> }).cell;
    if (!cell) continue;
    const pairs: [string, string][] = [
      ['kernelRegularizer', 'kernel'],
      ['recurrentRegularizer', 'recurrentKernel'],
      ['biasRegularizer', 'bias'],
    ];
    for (const [r, w] of pairs) {
      const reg = cell[r] as { apply(x: tf.Tensor): tf.Scalar } | undefined;
      const weight = cell[w] as { read(): tf.Tensor } | undefined;
      if (reg && weight) layer.addLoss(() => reg.apply(weight.read()));
    }
  }
}

describe.each(CASES)('regularizers and constraints in trainOnBatch ($name)', (c) => {
  it('give the losses and weights of tfjs-layers', async () => {
    const ours = sequential({ layers: c.ours() });
    randomizeWeights(ours);
    const ref = tfl.sequential({ layers: c.reference() });
    addCellPenalties(ref);
    ref.setWeights(ours.getWeights());
    // tfjs-layers' setWeights projects constrained weights: both start from those.
    ours.setWeights(ref.getWeights());
    ours.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    ref.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const data = c.data();
    const target = tf.randomNormal(c.outShape, 0, 1, 'float32', 9);
    const start = ours.getWeights().map((w) => tf.clone(w));
    for (let step = 0; step < 2; step++) {
      const mine = (await ours.trainOnBatch(data, target)) as { loss: number };
      const theirs = (await ref.trainOnBatch(data, target)) as number;
      constrain(ref);
      expect(Math.abs(mine.loss - theirs)).toBeLessThanOrEqual(1e-5);
    }
    // The penalties are in the loss: without them it is smaller.
    const plain = ref.evaluate(data, target) as tf.Scalar;
    const withPenalties = await ours.evaluate(data, target);
    expect(withPenalties['loss']).toBeGreaterThan(plain.dataSync()[0]! + 1e-3);
    const expected = ref.getWeights();
    ours.getWeights().forEach((w, i) => {
      expect(maxAbsDiff(w, start[i]!)).toBeGreaterThan(1e-4);
      expect(maxAbsDiff(w, expected[i]!)).toBeLessThanOrEqual(1e-5);
    });
    ours.dispose();
    ref.dispose();
    tf.dispose([data, target, plain, ...start]);
  });
});

describe('penalties worked by hand', () => {
  it("counts TimeDistributed's shared kernel once, and its inner activity penalty per sample and step", async () => {
    const x = input({ shape: [4, 3] });
    const inner = dense({
      units: 2,
      useBias: false,
      kernelRegularizer: regularizers.l2({ l2: 0.5 }),
      activityRegularizer: regularizers.l1({ l1: 0.1 }),
    });
    const m = model({ inputs: x, outputs: timeDistributed(inner, { chunkSize: 2 }).apply(x) });
    m.setWeights([tf.ones([3, 2])]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    // Every output is 3: mse against zeros 9; kernel 0.5 · Σk² = 0.5 · 6 = 3, once, not once
    // per step; activity 0.1 · Σ|y| / (batch · steps) = 0.1 · (2·4·2·3) / 8 = 0.6.
    const logs = await m.evaluate(tf.ones([2, 4, 3]), tf.zeros([2, 4, 2]));
    expect(logs['loss']).toBeCloseTo(9 + 3 + 0.6, 5);
    const step = await m.trainOnBatch(tf.ones([2, 4, 3]), tf.zeros([2, 4, 2]));
    expect(step['loss']).toBeCloseTo(12.6, 5);
    m.dispose();
  });

  it("divides a layer's activity penalty by the batch (tf.keras 2)", async () => {
    const m = sequential({
      layers: [
        dense({
          units: 2,
          inputShape: [3],
          useBias: false,
          activityRegularizer: 'l2',
          kernelConstraint: constraints.nonNeg(),
        }),
      ],
    });
    m.setWeights([tf.ones([3, 2])]);
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    // Outputs 3 each: mse 9 against zeros; 0.01 · Σy² / batch = 0.01 · (5·2·9) / 5 = 0.18.
    const logs = await m.evaluate(tf.ones([5, 3]), tf.zeros([5, 2]));
    expect(logs['loss']).toBeCloseTo(9.18, 5);
    // A large step drives the kernel negative; the constraint clips it to 0.
    m.compile({ optimizer: tf.train.sgd(10), loss: 'meanSquaredError' });
    await m.trainOnBatch(tf.ones([5, 3]), tf.zeros([5, 2]));
    expect(Array.from(m.getWeights()[0]!.dataSync()).map(Math.abs)).toEqual([0, 0, 0, 0, 0, 0]);
    m.dispose();
  });

  it("adds each Bidirectional direction's activity penalty, per batch (tf.keras 2)", async () => {
    const rnn = lstm({ units: 2, activityRegularizer: regularizers.l2({ l2: 0.3 }) });
    const m = sequential({ layers: [bidirectional({ layer: rnn, inputShape: [4, 3] })] });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.randomNormal([5, 4, 3], 0, 1, 'float32', 2);
    const target = tf.zeros([5, 4]);
    // Concatenated, the two directions' Σy² is the output's: 0.3 · Σy² / batch on top of the mse.
    const y = m.predict(x) as tf.Tensor;
    const mse = tf.mean(tf.square(y)).dataSync()[0]!;
    const penalty = (0.3 * tf.sum(tf.square(y)).dataSync()[0]!) / 5;
    expect((await m.evaluate(x, target))['loss']).toBeCloseTo(mse + penalty, 5);
    m.dispose();
    tf.dispose([x, target, y]);
  });

  it('trains a TimeDistributed model whose inner model has an activity regularizer', async () => {
    // Such penalties, deeper than the wrapper's own layer, are not counted: training still runs.
    const inner = sequential({
      layers: [dense({ units: 2, inputShape: [3], activityRegularizer: 'l1' })],
    });
    const x = input({ shape: [4, 3] });
    const m = model({ inputs: x, outputs: timeDistributed(inner, { chunkSize: 2 }).apply(x) });
    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const logs = await m.trainOnBatch(tf.ones([2, 4, 3]), tf.zeros([2, 4, 2]));
    expect(Number.isFinite(logs['loss'])).toBe(true);
    m.dispose();
  });
});
