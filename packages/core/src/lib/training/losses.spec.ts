import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  getLoss,
  sparseCategoricalCrossentropy,
} from './losses.js';
import { values } from './tiny-dense.test-helpers.js';

const near = (a: tf.Tensor, b: tf.Tensor, tol = 1e-5): void => {
  expect(a.shape).toEqual(b.shape);
  const bv = b.dataSync();
  a.dataSync().forEach((v, i) => expect(Math.abs(v - bv[i]!)).toBeLessThan(tol));
};

describe('losses', () => {
  const logits = values([2, 5, 3], 0.4, 2); // a sequence output: [batch, time, classes]
  const labels = tf.tensor2d([
    [0, 2, 1, 1, 0],
    [2, 2, 0, 1, 1],
  ]);
  const oneHot = tf.cast(tf.oneHot(tf.cast(labels, 'int32'), 3), 'float32');

  it('give one value per sample and step, as tfjs-layers does, for each named loss', () => {
    const probs = tf.softmax(logits);
    const target = values([2, 5, 3], 1.9);
    near(
      getLoss('mean_squared_error').compute(target, logits),
      tfl.metrics.meanSquaredError(target, logits),
    );
    near(getLoss('mae').compute(target, logits), tfl.metrics.meanAbsoluteError(target, logits));
    near(
      getLoss('categorical_crossentropy').compute(oneHot, probs),
      tfl.metrics.categoricalCrossentropy(oneHot, probs),
    );
    near(
      getLoss('sparse_categorical_crossentropy').compute(labels, probs),
      // tfjs-layers exports no sparse form as a function: its categorical form on one-hot targets.
      tfl.metrics.categoricalCrossentropy(oneHot, probs),
    );
    const sig = tf.sigmoid(logits);
    const bits = tf.cast(tf.greater(values([2, 5, 3], 3.1), 0), 'float32');
    near(
      getLoss('binary_crossentropy').compute(bits, sig),
      tfl.metrics.binaryCrossentropy(bits, sig),
    );
  });

  it('with fromLogits equal the probability form on softmax or sigmoid of the logits', () => {
    near(
      categoricalCrossentropy({ fromLogits: true }).compute(oneHot, logits),
      categoricalCrossentropy().compute(oneHot, tf.softmax(logits)),
    );
    near(
      sparseCategoricalCrossentropy({ fromLogits: true }).compute(labels, logits),
      sparseCategoricalCrossentropy().compute(labels, tf.softmax(logits)),
    );
    const bits = tf.cast(tf.greater(values([2, 5, 3], 3.1), 0), 'float32');
    near(
      binaryCrossentropy({ fromLogits: true }).compute(bits, logits),
      binaryCrossentropy().compute(bits, tf.sigmoid(logits)),
    );
  });

  it('stay finite with logits far beyond where probabilities saturate', () => {
    const big = tf.tensor2d([[80, -80, 0]]);
    const t = tf.tensor2d([[0, 1, 0]]);
    const v = categoricalCrossentropy({ fromLogits: true }).compute(t, big).dataSync()[0]!;
    expect(v).toBeCloseTo(160, 3);
    const b = binaryCrossentropy({ fromLogits: true }).compute(t, big).dataSync()[0]!;
    expect(b).toBeCloseTo((80 + 80 + Math.log(2)) / 3, 3);
  });
});
