import * as tf from '@tensorflow/tfjs-core';
import { at, Model, singletonOrArray, type Layer, type Shape } from '@framewise/core';
import type { ConformanceCase } from './case.js';
import type { OutputValues } from './compare.js';
import { seededInputs, seededWeights } from './seeded-random.js';

/** What one case gave on the active engine. */
export interface CaseRun {
  outputs: OutputValues[];
  /** The weights it ran with, read back from the engine, in `weights` order. */
  weights: Float32Array[];
  /** Milliseconds from build to the last value read. */
  ms: number;
  /** `tf.memory().numTensors` after minus before: 0 unless something leaked. */
  leakedTensors: number;
}

function ensureBuilt(subject: Layer, c: ConformanceCase): void {
  if (subject.built) return;
  const shapes: Shape[] = c.inputShapes.map((s) => [null, ...s.slice(1)]);
  subject.ensureBuilt(singletonOrArray(shapes));
}

function defaultRun(subject: Layer, inputs: tf.Tensor[]): tf.Tensor | tf.Tensor[] {
  const x = singletonOrArray(inputs);
  return subject instanceof Model ? subject.predict(x) : subject.apply(x);
}

// Layer.dispose frees a layer's own weights only; a model's live in its layers.
function disposeAll(subject: Layer): void {
  const seen = new Set<Layer>();
  const visit = (layer: Layer): void => {
    if (seen.has(layer)) return;
    seen.add(layer);
    layer.sublayers().forEach(visit);
    layer.dispose();
  };
  visit(subject);
}

function setWeights(subject: Layer, c: ConformanceCase, given?: Float32Array[]): void {
  const variables = subject.weights;
  const values =
    given ??
    seededWeights(
      variables.map((w) => w.shape),
      c.seed,
    );
  if (values.length !== variables.length) {
    throw new Error(
      `the model has ${variables.length} weight(s) here but ${values.length} on the reference`,
    );
  }
  const tensors = values.map((v, i) => tf.tensor(v, at(variables, i, 'weight').shape, 'float32'));
  try {
    subject.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
  if (c.params !== undefined && subject.countParams() !== c.params) {
    throw new Error(`expected ${c.params} parameters, the model has ${subject.countParams()}`);
  }
}

/**
 * Builds and runs one case on the active engine, reading every value with `await data()`
 * (`dataSync` is unavailable on WebGPU in Node), then frees everything it made. Weights are
 * the seeded ones, or `weights` when given (the reference's, copied over).
 */
export async function runCase(c: ConformanceCase, weights?: Float32Array[]): Promise<CaseRun> {
  const before = tf.memory().numTensors;
  const start = performance.now();
  let subject: Layer | undefined;
  const held: tf.Tensor[] = [];
  let result: Omit<CaseRun, 'leakedTensors'>;
  try {
    subject = c.build();
    ensureBuilt(subject, c);
    setWeights(subject, c, weights);
    const values = seededInputs(c.inputShapes, c.seed);
    const inputs = c.inputShapes.map((s, i) =>
      tf.tensor(at(values, i, 'input values'), s.slice(), 'float32'),
    );
    held.push(...inputs);
    const built = subject;
    const outputs = tf.tidy(() => {
      const y = (c.run ?? defaultRun)(built, inputs);
      return Array.isArray(y) ? y : [y];
    });
    held.push(...outputs);
    const read = await Promise.all(outputs.map((o) => o.data()));
    const used = await Promise.all(
      built.weights.map((w) => w.value.data() as Promise<Float32Array>),
    );
    result = {
      outputs: outputs.map((o, i) => ({
        shape: o.shape.slice(),
        values: at(read, i, 'output values'),
      })),
      weights: used,
      ms: performance.now() - start,
    };
  } finally {
    tf.dispose(held);
    if (subject) disposeAll(subject);
  }
  return { ...result, leakedTensors: tf.memory().numTensors - before };
}
