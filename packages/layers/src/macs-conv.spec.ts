import { resetNames, timeDistributed, type Layer, type Shape } from '@framewise/core';
import {
  conv1dTranspose,
  conv3d,
  conv3dTranspose,
  depthwiseConv2d,
  locallyConnected1d,
  locallyConnected2d,
  separableConv1d,
  separableConv2d,
} from './index.js';

/**
 * MACs per sample of the depthwise, separable, 3-D, transposed and locally
 * connected convolutions, worked out by hand with macs.spec.ts' rules:
 * products against weights count, bias additions and activations do not.
 */
const CASES: [string, () => Layer, Shape, number][] = [
  // valid: 6×14×14 positions × 27 taps × 3 channels × 8 filters.
  [
    'Conv3D 3×3×3 valid',
    () => conv3d({ filters: 8, kernelSize: 3 }),
    [null, 8, 16, 16, 3],
    6 * 14 * 14 * 27 * 3 * 8,
  ],
  // same, strides 2: 4×8×8 positions × 27 × 3 × 8.
  [
    'Conv3D 3×3×3 same, strides 2',
    () => conv3d({ filters: 8, kernelSize: 3, padding: 'same', strides: 2 }),
    [null, 8, 16, 16, 3],
    4 * 8 * 8 * 27 * 3 * 8,
  ],
  // Each of the 4×4×4 input positions scatters 8 taps × 6 channels × 4 filters.
  [
    'Conv3DTranspose 2×2×2, strides 2',
    () => conv3dTranspose({ filters: 4, kernelSize: 2, strides: 2 }),
    [null, 4, 4, 4, 6],
    4 * 4 * 4 * 8 * 6 * 4,
  ],
  // Each of the 10 input steps scatters 3 taps × 4 channels × 8 filters.
  [
    'Conv1DTranspose 3, strides 2',
    () => conv1dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }),
    [null, 10, 4],
    10 * 3 * 4 * 8,
  ],
  // same: 16×16 positions × 9 taps × 8 channels × depth multiplier 2.
  [
    'DepthwiseConv2D 3×3 same, ×2',
    () => depthwiseConv2d({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }),
    [null, 16, 16, 8],
    16 * 16 * 9 * 8 * 2,
  ],
  // valid: 14×14 positions × (9 taps × 8 channels, then 8 × 16 pointwise).
  [
    'SeparableConv2D 3×3 valid',
    () => separableConv2d({ filters: 16, kernelSize: 3 }),
    [null, 16, 16, 8],
    14 * 14 * (9 * 8 + 8 * 16),
  ],
  // 18 steps × (3 taps × 4 channels × 2, then 8 × 6 pointwise).
  [
    'SeparableConv1D 3 valid, ×2',
    () => separableConv1d({ filters: 6, kernelSize: 3, depthMultiplier: 2 }),
    [null, 20, 4],
    18 * (3 * 4 * 2 + 8 * 6),
  ],
  // As Conv1D: 18 positions × 3 taps × 4 channels × 16 filters (other weights, same work).
  [
    'LocallyConnected1D 3',
    () => locallyConnected1d({ filters: 16, kernelSize: 3 }),
    [null, 20, 4],
    3_456,
  ],
  // 4×4 positions (strides 2 on 10×10, kernel 3) × 9 taps × 2 channels × 4 filters.
  [
    'LocallyConnected2D 3×3, strides 2',
    () => locallyConnected2d({ filters: 4, kernelSize: 3, strides: 2 }),
    [null, 10, 10, 2],
    4 * 4 * 9 * 2 * 4,
  ],
];

beforeEach(() => resetNames());

describe('macs() of the other convolutions: hand-computed multiply-accumulates per sample', () => {
  it.each(CASES)('%s', (_, make, shape, expected) => {
    expect(make().macs(shape)).toBe(expected);
  });

  it.each(CASES)(
    'TimeDistributed(%s) costs steps × the inner layer',
    (_, make, shape, expected) => {
      const distributed: Shape = [null, 5, ...shape.slice(1)];
      expect(timeDistributed(make()).macs(distributed)).toBe(5 * expected);
    },
  );
});
