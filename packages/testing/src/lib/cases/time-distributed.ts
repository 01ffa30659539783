import * as tf from '@tensorflow/tfjs-core';
import { at, input, model, timeDistributed, type Model, type Layer } from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS, TRANSCENDENTAL } from '../tolerance.js';
import { singleLayerModel } from './single-layer-model.js';

/** A model with one input of `shape` and one output per wrapper, all wrapping one shared layer. */
function sharedInnerModel(wrappers: Layer[], shape: (number | null)[]): Model {
  const x = input({ shape });
  const outputs = wrappers.map((w) => w.apply(x));
  return model({ inputs: x, outputs });
}

/**
 * TimeDistributed: every strategy, chunk sizes, one step and many, an open time axis, nested
 * wrappers.
 */
export const timeDistributedCases: readonly ConformanceCase[] = [
  {
    name: 'time-distributed/reshape-dense',
    description: "TimeDistributed(Dense(4, relu), strategy 'reshape') on [3, 5, 6]",
    inputShapes: [[3, 5, 6]],
    seed: 301,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(dense({ units: 4, activation: 'relu' }), { strategy: 'reshape' }),
        [5, 6],
      ),
  },
  {
    name: 'time-distributed/loop-dense',
    description: "TimeDistributed(Dense(4, relu), strategy 'loop') on [3, 5, 6]: one call per step",
    inputShapes: [[3, 5, 6]],
    seed: 302,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(dense({ units: 4, activation: 'relu' }), { strategy: 'loop' }),
        [5, 6],
      ),
  },
  {
    name: 'time-distributed/auto-conv2d',
    description: "TimeDistributed(Conv2D(3, 3×3, same), strategy 'auto') on [2, 4, 6, 6, 2]",
    inputShapes: [[2, 4, 6, 6, 2]],
    seed: 303,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(conv2d({ filters: 3, kernelSize: 3, padding: 'same' })),
        [4, 6, 6, 2],
      ),
  },
  {
    name: 'time-distributed/loop-conv2d',
    description:
      "TimeDistributed(Conv2D(2, 3×3, strides 2, tanh), strategy 'loop') on [2, 3, 7, 7, 2]",
    inputShapes: [[2, 3, 7, 7, 2]],
    seed: 304,
    tolerance: TRANSCENDENTAL,
    build: () =>
      singleLayerModel(
        timeDistributed(conv2d({ filters: 2, kernelSize: 3, strides: 2, activation: 'tanh' }), {
          strategy: 'loop',
        }),
        [3, 7, 7, 2],
      ),
  },
  {
    name: 'time-distributed/chunk-size-2',
    description: 'TimeDistributed(Dense(3), chunkSize 2) on [2, 5, 4]: blocks of 2, 2 and 1 steps',
    inputShapes: [[2, 5, 4]],
    seed: 305,
    tolerance: SUMS,
    build: () => singleLayerModel(timeDistributed(dense({ units: 3 }), { chunkSize: 2 }), [5, 4]),
  },
  {
    name: 'time-distributed/chunk-size-1-conv2d',
    description: 'TimeDistributed(Conv2D(2, 2×2), chunkSize 1) on [2, 3, 4, 4, 1]',
    inputShapes: [[2, 3, 4, 4, 1]],
    seed: 306,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(conv2d({ filters: 2, kernelSize: 2 }), { chunkSize: 1 }),
        [3, 4, 4, 1],
      ),
  },
  {
    name: 'time-distributed/time-1',
    description: 'One time step, [4, 1, 6], through reshape and loop wrappers of one Dense(5)',
    inputShapes: [[4, 1, 6]],
    seed: 307,
    tolerance: SUMS,
    build: () => {
      const inner = dense({ units: 5 });
      const wrappers = [
        timeDistributed(inner, { strategy: 'reshape' }),
        timeDistributed(inner, { strategy: 'loop' }),
      ];
      return sharedInnerModel(wrappers, [1, 6]);
    },
  },
  {
    name: 'time-distributed/long-sequence',
    description:
      '200 steps, [2, 200, 4], through Dense(3, tanh) with chunkSize 64 and with the loop strategy',
    inputShapes: [[2, 200, 4]],
    seed: 308,
    tolerance: TRANSCENDENTAL,
    build: () => {
      const inner = dense({ units: 3, activation: 'tanh' });
      const wrappers = [
        timeDistributed(inner, { chunkSize: 64 }),
        timeDistributed(inner, { strategy: 'loop' }),
      ];
      return sharedInnerModel(wrappers, [200, 4]);
    },
  },
  {
    name: 'time-distributed/open-time',
    description:
      'Built with an open time axis, [null, 6], run on 9 steps and then on their first 4',
    inputShapes: [[2, 9, 6]],
    seed: 309,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(timeDistributed(dense({ units: 3, activation: 'relu' })), [null, 6]),
    run: (subject, inputs) => {
      const m = subject as Model;
      const x = at(inputs, 0, 'case input');
      return [
        m.predict(x) as tf.Tensor,
        m.predict(tf.slice(x, [0, 0, 0], [-1, 4, -1])) as tf.Tensor,
      ];
    },
  },
  {
    name: 'time-distributed/nested-dense',
    description:
      'TimeDistributed(TimeDistributed(Dense(3))) on [2, 3, 4, 5]: both time axes merged',
    inputShapes: [[2, 3, 4, 5]],
    seed: 310,
    tolerance: SUMS,
    build: () => singleLayerModel(timeDistributed(timeDistributed(dense({ units: 3 }))), [3, 4, 5]),
  },
  {
    name: 'time-distributed/nested-conv2d',
    description: 'TimeDistributed(TimeDistributed(Conv2D(2, 2×2, relu))) on [1, 2, 3, 5, 5, 2]',
    inputShapes: [[1, 2, 3, 5, 5, 2]],
    seed: 311,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(timeDistributed(conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }))),
        [2, 3, 5, 5, 2],
      ),
  },
  {
    name: 'time-distributed/nested-inner-loop',
    description: "A reshape wrapper around a 'loop' wrapper of Dense(3) on [2, 3, 4, 5]",
    inputShapes: [[2, 3, 4, 5]],
    seed: 312,
    tolerance: SUMS,
    build: () =>
      singleLayerModel(
        timeDistributed(timeDistributed(dense({ units: 3 }), { strategy: 'loop' })),
        [3, 4, 5],
      ),
  },
];
