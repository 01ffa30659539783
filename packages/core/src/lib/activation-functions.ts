import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from './errors.js';

// The activation functions, by tfjs-style camelCase name. Where tf.keras 2 and Keras 3 define a
// name differently, this is tf.keras 2's definition (Keras 3's `hard_sigmoid` has its own entry,
// `hardSigmoidKeras3`, which @framewise/io maps Keras 3 files to). Names only Keras 3 has take
// Keras 3's definition with its default arguments.

type Fn = (x: tf.Tensor) => tf.Tensor;

// No `tf.where` on a condition computed from x: tfjs has no gradient for comparisons, so a
// mask taken while x is on the gradient tape fails the backward pass. Masks come from
// `tf.step` (whose gradient is zero) or clipping instead.

const swish: Fn = (x) => tf.tidy(() => tf.mul(x, tf.sigmoid(x)));
// Keras 3's hard_silu: x · relu6(x + 3) / 6 (tf.keras 2 has no such name).
const hardSilu: Fn = (x) => tf.tidy(() => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)));

/** Split in half along the last axis: a · sigmoid(b) (Keras 3 `glu`, axis -1). */
function glu(x: tf.Tensor): tf.Tensor {
  const n = x.shape[x.rank - 1] ?? 0;
  if (n % 2 !== 0) {
    throw new ShapeError(
      `glu splits the last axis in two halves, so it must have an even size; received shape ` +
        JSON.stringify(x.shape),
    );
  }
  return tf.tidy(() => {
    const [a, b] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
    return tf.mul(a, tf.sigmoid(b));
  });
}

/**
 * Sparsemax over the last axis (Martins & Astudillo 2016): the Euclidean
 * projection onto the probability simplex. An element is in the support when
 * 1 + k·z > Σ (the k elements ≥ z); τ = (Σ support − 1) / |support|;
 * the result is max(0, x − τ). Found by pairwise comparison rather than a sort
 * (ops every backend has), which takes n² values per row of n: fine for class
 * scores, heavy for thousands of features. The gradient is the projection's
 * Jacobian: on the support, dy minus its mean over the support; 0 elsewhere.
 */
const sparsemax = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const value = tf.tidy(() => {
    const zi = tf.expandDims(x, -1); // [..., n, 1]
    const zj = tf.expandDims(x, -2); // [..., 1, n]
    const above = tf.cast(tf.greaterEqual(zj, zi), 'float32'); // [..., i, j]: z_j ≥ z_i
    const count = tf.sum(above, -1);
    const total = tf.sum(tf.mul(above, zj), -1);
    const support = tf.cast(tf.greater(tf.add(1, tf.mul(count, x)), total), 'float32');
    const size = tf.sum(support, -1, true);
    const tau = tf.div(tf.sub(tf.sum(tf.mul(support, x), -1, true), 1), size);
    return tf.relu(tf.sub(x, tau));
  });
  // The support is where the result is above 0 (there x > τ; elsewhere x ≤ τ).
  save([value]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const s = tf.cast(tf.greater(saved[0] as tf.Tensor, 0), 'float32');
        const mean = tf.div(tf.sum(tf.mul(dy, s), -1, true), tf.sum(s, -1, true));
        return tf.mul(s, tf.sub(dy, mean));
      }),
  };
}) as (x: tf.Tensor) => tf.Tensor;

/** Every activation function by name; `activations.ts` looks names up here. */
export const ACTIVATION_FUNCTIONS = {
  linear: (x) => x,
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  elu: (x) => tf.elu(x),
  selu: (x) => tf.selu(x),
  sigmoid: (x) => tf.sigmoid(x),
  // Keras 2 / tfjs-layers definition: clip(0.2x + 0.5, 0, 1).
  hardSigmoid: (x) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1)),
  // Keras 3 redefined `hard_sigmoid` as relu6(x + 3) / 6; `@framewise/io` maps Keras 3 files'
  // `hard_sigmoid` here (JSON name `hard_sigmoid_keras3`) so each file keeps its own numbers.
  hardSigmoidKeras3: (x) => tf.tidy(() => tf.div(tf.relu6(tf.add(x, 3)), 6)),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x, -1),
  softplus: (x) => tf.softplus(x),
  softsign: (x) => tf.tidy(() => tf.div(x, tf.add(tf.abs(x), 1))),
  swish,
  silu: swish,
  // tf.keras 2's and Keras 3's default (approximate=False): the exact x·Φ(x) through erf.
  gelu: (x) => tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.div(x, Math.SQRT2))))),
  exponential: (x) => tf.exp(x),
  mish: (x) => tf.tidy(() => tf.mul(x, tf.tanh(tf.softplus(x)))),
  logSoftmax: (x) => tf.logSoftmax(x, -1),
  hardSilu,
  hardSwish: hardSilu,
  // Keras 3's default negative_slope (tf.nn.leaky_relu's alpha is the same 0.2).
  leakyRelu: (x) => tf.leakyRelu(x, 0.2),
  // Keras 3's celu with alpha = 1: x for x > 0, else exp(x) − 1, which is elu's formula.
  celu: (x) => tf.elu(x),
  glu,
  hardShrink: (x) => tf.tidy(() => tf.mul(x, tf.step(tf.sub(tf.abs(x), 0.5)))),
  softShrink: (x) => tf.tidy(() => tf.mul(tf.sign(x), tf.relu(tf.sub(tf.abs(x), 0.5)))),
  tanhShrink: (x) => tf.tidy(() => tf.sub(x, tf.tanh(x))),
  hardTanh: (x) => tf.clipByValue(x, -1, 1),
  // −softplus(−x): tf.logSigmoid's own gradient reads a tensor it has freed on wasm (tfjs 4.22).
  logSigmoid: (x) => tf.tidy(() => tf.neg(tf.softplus(tf.neg(x)))),
  // (clip(x, −1, 1) + 1)² / 4 + relu(x − 1): 0 below −1, (x + 1)² / 4 between, x above 1.
  sparsePlus: (x) =>
    tf.tidy(() =>
      tf.add(tf.div(tf.square(tf.add(tf.clipByValue(x, -1, 1), 1)), 4), tf.relu(tf.sub(x, 1))),
    ),
  sparseSigmoid: (x) => tf.tidy(() => tf.clipByValue(tf.add(tf.mul(x, 0.5), 0.5), 0, 1)),
  // Keras 3's default b = 4: (x + √(x² + 4)) / 2.
  squareplus: (x) => tf.tidy(() => tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), 4))), 2)),
  sparsemax,
} satisfies Record<string, Fn>;

/** An activation's name in tfjs' camelCase spelling. */
export type ActivationName = keyof typeof ACTIVATION_FUNCTIONS;
