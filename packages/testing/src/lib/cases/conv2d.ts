import { conv2d, type Conv2DOptions } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS, TRANSCENDENTAL, type Tolerance } from '../tolerance.js';
import { singleLayerModel } from './single-layer-model.js';

function conv2dCase(
  name: string,
  description: string,
  options: Conv2DOptions,
  inputShape: number[],
  seed: number,
  tolerance: Tolerance,
): ConformanceCase {
  return {
    name: `conv2d/${name}`,
    description,
    inputShapes: [inputShape],
    seed,
    tolerance,
    build: () => singleLayerModel(conv2d(options), inputShape.slice(1)),
  };
}

/** Conv2D: valid and same padding, strides, dilation, 1×1 and rectangular kernels, activations. */
export const conv2dCases: readonly ConformanceCase[] = [
  conv2dCase(
    'valid',
    'Conv2D(4, 3×3, valid) on [2, 7, 7, 3]',
    { filters: 4, kernelSize: 3 },
    [2, 7, 7, 3],
    201,
    SUMS,
  ),
  conv2dCase(
    'same-relu',
    'Conv2D(5, 3×3, same, relu) on [2, 6, 6, 2]: zero padding on every side',
    { filters: 5, kernelSize: 3, padding: 'same', activation: 'relu' },
    [2, 6, 6, 2],
    202,
    SUMS,
  ),
  conv2dCase(
    'strides-2-same-relu6',
    'Conv2D(3, 3×3, strides 2, same, relu6) on [2, 7, 7, 3]: odd size, uneven padding',
    { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu6' },
    [2, 7, 7, 3],
    203,
    SUMS,
  ),
  conv2dCase(
    'strides-2x1-valid-sigmoid',
    'Conv2D(4, 3×2, strides [2, 1], valid, sigmoid) on [1, 8, 6, 2]: a different stride per axis',
    { filters: 4, kernelSize: [3, 2], strides: [2, 1], activation: 'sigmoid' },
    [1, 8, 6, 2],
    204,
    TRANSCENDENTAL,
  ),
  conv2dCase(
    'dilation-2-same-elu',
    'Conv2D(3, 3×3, dilation 2, same, elu) on [2, 8, 8, 2]',
    { filters: 3, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'elu' },
    [2, 8, 8, 2],
    205,
    TRANSCENDENTAL,
  ),
  conv2dCase(
    'dilation-2x1-valid-tanh-no-bias',
    'Conv2D(2, 2×2, dilation [2, 1], valid, tanh, no bias) on [1, 6, 5, 3]',
    { filters: 2, kernelSize: 2, dilationRate: [2, 1], activation: 'tanh', useBias: false },
    [1, 6, 5, 3],
    206,
    TRANSCENDENTAL,
  ),
  conv2dCase(
    'pointwise',
    'Conv2D(3, 1×1) on [2, 4, 4, 8]: a matMul over the channels at every pixel',
    { filters: 3, kernelSize: 1 },
    [2, 4, 4, 8],
    207,
    SUMS,
  ),
];
