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
import { maxAbsDiff, referenceTimeDistributed } from '../testing/reference.test-helpers.js';
import { batchNormalization } from './batch-normalization.js';
import '../index.js';

beforeEach(() => resetNames());

function randomizeWeights(layer: Layer): void {
  const values = layer.weights.map((w) =>
    /(variance|gamma)$/.test(w.name) ? tf.randomUniform(w.shape, 0.5, 2) : tf.randomNormal(w.shape),
  );
  layer.setWeights(values);
  tf.dispose(values);
}

function snapshot(layer: Layer): tf.Tensor[] {
  return layer.getWeights().map((w) => tf.clone(w));
}

/** `[batch, time, features]` data whose steps have clearly different means (step t around 4t). */
function shiftedSteps(batch: number, time: number, features: number): tf.Tensor {
  return tf.tidy(() =>
    tf.add(
      // Seeded, and noise small next to the step shifts, so the per-step means are far from 0.
      tf.randomNormal([batch, time, features], 0, 0.5, 'float32', 7),
      tf.reshape(tf.mul(tf.range(0, time), 4), [1, time, 1]),
    ),
  );
}

/** Normalised with statistics over `axes` (population variance), gamma 1 and beta 0. */
function standardize(x: tf.Tensor, axes: number[]): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, axes, true);
    return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3)));
  });
}

/** Mean over the batch and features of every step: `[time]`. */
function stepMeans(y: tf.Tensor): number[] {
  return Array.from(tf.tidy(() => tf.mean(y, [0, 2])).dataSync());
}

