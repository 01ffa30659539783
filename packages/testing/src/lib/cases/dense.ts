import { dense, type DenseOptions } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS, TRANSCENDENTAL, type Tolerance } from '../tolerance.js';
import { singleLayerModel } from './single-layer-model.js';

function denseCase(
  name: string,
  description: string,
  options: DenseOptions,
  inputShape: number[],
  seed: number,
  tolerance: Tolerance,
): ConformanceCase {
  return {
    name: `dense/${name}`,
    description,
    inputShapes: [inputShape],
    seed,
    tolerance,
    build: () => singleLayerModel(dense(options), inputShape.slice(1)),
  };
}

/** Dense on 2-D to 4-D inputs, with and without bias, fused and separate activations. */
export const denseCases: readonly ConformanceCase[] = [
  denseCase(
    'linear',
    'Dense(5) on [4, 8]: one fused matMul with bias',
    { units: 5 },
    [4, 8],
    101,
    SUMS,
  ),
  denseCase(
    'relu-3d',
    'Dense(6, relu) on [2, 5, 8]: only the last axis is contracted',
    { units: 6, activation: 'relu' },
    [2, 5, 8],
    102,
    SUMS,
  ),
  denseCase(
    'relu6-long-sums',
    'Dense(12, relu6) on [4, 96]: sums of 96 products',
    { units: 12, activation: 'relu6' },
    [4, 96],
    103,
    SUMS,
  ),
  denseCase(
    'sigmoid',
    'Dense(4, sigmoid) on [3, 16]: an activation fused into the matMul',
    { units: 4, activation: 'sigmoid' },
    [3, 16],
    104,
    TRANSCENDENTAL,
  ),
  denseCase(
    'elu-4d',
    'Dense(3, elu) on [2, 3, 2, 7]: rank 4, fused ELU',
    { units: 3, activation: 'elu' },
    [2, 3, 2, 7],
    105,
    TRANSCENDENTAL,
  ),
  denseCase(
    'tanh-no-bias',
    'Dense(5, tanh, no bias) on [3, 9]: an activation applied after the matMul',
    { units: 5, activation: 'tanh', useBias: false },
    [3, 9],
    106,
    TRANSCENDENTAL,
  ),
  denseCase(
    'softmax',
    'Dense(7, softmax) on [3, 10]: softmax over the last axis (blind to a shift of all logits)',
    { units: 7, activation: 'softmax' },
    [3, 10],
    107,
    TRANSCENDENTAL,
  ),
  denseCase(
    'gelu',
    'Dense(4, gelu) on [3, 6]: GELU through erf',
    { units: 4, activation: 'gelu' },
    [3, 6],
    108,
    TRANSCENDENTAL,
  ),
];
