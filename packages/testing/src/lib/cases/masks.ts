import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  input,
  timeDistributed,
  type Layer,
  type Model,
  type TimeDistributedOptions,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS } from '../tolerance.js';
import { singleLayerModel } from './single-layer-model.js';

/** A fixed bool mask over the leading `shape` axes, with steps both on and off in every row. */
function patternMask(shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: size }, (_, i) => i % 3 !== 1);
  return tf.tensor(values, shape, 'bool');
}

/** A wrapper called once on a symbolic input, so that it is built. */
function builtWrapper(layer: Layer, options: TimeDistributedOptions, shape: number[]): Layer {
  const wrapper = timeDistributed(layer, options);
  wrapper.apply(input({ shape }));
  return wrapper;
}

/** Calls the wrapper with a mask over `maskAxes` leading axes; compares its output and output mask. */
function runMasked(maskAxes: number) {
  return (subject: Layer, inputs: tf.Tensor[]): tf.Tensor[] => {
    const x = at(inputs, 0, 'case input');
    const mask = patternMask(x.shape.slice(0, maskAxes));
    const y = subject.apply(x, { mask });
    const out = subject.computeMask(x, mask) as tf.Tensor;
    return [y, tf.cast(out, 'float32')];
  };
}

/** Masks `[batch, time]` through each strategy, nested wrappers, and a model's predict. */
export const maskCases: readonly ConformanceCase[] = [
  {
    name: 'mask/reshape',
    description: 'A [3, 4] mask through TimeDistributed(Dense(3)), reshape: merged, passed on',
    inputShapes: [[3, 4, 5]],
    seed: 401,
    tolerance: SUMS,
    build: () => builtWrapper(dense({ units: 3 }), { strategy: 'reshape' }, [4, 5]),
    run: runMasked(2),
  },
  {
    name: 'mask/loop',
    description: "A [3, 4] mask through TimeDistributed(Dense(3)), 'loop': sliced per step",
    inputShapes: [[3, 4, 5]],
    seed: 402,
    tolerance: SUMS,
    build: () => builtWrapper(dense({ units: 3 }), { strategy: 'loop' }, [4, 5]),
    run: runMasked(2),
  },
  {
    name: 'mask/nested',
    description:
      'A [2, 3] mask through TimeDistributed(TimeDistributed(Dense(2))) on [2, 3, 4, 5]: repeated over the inner axis',
    inputShapes: [[2, 3, 4, 5]],
    seed: 403,
    tolerance: SUMS,
    build: () => builtWrapper(timeDistributed(dense({ units: 2 })), {}, [3, 4, 5]),
    run: runMasked(2),
  },
  {
    name: 'mask/predict-chunked',
    description: 'Model.predict with a [2, 5] mask and TimeDistributed(Dense(3), chunkSize 2)',
    inputShapes: [[2, 5, 4]],
    seed: 404,
    tolerance: SUMS,
    build: () => singleLayerModel(timeDistributed(dense({ units: 3 }), { chunkSize: 2 }), [5, 4]),
    run: (subject, inputs) => {
      const x = at(inputs, 0, 'case input');
      return (subject as Model).predict(x, { masks: [patternMask(x.shape.slice(0, 2))] });
    },
  },
];
