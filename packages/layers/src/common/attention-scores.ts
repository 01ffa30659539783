import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, seededRandom } from '@framewise/core';

/**
 * What Keras 2 subtracts from a masked score before the softmax: large
 * enough that the position gets no weight, small enough to stay finite.
 */
export const MASKED_SCORE = 1e9;

/** `[rows, cols]` bool, true where `col <= row`: step `row` may look at steps up to itself. */
export function lowerTriangular(rows: number, cols: number): tf.Tensor2D {
  const values = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c <= Math.min(r, cols - 1); c++) values[r * cols + c] = 1;
  return tf.tensor2d(values, [rows, cols], 'bool');
}

/** The logical and of the masks given (broadcasting), `null` when none is. */
export function andMasks(...masks: (tf.Tensor | null | undefined)[]): tf.Tensor | null {
  const given = masks.filter((m): m is tf.Tensor => m !== null && m !== undefined);
  if (given.length === 0) return null;
  return given.map(asBool).reduce((acc, m) => tf.logicalAnd(acc, m));
}

/** A mask as bool: any non-zero value counts (masks may arrive as 0/1 floats from a model input). */
export function asBool(mask: tf.Tensor): tf.Tensor {
  return mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0);
}

/**
 * Softmax over the last axis, where masked positions (false in `mask`,
 * which broadcasts to `scores`) first lose `MASKED_SCORE`, as Keras 2 does.
 */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor | null): tf.Tensor {
  if (mask === null) return tf.softmax(scores);
  const padding = tf.cast(tf.logicalNot(asBool(mask)), 'float32');
  return tf.softmax(tf.sub(scores, tf.mul(padding, MASKED_SCORE)));
}

/**
 * Dropout of attention weights: only while training, without rescaling the
 * layout. With `seeds`, each draw takes the next seed of the layer's sequence
 * (calls that draw nothing, at inference, leave the sequence as it is).
 */
export function dropWeights(
  weights: tf.Tensor,
  rate: number,
  training: boolean | undefined,
  seeds?: DropoutSeeds,
): tf.Tensor {
  if (training !== true || rate <= 0) return weights;
  return tf.dropout(weights, rate, undefined, seeds?.next());
}

/** The `seed` option of the attention layers, checked, and the seeds of its draws. */
export interface DropoutSeeds {
  /** As given; undefined when absent. */
  seed: number | undefined;
  /** The seed of the next draw: a repeatable sequence from `seed`, undefined without one. */
  next(): number | undefined;
}

/**
 * A layer made with a `seed` draws the same sequence of dropout masks in every
 * run and on every engine (the numbers come from JavaScript); each call still
 * draws a new mask, as Keras 3's seed generator does. Without one, every draw
 * is new.
 */
export function dropoutSeeds(seed: unknown, layerName: string): DropoutSeeds {
  if (seed === undefined || seed === null) return { seed: undefined, next: () => undefined };
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new ConfigError(`seed must be a number, received ${JSON.stringify(seed)}`, layerName);
  }
  const random = seededRandom(seed);
  return { seed, next: () => Math.floor(random() * 2 ** 31) };
}

/** Throws unless `rate` is a number in [0, 1). */
export function dropoutRate(rate: unknown, layerName: string): number {
  const value = rate ?? 0;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(
      `dropout must be a number in [0, 1), received ${JSON.stringify(rate)}`,
      layerName,
    );
  }
  return value;
}

/** Throws unless `value` is a boolean (or absent, then `fallback`). */
export function flag(value: unknown, option: string, layerName: string, fallback = false): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new ConfigError(
      `${option} must be true or false, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return value;
}
