import { input, model, timeDistributed } from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS } from '../tolerance.js';
import { singleLayerModel } from './single-layer-model.js';

/**
 * The two models of the tutorial "[Keras] Understanding and using TimeDistributed",
 * at their own sizes: Dense on (12, 8), 90 parameters; Conv2D on (12, 32, 32, 3), 896.
 */
export const tutorialCases: readonly ConformanceCase[] = [
  {
    name: 'tutorial/dense-90',
    description: 'TimeDistributed(Dense(10)) on (12, 8): 90 parameters',
    inputShapes: [[4, 12, 8]],
    seed: 601,
    tolerance: SUMS,
    params: 90,
    build: () => singleLayerModel(timeDistributed(dense({ units: 10 })), [12, 8]),
  },
  {
    name: 'tutorial/dense-90-direct',
    description:
      'One Dense(10) on (12, 8) applied directly and through TimeDistributed: 90 parameters, two equal outputs',
    inputShapes: [[4, 12, 8]],
    seed: 602,
    tolerance: SUMS,
    params: 90,
    build: () => {
      const x = input({ shape: [12, 8] });
      const inner = dense({ units: 10 });
      return model({ inputs: x, outputs: [inner.apply(x), timeDistributed(inner).apply(x)] });
    },
  },
  {
    name: 'tutorial/conv2d-896',
    description: 'TimeDistributed(Conv2D(32, 3×3, same)) on (12, 32, 32, 3): 896 parameters',
    inputShapes: [[1, 12, 32, 32, 3]],
    seed: 603,
    tolerance: SUMS,
    params: 896,
    build: () =>
      singleLayerModel(
        timeDistributed(conv2d({ filters: 32, kernelSize: 3, padding: 'same' })),
        [12, 32, 32, 3],
      ),
  },
];
