// Gradients through TimeDistributed(BatchNormalization) in training mode: through
// the batch statistics, merged (default) or per step, against tfjs-layers; the
// moving statistics move once per call and are never differentiated.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resetNames, type TimeDistributedOptions } from '@framewise/core';
import {
  compareGradients,
  referenceTrainableVariables,
  timeDistributedPair,
  type TimeDistributedTwin,
} from '../testing/gradients.test-helpers.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { batchNormalization } from './batch-normalization.js';
import '../index.js';

beforeEach(() => resetNames());

const TWINS: (TimeDistributedTwin & { name: string })[] = [
  {
    name: '[batch, time, features]',
    ours: () => batchNormalization({ momentum: 0.8 }),
    reference: () => tfl.layers.batchNormalization({ momentum: 0.8 }),
    shape: [4, 3],
    outShape: [4, 3],
  },
  {
    name: '[batch, time, h, w, channels]',
    ours: () => batchNormalization({ momentum: 0.8 }),
    reference: () => tfl.layers.batchNormalization({ momentum: 0.8 }),
    shape: [3, 2, 2, 3],
    outShape: [3, 2, 2, 3],
  },
];

/** The moving mean and variance of a layer, copied. */
function moving(weights: tf.Tensor[]): tf.Tensor[] {
  return weights.slice(2).map((w) => tf.clone(w));
}

/** `momentum * old + (1 - momentum) * value`. */
function movedOnce(old: tf.Tensor, value: tf.Tensor, momentum = 0.8): tf.Tensor {
  return tf.add(tf.mul(old, momentum), tf.mul(value, 1 - momentum));
}

describe.each(TWINS)('gradients through TimeDistributed(BatchNormalization) on $name', (twin) => {
  it.each<TimeDistributedOptions>([
    { statistics: 'merged' },
    { strategy: 'reshape' },
    { strategy: 'auto', chunkSize: 2 },
  ])(
    'merged statistics: equal tfjs-layers BatchNormalization on the batch*time slices, averages moved once (%j)',
    (options) => {
      const pair = timeDistributedPair(twin, options);
      const bn = tfl.layers.batchNormalization({ momentum: 0.8 });
      const step = twin.shape.slice(1);
      bn.build([null, ...step]);
      bn.setWeights(pair.model.getWeights());
      const reference = {
        forward: (v: tf.Tensor) =>
          tf.reshape(
            bn.apply(tf.reshape(v, [-1, ...step]), { training: true }) as tf.Tensor,
            v.shape,
          ),
        weights: referenceTrainableVariables(bn),
      };
      const [mean0, variance0] = moving(pair.model.getWeights());
      const { diff, largest } = compareGradients({ ...pair, reference });
      expect(largest).toBeGreaterThan(1e-3);
      expect(diff).toBeLessThanOrEqual(1e-5);

      // One gradient run is one forward pass: one update, towards the merged statistics.
      const axes = Array.from({ length: pair.x.rank - 1 }, (_, i) => i);
      const { mean, variance } = tf.moments(pair.x, axes);
      const [mean1, variance1] = moving(pair.model.getWeights());
      expect(maxAbsDiff(mean1!, movedOnce(mean0!, mean))).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(variance1!, movedOnce(variance0!, variance))).toBeLessThanOrEqual(1e-5);
      bn.getWeights()
        .slice(2)
        .forEach((w, i) => {
          expect(maxAbsDiff([mean1!, variance1!][i]!, w)).toBeLessThanOrEqual(1e-5);
        });
      bn.weights.forEach((w) => w.dispose());
      pair.dispose();
    },
  );

  it("per-step statistics (statistics: 'perStep') equal tfjs-layers' TimeDistributed, one update of the averages", () => {
    const pair = timeDistributedPair(twin, { statistics: 'perStep' });
    const [mean0, variance0] = moving(pair.model.getWeights());
    const { diff, largest } = compareGradients(pair);
    expect(largest).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThanOrEqual(1e-5);
    // The average of the per-step statistics, once (tfjs-layers moved its own `time` times).
    const perStepAxes = Array.from({ length: pair.x.rank - 1 }, (_, i) => i).filter((a) => a !== 1);
    const { mean, variance } = tf.moments(pair.x, perStepAxes);
    const [mean1, variance1] = moving(pair.model.getWeights());
    expect(maxAbsDiff(mean1!, movedOnce(mean0!, tf.mean(mean, 0)))).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(variance1!, movedOnce(variance0!, tf.mean(variance, 0)))).toBeLessThanOrEqual(
      1e-5,
    );
    pair.dispose();
  });

  it('the loop strategy equals tfjs-layers TimeDistributed: gradients and the per-step updates of the averages', () => {
    const pair = timeDistributedPair(twin, { strategy: 'loop' });
    const { diff, largest } = compareGradients(pair);
    expect(largest).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThanOrEqual(1e-5);
    const ours = pair.model.getWeights();
    pair.referenceLayer.getWeights().forEach((w, i) => {
      expect(maxAbsDiff(ours[i]!, w)).toBeLessThanOrEqual(1e-5);
    });
    pair.dispose();
  });
});

describe('the moving statistics of TimeDistributed(BatchNormalization)', () => {
  it('are not trainable and get no gradient, even when asked for', () => {
    const pair = timeDistributedPair(TWINS[0]!, {});
    const [movingMean, movingVariance] = pair.model.nonTrainableWeights.map((w) => w.value);
    expect(pair.model.trainableWeights.map((w) => w.name)).toEqual([
      expect.stringMatching(/gamma$/),
      expect.stringMatching(/beta$/),
    ]);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.losses.meanSquaredError(pair.target, pair.ours.forward(pair.x)) as tf.Scalar,
      [...pair.ours.weights, movingMean!, movingVariance!],
    );
    expect(grads[movingMean!.name]).toBeNull();
    expect(grads[movingVariance!.name]).toBeNull();
    tf.dispose([value, ...pair.ours.weights.map((w) => grads[w.name]!)]);
    expect(tf.memory().numTensors).toBe(before);
    pair.dispose();
  });
});
