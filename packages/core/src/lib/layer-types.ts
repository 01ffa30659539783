import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from './shape.js';
import type { Constraint } from './weight-training/constraints.js';
import type { Regularizer, RegularizerOption } from './weight-training/regularizers.js';

/** One tensor or several, as layers with several inputs or outputs take and give them. */
export type Tensors = tf.Tensor | tf.Tensor[];
/** One shape or several. */
export type Shapes = Shape | Shape[];
/** A mask per input (or one), `null` where there is none. */
export type Masks = tf.Tensor | null | (tf.Tensor | null)[];

/**
 * How a TimeDistributed wrapper merged steps into the batch axis of the
 * tensors a layer receives, for layers whose training behaviour depends on it.
 */
export interface StepLayout {
  /** Sizes merged into the batch axis, batch-major: `[8, 12]` for 96 slices of 8 samples × 12 steps. */
  lead: number[];
  /** Dropout-like noise: drawn for every slice (`perStep`), or once per sample and reused by its steps (`shared`). */
  noise: 'perStep' | 'shared';
  /** Batch statistics (BatchNormalization): over all merged slices (`merged`) or over the batch, step by step (`perStep`). */
  statistics: 'merged' | 'perStep';
}

/** What reaches `Layer.call` besides the inputs. */
export interface CallOptions {
  /** True while training: Dropout drops, BatchNormalization uses batch statistics. */
  training?: boolean;
  /** Boolean mask, `[batch, time]` for sequences; `null` or absent when there is none. */
  mask?: Masks;
  /** Set when a TimeDistributed wrapper merged steps into the batch axis (see `readsStepLayout`). */
  steps?: StepLayout;
}

/** Options every layer takes (tfjs-layers' names). */
export interface LayerOptions {
  /** Defaults to the snake-cased class name with a counter: `dense_1`. */
  name?: string;
  trainable?: boolean;
  /** Input shape without the batch axis; lets a Sequential model build from its first layer. */
  inputShape?: Shape;
  /** Input shape with the batch axis. */
  batchInputShape?: Shape;
  /** Fixed batch size to go with `inputShape`. */
  batchSize?: number;
  /**
   * A penalty on the layer's outputs, added to the training loss divided by
   * the batch size (tf.keras 2): `'l1'`, `regularizers.l1({l1: 1e-5})` ...
   */
  activityRegularizer?: RegularizerOption;
}

/** Where a weight's training extras come from (see `Layer.addWeight`). */
export interface WeightExtras {
  regularizer?: Regularizer;
  constraint?: Constraint;
}

/** The constructor side of a layer class: its Keras class name. */
export interface LayerClass {
  readonly className: string;
}

/**
 * How a layer can run on a sequence that arrives a few steps at a time (what
 * `streamModel` of `@framewise/stream` asks each layer about its input):
 * - `perStep`: a call on steps `[t, t+n)` gives the same steps of the output
 *   as a call on the whole sequence (Dense on the last axis, activations,
 *   TimeDistributed ...);
 * - `carried`: the same, given a state carried from the steps before
 *   (unidirectional RNNs, causal Conv1D); the layer implements
 *   `initialStreamState` and `callStream`. `reducesTime` when the layer's
 *   output has no time axis (an RNN without `returnSequences`): the stream then
 *   gives the output after each step;
 * - `none`: a step's output depends on later steps (Bidirectional, pooling over
 *   time); the stream has to run the layer on a window of steps;
 * - `refused`: the layer cannot be streamed at all (a stateful RNN keeps its
 *   own states across calls).
 * `reason` says why, for the stream's explanation of its mode.
 */
export type StreamSupport =
  | { kind: 'perStep' }
  | { kind: 'carried'; reducesTime: boolean }
  | { kind: 'none'; reason: string }
  | { kind: 'refused'; reason: string };

/** What `Layer.callStream` gives back: the chunk's outputs and the state for the next chunk. */
export interface StreamStepResult {
  /** `[batch, n, ...]` for the `n` steps of the chunk (also when the layer reduces time). */
  outputs: Tensors;
  /** State after the chunk's last step; the caller keeps and frees it. */
  state: tf.Tensor[];
}
