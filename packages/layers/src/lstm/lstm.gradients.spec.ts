// Gradients through TimeDistributed(LSTM) on [batch, t1, t2, features] against
// tfjs-layers' TimeDistributed(LSTM), for every strategy and several chunk sizes.
// tfjs-layers' LSTM initialiser chains tensor methods only the umbrella package registers.
import '@tensorflow/tfjs';
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
  disposeGradients,
  gradientDiff,
  lossGradients,
  randomizeWeights,
  referenceTrainableVariables,
  timeDistributedPair,
  trainableVariables,
  type TimeDistributedTwin,
} from '../testing/gradients.test-helpers.js';
import { lstm } from './lstm.js';
import '../index.js';

beforeEach(() => resetNames());

const OPTIONS: TimeDistributedOptions[] = [
  { strategy: 'reshape' },
  { strategy: 'loop' },
  { strategy: 'auto' },
  { strategy: 'reshape', chunkSize: 1 },
  { strategy: 'auto', chunkSize: 2 },
  { strategy: 'reshape', chunkSize: 4 },
];

const TWINS: (TimeDistributedTwin & { name: string })[] = [
  {
    name: 'last output',
    ours: () => lstm({ units: 3, recurrentActivation: 'sigmoid' }),
    reference: () => tfl.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }),
    shape: [3, 4, 2],
    outShape: [3, 3],
  },
  {
    name: 'returnSequences, goBackwards, hard sigmoid gates',
    ours: () => lstm({ units: 2, returnSequences: true, goBackwards: true }),
    reference: () => tfl.layers.lstm({ units: 2, returnSequences: true, goBackwards: true }),
    shape: [3, 4, 2],
    outShape: [3, 4, 2],
  },
];

describe.each(TWINS)('gradients through TimeDistributed(LSTM) ($name)', (twin) => {
  it.each(OPTIONS)(
    'equal tfjs-layers for kernel, recurrent kernel, bias and input (%j)',
    (options) => {
      const pair = timeDistributedPair(twin, options, 2);
      expect(pair.ours.weights).toHaveLength(3);
      const { diff, largest } = compareGradients(pair);
      expect(largest).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThanOrEqual(1e-5);
      pair.dispose();
    },
  );
});

describe('gradients through TimeDistributed(LSTM) with a [batch, time] mask', () => {
  it.each<TimeDistributedOptions>([
    { strategy: 'reshape' },
    { strategy: 'loop' },
    { chunkSize: 2 },
  ])(
    'a masked step runs no LSTM step: its output is zero and nothing flows back through it (%j)',
    (options) => {
      const pair = timeDistributedPair(TWINS[0]!, options, 2);
      const mask = tf.tensor2d(
        [
          [1, 0, 1],
          [1, 1, 0],
        ],
        undefined,
        'bool',
      );
      // tfjs-layers' TimeDistributed ignores masks; a masked slice of ours gives the zero initial state.
      const keep = tf.expandDims(tf.cast(mask, 'float32'), -1);
      const ours = {
        forward: (v: tf.Tensor) => pair.model.apply(v, { training: true, mask }),
        weights: pair.ours.weights,
      };
      const reference = {
        forward: (v: tf.Tensor) => tf.mul(pair.reference.forward(v), keep),
        weights: pair.reference.weights,
      };
      const { diff, largest } = compareGradients({ ...pair, ours, reference });
      expect(largest).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThanOrEqual(1e-5);
      // The masked slices get no gradient at all.
      const xv = tf.variable(pair.x);
      const { grads } = tf.variableGrads(
        () => tf.sum(ours.forward(xv)) as tf.Scalar,
        [...ours.weights, xv],
      );
      const masked = tf.sum(
        tf.abs(
          tf.mul(
            grads[xv.name]!,
            tf.reshape(tf.cast(tf.logicalNot(mask), 'float32'), [2, 3, 1, 1]),
          ),
        ),
      );
      expect(masked.dataSync()[0]).toBe(0);
      tf.dispose([xv, masked, keep, mask, ...Object.values(grads).filter((g) => g !== null)]);
      pair.dispose();
    },
  );
});

describe('gradients through TimeDistributed(stateful LSTM)', () => {
  it('run through the states carried from step to step (loop strategy), as in tfjs-layers', () => {
    const x = input({ batchShape: [2, 3, 4, 2] });
    const td = timeDistributed(lstm({ units: 3, stateful: true, batchInputShape: [2, 4, 2] }));
    expect(td.resolveStrategy(true)).toBe('loop');
    const m = model({ inputs: x, outputs: td.apply(x) });
    randomizeWeights(m);
    const ref = tfl.layers.timeDistributed({
      layer: tfl.layers.lstm({ units: 3, stateful: true, batchInputShape: [2, 4, 2] }),
      batchInputShape: [2, 3, 4, 2],
    });
    ref.build([2, 3, 4, 2]);
    ref.setWeights(m.getWeights());
    const data = tf.randomNormal([2, 3, 4, 2], 0, 1, 'float32', 1);
    const target = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 2);
    // One call each first, so that both start from kept (non-zero) states.
    tf.dispose([m.apply(data), ref.apply(data) as tf.Tensor]);
    for (let call = 0; call < 2; call++) {
      const before = tf.memory().numTensors;
      const ours = lossGradients(
        (v) => m.apply(v, { training: true }),
        trainableVariables(m),
        data,
        target,
      );
      // Only the gradients are new: the replaced states were freed.
      expect(tf.memory().numTensors).toBe(before + 4);
      const theirs = lossGradients(
        (v) => ref.apply(v, { training: true }) as tf.Tensor,
        referenceTrainableVariables(ref),
        data,
        target,
      );
      expect(gradientDiff(ours, theirs)).toBeLessThanOrEqual(1e-5);
      disposeGradients(ours, theirs);
    }
  });
});
