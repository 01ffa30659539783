import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  input,
  model,
  resetNames,
  timeDistributed,
  type Layer,
  type Model,
  type TimeDistributed,
} from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
// Types only: tfjs-layers is an optional peer, loaded at run time when present.
import type * as TfjsLayers from '@tensorflow/tfjs-layers';

/**
 * One of the two models of the blog tutorial "[Keras] Understanding and using
 * TimeDistributed" (Dense on (12, 8), Conv2D on (12, 32, 32, 3)), ready to run.
 */
export interface TutorialModel {
  /** Short name for tables. */
  label: string;
  title: string;
  /** One sample: `[time, ...step]`. */
  sampleShape: number[];
  batch: number;
  model: Model;
  wrapper: TimeDistributed;
  /** The same inner layer in tfjs-layers, for the speed comparison. */
  reference: (tfl: typeof TfjsLayers) => unknown;
}

function example(
  label: string,
  title: string,
  sampleShape: number[],
  batch: number,
  inner: Layer,
  reference: TutorialModel['reference'],
): TutorialModel {
  const x = input({ shape: sampleShape });
  const wrapper = timeDistributed(inner);
  return {
    label,
    title,
    sampleShape,
    batch,
    model: model({ inputs: x, outputs: wrapper.apply(x) }),
    wrapper,
    reference,
  };
}

/** The tutorial's Dense and Conv2D models, named as Keras names them in a fresh session. */
export function tutorialModels(): TutorialModel[] {
  resetNames();
  const denseExample = example(
    'TimeDistributed(Dense)',
    'TimeDistributed(Dense(units=10)) on Input(shape=(12, 8))',
    [12, 8],
    32,
    dense({ units: 10 }),
    (tfl) => tfl.layers.dense({ units: 10 }),
  );
  resetNames();
  const convExample = example(
    'TimeDistributed(Conv2D)',
    "TimeDistributed(Conv2D(filters=32, kernel_size=(3, 3), padding='same')) on Input(shape=(12, 32, 32, 3))",
    [12, 32, 32, 3],
    4,
    conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' }),
    (tfl) => tfl.layers.conv2d({ filters: 32, kernelSize: [3, 3], padding: 'same' }),
  );
  return [denseExample, convExample];
}

/** The inner layer run on each step by itself, stacked: what TimeDistributed must equal. */
export function stepByStep(inner: Layer, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    tf.stack(
      tf.unstack(x, 1).map((step) => inner.apply(step)),
      1,
    ),
  );
}

/** Largest absolute difference between two tensors. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => at(tf.max(tf.abs(tf.sub(a, b))).dataSync(), 0, 'maximum'));
}
