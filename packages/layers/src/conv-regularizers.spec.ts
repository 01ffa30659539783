// Regularizers and constraints of the depthwise, separable and 3-D convolutions in
// training, against tfjs-layers' trainOnBatch with the same weights, data, options and
// sgd: each penalty and projection lands on the weight Keras puts it on.
import '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resetNames, sequential, type Layer } from '@framewise/core';
import { conv3d, depthwiseConv2d, flatten, separableConv2d } from './index.js';
import { randomizeWeights } from './testing/gradients.test-helpers.js';

beforeEach(() => resetNames());

interface Case {
  name: string;
  ours: () => Layer[];
  reference: () => tfl.layers.Layer[];
  input: number[];
  outShape: number[];
}

// The same option objects go to both: Framewise reads tfjs-layers' regularizers and constraints.
const depthwiseOptions = {
  kernelSize: 2,
  depthMultiplier: 2,
  depthwiseRegularizer: tfl.regularizers.l2({ l2: 0.3 }),
  biasRegularizer: tfl.regularizers.l1({ l1: 0.2 }),
  depthwiseConstraint: tfl.constraints.maxNorm({ maxValue: 0.5 }),
  biasConstraint: tfl.constraints.nonNeg(),
};
const separableOptions = {
  filters: 2,
  kernelSize: 2,
  padding: 'same' as const,
  depthwiseRegularizer: tfl.regularizers.l1({ l1: 0.1 }),
  pointwiseRegularizer: tfl.regularizers.l2({ l2: 0.4 }),
  pointwiseConstraint: tfl.constraints.unitNorm({ axis: 2 }),
};
const conv3dOptions = {
  filters: 2,
  kernelSize: 2,
  kernelRegularizer: tfl.regularizers.l1l2({ l1: 0.05, l2: 0.2 }),
  kernelConstraint: tfl.constraints.maxNorm({ maxValue: 0.7 }),
  biasRegularizer: tfl.regularizers.l2({ l2: 0.5 }),
};

const CASES: Case[] = [
  {
    name: 'DepthwiseConv2D + SeparableConv2D',
    ours: () => [
      depthwiseConv2d({ ...depthwiseOptions, inputShape: [4, 4, 2] }),
      separableConv2d(separableOptions),
      flatten(),
    ],
    reference: () => [
      tfl.layers.depthwiseConv2d({ ...depthwiseOptions, inputShape: [4, 4, 2] }),
      tfl.layers.separableConv2d(separableOptions),
      tfl.layers.flatten(),
    ],
    input: [3, 4, 4, 2],
    outShape: [3, 3 * 3 * 2],
  },
  {
    name: 'Conv3D',
    ours: () => [conv3d({ ...conv3dOptions, inputShape: [3, 3, 3, 2] }), flatten()],
    reference: () => [
      tfl.layers.conv3d({ ...conv3dOptions, inputShape: [3, 3, 3, 2] }),
      tfl.layers.flatten(),
    ],
    input: [2, 3, 3, 3, 2],
    outShape: [2, 2 * 2 * 2 * 2],
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
    if (v.constraint) tf.tidy(() => v.write(tf.clone(v.read())));
  }
}

describe.each(CASES)('regularizers and constraints in trainOnBatch ($name)', (c) => {
  it('give the losses and weights of tfjs-layers', async () => {
    const ours = sequential({ layers: c.ours() });
    randomizeWeights(ours);
    const ref = tfl.sequential({ layers: c.reference() });
    ref.setWeights(ours.getWeights());
    // tfjs-layers' setWeights projects constrained weights: both start from those.
    ours.setWeights(ref.getWeights());
    ours.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    ref.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const data = tf.randomNormal(c.input, 0, 1, 'float32', 5);
    const target = tf.randomNormal(c.outShape, 0, 1, 'float32', 9);
    for (let step = 0; step < 2; step++) {
      const mine = (await ours.trainOnBatch(data, target)) as { loss: number };
      const theirs = (await ref.trainOnBatch(data, target)) as number;
      constrain(ref);
      expect(Math.abs(mine.loss - theirs)).toBeLessThanOrEqual(1e-5);
    }
    const plain = ref.evaluate(data, target) as tf.Scalar;
    const withPenalties = await ours.evaluate(data, target);
    expect(withPenalties['loss']).toBeGreaterThan(plain.dataSync()[0]! + 1e-3);
    const theirs = ref.getWeights();
    ours.getWeights().forEach((w, i) => {
      expect(w.shape).toEqual(theirs[i]!.shape);
      expect(tf.max(tf.abs(tf.sub(w, theirs[i]!))).dataSync()[0]).toBeLessThanOrEqual(1e-5);
    });
    ours.dispose();
  });
});
