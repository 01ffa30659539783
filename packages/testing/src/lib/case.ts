import type * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '@framewise/core';
import type { Tolerance } from './tolerance.js';

/**
 * One numerical case of the conformance suite: a model (or layer) built with Framewise, the
 * inputs to run it on, and how close a backend must come to the reference.
 *
 * The runner builds the case once per engine, replaces every weight with values drawn from
 * `seed` (the same on every engine), feeds inputs drawn from `seed`, and compares every
 * output value. Cases are plain objects: to run one with another tolerance, spread it,
 * `{ ...conformanceCase, tolerance: myTolerance }`.
 */
export interface ConformanceCase {
  /** Unique and stable, `group/what`: `'dense/relu'`, `'time-distributed/loop'`. */
  readonly name: string;
  /** What the case checks, in one sentence. */
  readonly description: string;
  /** Shapes of the inputs it runs on, batch first, one per input of the model. */
  readonly inputShapes: readonly (readonly number[])[];
  /** Seeds the weights and the inputs; the same seed gives the same numbers on every engine. */
  readonly seed: number;
  /** How far a backend may stray from the reference, and why. */
  readonly tolerance: Tolerance;
  /** `countParams()` the built model must report on every engine, when the case pins it. */
  readonly params?: number;
  /**
   * Makes the model or layer, on the active backend. Weights it creates are overwritten with
   * seeded values; a layer that is not built yet is built for `inputShapes` (batch left open).
   */
  build(): Layer;
  /**
   * Runs the built model on the inputs, inside `tf.tidy`. Default: `predict` for a `Model`,
   * `apply` for another layer. Cases with masks or several runs give their own; every
   * tensor returned is compared, in order.
   */
  run?(subject: Layer, inputs: tf.Tensor[]): tf.Tensor | tf.Tensor[];
}
