import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input, model, modelFromJSON, resetNames, timeDistributed } from '@framewise/core';
import {
  activation,
  activityRegularization,
  alphaDropout,
  dense,
  elu,
  gaussianDropout,
  gaussianNoise,
  leakyReLU,
  prelu,
  reLU,
  softmax,
  spatialDropout1d,
  spatialDropout2d,
  thresholdedReLU,
} from './index.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';

// Whole models with the activation, noise and regularization layers through Keras model JSON:
// Framewise's own, and the JSON tfjs-layers writes for the layers it has.

beforeEach(() => resetNames());

describe('activation and noise layers in model JSON', () => {
  it('round-trip in a Framewise model, inside and outside TimeDistributed', () => {
    const x = input({ shape: [5, 4, 4, 2] });
    let h = timeDistributed(spatialDropout2d({ rate: 0.2, seed: 1 })).apply(x);
    h = timeDistributed(prelu({ sharedAxes: [1, 2] })).apply(h);
    const x2 = input({ shape: [5, 8] });
    const layers = [
      reLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 }),
      leakyReLU({ alpha: 0.2 }),
      elu({ alpha: 0.5 }),
      thresholdedReLU({ theta: 0.1 }),
      activation({ activation: 'sparsemax' }),
      activation({ activation: 'glu' }),
      softmax({ axis: [1, 2] }),
      gaussianNoise({ stddev: 0.1 }),
      gaussianDropout({ rate: 0.1 }),
      alphaDropout({ rate: 0.1, noiseShape: [null, 1, null] }),
      spatialDropout1d({ rate: 0.1 }),
      activityRegularization({ l1: 0.01 }),
      dense({ units: 2 }),
    ];
    const y2 = layers.reduce((t, l) => l.apply(t), x2);
    const m = model({ inputs: [x, x2], outputs: [h, y2] });
    const back = modelFromJSON(JSON.stringify(m));
    expect(back.toJSON()).toEqual(m.toJSON());
    back.setWeights(m.getWeights());
    const data = [tf.randomNormal([2, 5, 4, 4, 2]), tf.randomNormal([2, 5, 8])];
    const a = m.predict(data) as tf.Tensor[];
    const b = back.predict(data) as tf.Tensor[];
    a.forEach((t, i) => expect(maxAbsDiff(t, b[i]!)).toBe(0));
    expect(b[1]!.shape).toEqual([2, 5, 2]);
    tf.dispose([...data, ...a, ...b]);
  });

  it('read the model JSON tfjs-layers writes, and give its numbers', () => {
    const reference = tfl.sequential({
      layers: [
        tfl.layers.reLU({ maxValue: 2, inputShape: [5, 6] }),
        tfl.layers.leakyReLU({ alpha: 0.2 }),
        tfl.layers.prelu({ alphaInitializer: 'glorotUniform' }),
        tfl.layers.elu(),
        tfl.layers.thresholdedReLU({ theta: 0.3 }),
        tfl.layers.softmax({ axis: -1 }),
        tfl.layers.gaussianNoise({ stddev: 0.3 }),
        tfl.layers.gaussianDropout({ rate: 0.3 }),
        tfl.layers.alphaDropout({ rate: 0.3 }),
        tfl.layers.spatialDropout1d({ rate: 0.3 }),
      ],
    });
    const ours = modelFromJSON(reference.toJSON(null, false) as string);
    expect(ours.layers.map((l) => l.className).filter((c) => c !== 'InputLayer')).toEqual(
      reference.layers.map((l) => l.getClassName()),
    );
    ours.setWeights(reference.getWeights());
    const x = tf.mul(tf.randomNormal([3, 5, 6]), 3);
    const a = ours.predict(x) as tf.Tensor;
    const b = reference.predict(x) as tf.Tensor;
    expect(maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, a, b]);
    reference.dispose();
  });
});
