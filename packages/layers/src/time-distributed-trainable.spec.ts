// Frozen layers inside and around TimeDistributed get no gradient and do not
// move, through model.trainOnBatch, through bare tf.variableGrads / optimizer
// steps without a variable list, and as tfjs-layers' trainOnBatch does.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, resetNames, timeDistributed, type Model } from '@framewise/core';
import { randomizeWeights } from './testing/gradients.test-helpers.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';
import { batchNormalization } from './batch-normalization/batch-normalization.js';
import { dense } from './dense/dense.js';
import './index.js';

beforeEach(() => resetNames());

const copies = (ts: tf.Tensor[]): tf.Tensor[] => ts.map((t) => tf.clone(t));

/** TD(Dense 4→5, frozen as `freeze` says) → TD(Dense 5→3), and tfjs-layers' twin frozen alike. */
function twoLayers(freeze: 'wrapper' | 'inner') {
  const x = input({ shape: [6, 4] });
  const first = dense({ units: 5, activation: 'tanh' });
  if (freeze === 'inner') first.trainable = false;
  const td1 = timeDistributed(first);
  if (freeze === 'wrapper') td1.trainable = false;
  const m = model({ inputs: x, outputs: timeDistributed(dense({ units: 3 })).apply(td1.apply(x)) });
  randomizeWeights(m);

  const refFirst = tfl.layers.dense({ units: 5, activation: 'tanh' });
  if (freeze === 'inner') refFirst.trainable = false;
  const refTd1 = tfl.layers.timeDistributed({ layer: refFirst, inputShape: [6, 4] });
  if (freeze === 'wrapper') refTd1.trainable = false;
  const ref = tfl.sequential({
    layers: [refTd1, tfl.layers.timeDistributed({ layer: tfl.layers.dense({ units: 3 }) })],
  });
  // Per layer: a model lists trainable weights first, so frozen ones come last (both libraries).
  ref.layers[0]!.setWeights(td1.getWeights());
  ref.layers[1]!.setWeights(m.layers[2]!.getWeights());
  return { m, td1, ref };
}

describe.each(['wrapper', 'inner'] as const)(
  'a frozen layer (trainable = false on the %s)',
  (freeze) => {
    it('has no trainable weights and its tf.Variables say so', () => {
      const { m, td1 } = twoLayers(freeze);
      expect(td1.trainableWeights).toEqual([]);
      expect(td1.nonTrainableWeights).toHaveLength(2);
      expect(m.trainableWeights).toHaveLength(2);
      td1.weights.forEach((w) => expect(w.value.trainable).toBe(false));
      m.layers[2]!.weights.forEach((w) => expect(w.value.trainable).toBe(true));
    });

    it('gets no gradient from tf.variableGrads without a variable list, and bare sgd steps leave it alone', () => {
      const { m, td1 } = twoLayers(freeze);
      const x = tf.randomNormal([2, 6, 4], 0, 1, 'float32', 5);
      const y = tf.randomNormal([2, 6, 3], 0, 1, 'float32', 6);
      const loss = () => tf.losses.meanSquaredError(y, m.apply(x, { training: true })) as tf.Scalar;
      const { value, grads } = tf.variableGrads(loss);
      td1.weights.forEach((w) => expect(grads[w.value.name]).toBeUndefined());
      m.trainableWeights.forEach((w) => expect(grads[w.value.name]).toBeDefined());
      tf.dispose([value, ...Object.values(grads)]);

      const frozen = copies(td1.getWeights());
      const head = copies(m.layers[2]!.getWeights());
      const sgd = tf.train.sgd(0.5);
      sgd.minimize(loss);
      td1.getWeights().forEach((w, i) => expect(maxAbsDiff(w, frozen[i]!)).toBe(0));
      m.layers[2]!.getWeights().forEach((w, i) =>
        expect(maxAbsDiff(w, head[i]!)).toBeGreaterThan(0),
      );
      sgd.dispose();
    });

    it('does not move under trainOnBatch; the rest moves exactly as under tfjs-layers trainOnBatch', async () => {
      const { m, td1, ref } = twoLayers(freeze);
      const x = tf.randomNormal([3, 6, 4], 0, 1, 'float32', 7);
      const y = tf.randomNormal([3, 6, 3], 0, 1, 'float32', 8);
      const frozen = copies(td1.getWeights());
      m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      ref.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const before = tf.memory().numTensors;
      for (let step = 0; step < 3; step++) {
        const ours = await m.trainOnBatch(x, y);
        const theirs = (await ref.trainOnBatch(x, y)) as number;
        expect(Math.abs((ours as { loss: number }).loss - theirs)).toBeLessThanOrEqual(1e-5);
      }
      expect(tf.memory().numTensors).toBe(before);
      td1.getWeights().forEach((w, i) => expect(maxAbsDiff(w, frozen[i]!)).toBe(0));
      const expected = ref.getWeights();
      m.getWeights().forEach((w, i) =>
        expect(maxAbsDiff(w, expected[i]!)).toBeLessThanOrEqual(1e-5),
      );
    });
  },
);

describe('unfreezing', () => {
  it('gives the weights back to training, and freezing a whole model freezes every layer in it', () => {
    const { m, td1 } = twoLayers('wrapper');
    td1.trainable = true;
    expect(m.trainableWeights).toHaveLength(4);
    m.weights.forEach((w) => expect(w.value.trainable).toBe(true));
    m.trainable = false;
    expect(m.trainableWeights).toEqual([]);
    m.weights.forEach((w) => expect(w.value.trainable).toBe(false));
    m.trainable = true;
    m.weights.forEach((w) => expect(w.value.trainable).toBe(true));
  });
});

describe('a frozen TimeDistributed(BatchNormalization) while training', () => {
  it('normalises with its moving statistics, moves nothing, and passes gradients to the input like tfjs-layers in inference', async () => {
    const x = input({ shape: [4, 3] });
    const bn = timeDistributed(batchNormalization(), { statistics: 'perStep' });
    bn.trainable = false;
    const m: Model = model({
      inputs: x,
      outputs: timeDistributed(dense({ units: 2 })).apply(bn.apply(x)),
    });
    randomizeWeights(m);
    const frozen = copies(bn.getWeights());
    const refBn = tfl.layers.batchNormalization();
    refBn.build([null, 3]);
    refBn.setWeights(bn.getWeights());
    const data = tf.randomNormal([2, 4, 3], 1, 2, 'float32', 9);
    const target = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 10);

    const xv = tf.variable(data);
    const inputGrad = (forward: () => tf.Tensor): tf.Tensor => {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.meanSquaredError(target, forward()) as tf.Scalar,
        [xv, ...m.trainableWeights.map((w) => w.value)],
      );
      const others = Object.entries(grads).filter(([name]) => name !== xv.name);
      tf.dispose([value, ...others.map(([, g]) => g!)]);
      return grads[xv.name]!;
    };
    const head = m.layers[2]!;
    const ours = inputGrad(() => m.apply(xv, { training: true }));
    const theirs = inputGrad(() =>
      head.apply(
        tf.reshape(
          refBn.apply(tf.reshape(xv, [-1, 3]), { training: false }) as tf.Tensor,
          [2, 4, 3],
        ),
      ),
    );
    expect(maxAbsDiff(ours, theirs)).toBeLessThanOrEqual(1e-5);
    expect(tf.max(tf.abs(ours)).dataSync()[0]).toBeGreaterThan(1e-3);

    m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await m.trainOnBatch(data, target);
    bn.getWeights().forEach((w, i) => expect(maxAbsDiff(w, frozen[i]!)).toBe(0));
    tf.dispose([xv, ours, theirs]);
  });
});
