import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  timeDistributed,
  type Layer,
  type Model,
  type TimeDistributedOptions,
} from '@framewise/core';
import { maxAbsDiff } from './reference.test-helpers.js';

/** Gradients of one loss: per weight (in the order asked for) and w.r.t. the input. */
export interface LossGradients {
  loss: number;
  weights: tf.Tensor[];
  input: tf.Tensor;
}

/**
 * Gradients of `meanSquaredError(target, forward(x))` w.r.t. `weights` and `x`,
 * in one backward pass (`x` rides along as a temporary variable). `forward`
 * runs on the tape exactly as a training step does: whatever it reads
 * synchronously, disposes or assigns shows up here.
 */
export function lossGradients(
  forward: (x: tf.Tensor) => tf.Tensor,
  weights: tf.Variable[],
  x: tf.Tensor,
  target: tf.Tensor,
): LossGradients {
  const xv = tf.variable(x, true);
  try {
    const { value, grads } = tf.variableGrads(
      () => tf.losses.meanSquaredError(target, forward(xv)) as tf.Scalar,
      [...weights, xv],
    );
    const loss = value.dataSync()[0]!;
    value.dispose();
    const missing = weights.filter((w) => grads[w.name] === undefined);
    if (missing.length > 0) {
      tf.dispose(Object.values(grads));
      throw new Error(
        `no gradient reached ${missing.length} weight(s): ${missing.map((w) => w.name)}`,
      );
    }
    return { loss, weights: weights.map((w) => grads[w.name]!), input: grads[xv.name]! };
  } finally {
    xv.dispose();
  }
}

/** The tf.Variables behind a Framewise layer's or model's trainable weights. */
export function trainableVariables(layer: Layer): tf.Variable[] {
  return layer.trainableWeights.map((w) => w.value);
}

/** The tf.Variables behind a tfjs-layers layer's trainable weights, in the same (Keras) order. */
export function referenceTrainableVariables(layer: tfl.layers.Layer): tf.Variable[] {
  return layer.trainableWeights.map((w) => w.read() as tf.Variable);
}

/** Largest difference between two sets of gradients (loss, every weight, the input). */
export function gradientDiff(a: LossGradients, b: LossGradients): number {
  expect(a.weights).toHaveLength(b.weights.length);
  const diffs = [
    Math.abs(a.loss - b.loss),
    maxAbsDiff(a.input, b.input),
    ...a.weights.map((g, i) => maxAbsDiff(g, b.weights[i]!)),
  ];
  return Math.max(...diffs);
}

/** Frees the tensors of some gradient sets. */
export function disposeGradients(...sets: LossGradients[]): void {
  for (const s of sets) tf.dispose([...s.weights, s.input]);
}

/** Largest absolute value of any gradient in a set: checks the comparison is not between zeros. */
export function largestGradient(g: LossGradients): number {
  return Math.max(
    ...[g.input, ...g.weights].map((t) => tf.tidy(() => tf.max(tf.abs(t)).dataSync()[0]!)),
  );
}

/** Random weights (variances and gammas kept positive) so that no gradient is trivially zero. */
export function randomizeWeights(layer: Layer, seed = 1): void {
  const values = layer.weights.map((w, i) =>
    /(variance|gamma)$/.test(w.name)
      ? tf.randomUniform(w.shape, 0.5, 2, 'float32', seed + i)
      : tf.randomNormal(w.shape, 0, 0.5, 'float32', seed + i),
  );
  layer.setWeights(values);
  tf.dispose(values);
}

/** One case: a Framewise forward and tfjs-layers' forward over the same weights and data. */
export interface GradientPair {
  ours: { forward: (x: tf.Tensor) => tf.Tensor; weights: tf.Variable[] };
  reference: { forward: (x: tf.Tensor) => tf.Tensor; weights: tf.Variable[] };
  x: tf.Tensor;
  target: tf.Tensor;
}

/**
 * Gradients of both sides of a pair, compared: returns the largest difference
 * (loss, weights, input) and the largest gradient, and checks no tensor leaked.
 */
export function compareGradients(pair: GradientPair): { diff: number; largest: number } {
  const before = tf.memory().numTensors;
  const ours = lossGradients(pair.ours.forward, pair.ours.weights, pair.x, pair.target);
  const reference = lossGradients(
    pair.reference.forward,
    pair.reference.weights,
    pair.x,
    pair.target,
  );
  const diff = gradientDiff(ours, reference);
  const largest = largestGradient(reference);
  disposeGradients(ours, reference);
  expect(tf.memory().numTensors).toBe(before);
  return { diff, largest };
}

/** A Framewise `timeDistributed(inner, options)` model and tfjs-layers' TimeDistributed twin, same weights. */
export interface TimeDistributedTwin {
  /** Framewise layer inside the wrapper and the model around it. */
  ours: () => Layer;
  /** The same layer built by tfjs-layers. */
  reference: () => tfl.layers.Layer;
  /** `[time, ...step]` without the batch. */
  shape: number[];
  /** Output shape without the batch. */
  outShape: number[];
}

/**
 * Builds both sides of a twin for a batch: the Framewise model with random
 * weights, tfjs-layers' wrapper holding the same weights, both run in
 * training mode (`model.apply(x, {training: true})`, the tape's view of a
 * training step), seeded data and target. `dispose()` frees all of it.
 */
export function timeDistributedPair(
  twin: TimeDistributedTwin,
  options: TimeDistributedOptions,
  batch = 3,
): GradientPair & { model: Model; referenceLayer: tfl.layers.Layer; dispose: () => void } {
  const x = input({ shape: twin.shape });
  const m = model({ inputs: x, outputs: timeDistributed(twin.ours(), options).apply(x) });
  randomizeWeights(m);
  const reference = tfl.layers.timeDistributed({ layer: twin.reference() });
  reference.build([batch, ...twin.shape]);
  reference.setWeights(m.getWeights());
  const data = tf.randomNormal([batch, ...twin.shape], 0, 1, 'float32', 11);
  const target = tf.randomNormal([batch, ...twin.outShape], 0, 1, 'float32', 12);
  return {
    model: m,
    referenceLayer: reference,
    ours: { forward: (v) => m.apply(v, { training: true }), weights: trainableVariables(m) },
    reference: {
      forward: (v) => reference.apply(v, { training: true }) as tf.Tensor,
      weights: referenceTrainableVariables(reference),
    },
    x: data,
    target,
    dispose: () => {
      tf.dispose([data, target]);
      m.dispose();
      reference.weights.forEach((w) => w.dispose());
    },
  };
}
