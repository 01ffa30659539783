import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradient functions
import { ConfigError, ShapeError } from './errors.js';
import {
  activationChangesShape,
  activationNames,
  getActivation,
  normaliseActivation,
  type ActivationIdentifier,
} from './activations.js';

// Every name Keras 3.11 (keras/src/activations/__init__.py, ALL_OBJECTS and its aliases) and
// tf.keras 2 accept by name, in Keras' snake_case spelling. Keras 3's `threshold` is left out:
// it has no default for its two arguments, so Keras itself cannot call it by name.
const KERAS_NAMES = [
  'linear', 'relu', 'relu6', 'elu', 'selu', 'softplus', 'softsign', 'sigmoid', 'hard_sigmoid',
  'exponential', 'tanh', 'softmax', 'log_softmax', 'swish', 'silu', 'gelu', 'hard_silu',
  'hard_swish', 'mish', 'leaky_relu', 'celu', 'glu', 'hard_shrink', 'soft_shrink', 'tanh_shrink',
  'hard_tanh', 'log_sigmoid', 'sparse_plus', 'sparse_sigmoid', 'squareplus', 'sparsemax',
]; // prettier-ignore

const X = [-3, -1.5, -1, -0.5, 0, 0.25, 1, 2, 4];
const x = (): tf.Tensor => tf.tensor2d(X, [1, X.length]);

function run(name: string, input: tf.Tensor): number[] {
  return tf.tidy(() =>
    Array.from(
      getActivation(normaliseActivation(name, undefined, { shapeChanging: true }))(
        input,
      ).dataSync(),
    ),
  );
}

function expectClose(actual: number[], expected: number[], tolerance = 1e-6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) =>
    expect(Math.abs(v - (expected[i] ?? NaN))).toBeLessThanOrEqual(tolerance),
  );
}