describe('TimeDistributed(BatchNormalization) in inference', () => {
  it.each([
    ['[batch, time, features]', [null, 4], [2, 5, 4]],
    ['Mask R-CNN ROI features [batch, rois, 1, 1, channels]', [null, 1, 1, 8], [2, 3, 1, 1, 8]],
  ])(
    'equals tfjs-layers TimeDistributed on %s with reshape and loop',
    (_, stepShape, dataShape) => {
      const x = input({ shape: stepShape as (number | null)[] });
      const models = (['reshape', 'loop', 'auto'] as const).map((strategy) =>
        model({
          inputs: x,
          outputs: timeDistributed(batchNormalization(), { strategy }).apply(x),
        }),
      );
      randomizeWeights(models[0]!.layers[1]!);
      models.forEach((m) => m.layers[1]!.setWeights(models[0]!.layers[1]!.getWeights()));
      const reference = referenceTimeDistributed(
        tfl.layers.batchNormalization(),
        stepShape as (number | null)[],
        models[0]!.layers[1]!,
      );
      const data = tf.randomNormal(dataShape as number[], 1, 2);
      const expected = reference.predict(data) as tf.Tensor;
      for (const m of models) {
        expect(maxAbsDiff(m.predict(data) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-5);
      }
    },
  );
});

describe('TimeDistributed(BatchNormalization) while training', () => {
  it.each<TimeDistributedOptions>([
    {},
    { strategy: 'reshape' },
    { strategy: 'auto', chunkSize: 1 },
    { statistics: 'merged' },
  ])(
    'takes merged statistics over all batch*time slices and moves the averages once (%j)',
    (options) => {
      const td = timeDistributed(batchNormalization({ center: false, scale: false }), options);
      expect(td.resolveStrategy(true)).toBe('reshape');
      const x = shiftedSteps(3, 4, 2);
      td.apply(x);
      const before = snapshot(td);
      const y = td.apply(x, { training: true });
      expect(maxAbsDiff(y, standardize(x, [0, 1]))).toBeLessThanOrEqual(1e-5);
      // Merged statistics centre the whole batch, not each step.
      expect(Math.abs(tf.mean(y).dataSync()[0]!)).toBeLessThan(1e-5);
      expect(stepMeans(y).filter((m) => Math.abs(m) > 0.2)).toHaveLength(4);
      const { mean, variance } = tf.moments(x, [0, 1]);
      const [movingMean, movingVariance] = td.getWeights();
      const expectedMean = tf.add(tf.mul(before[0]!, 0.99), tf.mul(mean, 0.01));
      const expectedVariance = tf.add(tf.mul(before[1]!, 0.99), tf.mul(variance, 0.01));
      expect(maxAbsDiff(movingMean!, expectedMean)).toBeLessThanOrEqual(1e-6);
      expect(maxAbsDiff(movingVariance!, expectedVariance)).toBeLessThanOrEqual(1e-6);
    },
  );

  it('takes per-step statistics with statistics: perStep, averaging them into one update of the moving averages', () => {
    const td = timeDistributed(batchNormalization({ momentum: 0.5 }), {
      statistics: 'perStep',
    });
    const x = shiftedSteps(3, 4, 2);
    td.apply(x);
    randomizeWeights(td);
    const [gamma, beta, mean0, var0] = snapshot(td);
    const y = td.apply(x, { training: true });
    const expected = tf.add(tf.mul(standardize(x, [0]), gamma!), beta!);
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    const centred = tf.div(tf.sub(y, beta!), gamma!);
    stepMeans(centred).forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));

    const perStep = tf.moments(x, [0]);
    const averageMean = tf.mean(perStep.mean, 0);
    const averageVariance = tf.mean(perStep.variance, 0);
    expect(maxAbsDiff(averageMean, tf.mean(x, [0, 1]))).toBeLessThanOrEqual(1e-5);
    const [, , mean1, var1] = td.getWeights();
    const half = (a: tf.Tensor, b: tf.Tensor) => tf.mul(tf.add(a, b), 0.5);
    expect(maxAbsDiff(mean1!, half(mean0!, averageMean))).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(var1!, half(var0!, averageVariance))).toBeLessThanOrEqual(1e-5);
  });

  it('with the loop strategy, equals tfjs-layers TimeDistributed in training: per-step statistics, one update per step', () => {
    const loop = timeDistributed(batchNormalization({ momentum: 0.8 }), { strategy: 'loop' });
    const perStep = timeDistributed(batchNormalization({ momentum: 0.8 }), {
      statistics: 'perStep',
    });
    const x = shiftedSteps(2, 3, 4);
    loop.apply(x);
    randomizeWeights(loop);
    perStep.apply(x);
    perStep.setWeights(loop.getWeights());
    const reference = tfl.layers.timeDistributed({
      layer: tfl.layers.batchNormalization({ momentum: 0.8 }),
    });
    reference.build(x.shape);
    reference.setWeights(loop.getWeights());

    const y = loop.apply(x, { training: true });
    expect(maxAbsDiff(y, reference.apply(x, { training: true }) as tf.Tensor)).toBeLessThanOrEqual(
      1e-5,
    );
    expect(maxAbsDiff(y, perStep.apply(x, { training: true }))).toBeLessThanOrEqual(1e-5);
    reference.getWeights().forEach((w, i) => {
      expect(maxAbsDiff(loop.getWeights()[i]!, w)).toBeLessThanOrEqual(1e-5);
    });
    // Three updates against perStep's one: the moving means differ.
    expect(maxAbsDiff(loop.getWeights()[2]!, perStep.getWeights()[2]!)).toBeGreaterThan(0.01);
  });

  it('normalises Mask R-CNN-like ROI features over batch*rois in one call', () => {
    const td = timeDistributed(batchNormalization({ center: false, scale: false }));
    const x = tf.randomNormal([2, 3, 1, 1, 8], 3, 2);
    const y = td.apply(x, { training: true });
    expect(y.shape).toEqual([2, 3, 1, 1, 8]);
    expect(maxAbsDiff(y, standardize(x, [0, 1, 2, 3]))).toBeLessThanOrEqual(1e-5);
    const nested = timeDistributed(timeDistributed(batchNormalization({ scale: false })), {
      statistics: 'perStep',
    });
    const z = tf.randomNormal([3, 2, 2, 4]);
    expect(
      maxAbsDiff(nested.apply(z, { training: true }), standardize(z, [0])),
    ).toBeLessThanOrEqual(1e-5);
  });

  it('leaves masked steps out of the merged statistics', () => {
    const td = timeDistributed(batchNormalization({ center: false, scale: false }));
    const x = shiftedSteps(2, 3, 2);
    const mask = tf.tensor2d(
      [
        [1, 1, 0],
        [1, 1, 0],
      ],
      undefined,
      'bool',
    );
    const y = td.apply(x, { training: true, mask });
    const kept = tf.slice(x, [0, 0, 0], [2, 2, 2]);
    const { mean, variance } = tf.moments(kept, [0, 1]);
    const expected = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-3)));
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);

    // Per step: the last step of sample 1 is left out, so sample 0 alone sets that step's statistics.
    const perStep = timeDistributed(batchNormalization({ center: false, scale: false }), {
      statistics: 'perStep',
    });
    const partial = tf.tensor2d(
      [
        [1, 1, 1],
        [1, 1, 0],
      ],
      undefined,
      'bool',
    );
    const z = perStep.apply(x, { training: true, mask: partial });
    expect(maxAbsDiff(tf.slice(z, [0, 2, 0], [1, 1, 2]), tf.zeros([1, 1, 2]))).toBe(0);
    expect(
      maxAbsDiff(tf.slice(z, [0, 0, 0], [2, 2, 2]), standardize(kept, [0])),
    ).toBeLessThanOrEqual(1e-5);
    // The moving mean moves towards the mean of the five slices that count.
    const counted = tf.concat([
      tf.reshape(kept, [4, 2]),
      tf.reshape(tf.slice(x, [0, 2, 0], [1, 1, 2]), [1, 2]),
    ]);
    expect(
      maxAbsDiff(perStep.getWeights()[0]!, tf.mul(tf.mean(counted, 0), 0.01)),
    ).toBeLessThanOrEqual(1e-6);
  });
});