describe('activations', () => {
  it('accepts every name tf.keras 2 and Keras 3 accept, and lists them all', () => {
    for (const name of KERAS_NAMES) {
      expect(() => normaliseActivation(name, 'd', { shapeChanging: true })).not.toThrow();
    }
    const camel = KERAS_NAMES.map((n) => n.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()));
    expect([...activationNames].sort()).toEqual([...camel].sort());
  });

  // tfjs-core has these as ops (or, for celu with alpha 1 and hard_tanh, as the same formula).
  const tfjs: [string, (t: tf.Tensor) => tf.Tensor][] = [
    ['relu', (t) => tf.relu(t)],
    ['relu6', (t) => tf.relu6(t)],
    ['elu', (t) => tf.elu(t)],
    ['selu', (t) => tf.selu(t)],
    ['sigmoid', (t) => tf.sigmoid(t)],
    ['tanh', (t) => tf.tanh(t)],
    ['softmax', (t) => tf.softmax(t)],
    ['softplus', (t) => tf.softplus(t)],
    ['exponential', (t) => tf.exp(t)],
    ['log_softmax', (t) => tf.logSoftmax(t)],
    ['leaky_relu', (t) => tf.leakyRelu(t, 0.2)],
    ['log_sigmoid', (t) => tf.logSigmoid(t)],
    ['celu', (t) => tf.elu(t)],
    ['hard_tanh', (t) => tf.clipByValue(t, -1, 1)],
  ];
  it.each(tfjs)('%s equals its tfjs-core op to 1e-6', (name, op) => {
    const input = tf.mul(tf.randomNormal([3, 7], 0, 1, 'float32', 5), 3);
    const expected = tf.tidy(() => Array.from(op(input).dataSync()));
    expectClose(run(name, input), expected);
    input.dispose();
  });

  const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
  const softplus = (v: number): number => Math.log1p(Math.exp(v));
  // Worked from Keras 3's definitions (default arguments) at X, in float64.
  const byHand: [string, number[]][] = [
    ['linear', X],
    ['softsign', X.map((v) => v / (1 + Math.abs(v)))],
    ['hard_sigmoid', X.map((v) => Math.min(1, Math.max(0, 0.2 * v + 0.5)))],
    ['swish', X.map((v) => v * sigmoid(v))],
    ['silu', X.map((v) => v * sigmoid(v))],
    ['mish', X.map((v) => v * Math.tanh(softplus(v)))],
    ['hard_silu', [0, -0.375, -1 / 3, -0.5 * 2.5 / 6, 0, 0.25 * 3.25 / 6, 4 / 6, 10 / 6, 4]],
    ['hard_swish', [0, -0.375, -1 / 3, -0.5 * 2.5 / 6, 0, 0.25 * 3.25 / 6, 4 / 6, 10 / 6, 4]],
    ['hard_shrink', [-3, -1.5, -1, 0, 0, 0, 1, 2, 4]],
    ['soft_shrink', [-2.5, -1, -0.5, 0, 0, 0, 0.5, 1.5, 3.5]],
    ['tanh_shrink', X.map((v) => v - Math.tanh(v))],
    ['sparse_plus', [0, 0, 0, 0.0625, 0.25, 0.390625, 1, 2, 4]],
    ['sparse_sigmoid', [0, 0, 0, 0.25, 0.5, 0.625, 1, 1, 1]],
    ['squareplus', X.map((v) => (v + Math.sqrt(v * v + 4)) / 2)],
    // gelu(approximate=False), the default of tf.keras 2 and Keras 3: x·Φ(x). Φ from erf values.
    ['gelu', [-0.00404969, -0.10021080, -0.15865525, -0.15426877, 0, 0.14967658, 0.84134475, 1.95449974, 3.99987332]],
  ]; // prettier-ignore
  it.each(byHand)('%s gives the hand-worked values', (name, expected) => {
    const input = x();
    expectClose(run(name, input), expected, 2e-6);
    input.dispose();
  });

  it('glu gates the first half of the last axis with the sigmoid of the second', () => {
    const input = tf.tensor2d([[1, 2, 0, -1], [-2, 3, 2, 0]]); // prettier-ignore
    expectClose(run('glu', input), [0.5, 2 * sigmoid(-1), -2 * sigmoid(2), 1.5]);
    expect(activationChangesShape('glu')).toBe(true);
    expect(() => run('glu', tf.zeros([2, 3]))).toThrow(ShapeError);
    input.dispose();
  });

  it('sparsemax projects onto the simplex: zeros outside the support, sums of 1, ties shared', () => {
    const input = tf.tensor2d([[1, 2, 0.5], [0.1, 0.3, 0.2], [1, 1, 0]]); // prettier-ignore
    // Sorted z: the support is the largest k with 1 + k·z_k > Σ_{j≤k} z_j; τ = (Σ − 1) / k.
    expectClose(run('sparsemax', input), [0, 1, 0, 0.7 / 3, 1.3 / 3, 1 / 3, 0.5, 0.5, 0]);
    input.dispose();
  });

  it('refuses glu where the layer keeps the shape, naming the layer', () => {
    expect(() => normaliseActivation('glu', 'dense_1')).toThrow(ConfigError);
    expect(() => normaliseActivation('glu', 'dense_1')).toThrow(
      /dense_1: activation "glu" halves the last axis/,
    );
  });

  it('keeps the typed error listing the known names for unknown ones', () => {
    expect(() => normaliseActivation('threshold', 'd')).toThrow(ConfigError);
    expect(() => normaliseActivation('relu7', 'd')).toThrow(
      /d: unknown activation "relu7"; expected one of linear, relu, .*sparsemax/,
    );
  });

  // The gradient of each activation against central differences (float32: loose tolerance), at
  // points away from the kinks; sparsemax's Jacobian is the projection's, sums of rows zero.
  it.each(activationNames.filter((n) => n !== 'glu'))(
    '%s has the gradient of its values',
    (name) => {
      const points = tf.tensor2d([[-2.3, -0.7, 0.3, 1.6, 2.9]]);
      const f = getActivation(name as ActivationIdentifier);
      const weights = tf.tensor2d([[0.3, -1.2, 0.8, 0.5, -0.4]]);
      const loss = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(f(t), weights));
      const grad = tf.tidy(() => Array.from(tf.grad(loss)(points).dataSync()));
      const h = 1e-2;
      const numeric = X.slice(0, 5).map((_, i) =>
        tf.tidy(() => {
          const e = tf.mul(tf.reshape(tf.oneHot([i], 5), [1, 5]), h);
          return (
            (loss(tf.add(points, e)).dataSync()[0]! - loss(tf.sub(points, e)).dataSync()[0]!) /
            (2 * h)
          );
        }),
      );
      expectClose(grad, numeric, 5e-3);
      tf.dispose([points, weights]);
    },
  );
});
