import { resetNames, timeDistributed, type Layer, type Shape } from '@framewise/core';
import {
  averagePooling2d,
  batchNormalization,
  bidirectional,
  conv1d,
  conv2d,
  conv2dTranspose,
  convLstm1d,
  convLstm2d,
  dense,
  embedding,
  globalMaxPooling2d,
  gru,
  layerNormalization,
  lstm,
  maxPooling2d,
  simpleRNN,
} from './index.js';

/**
 * MACs per sample (multiply-accumulates; 1 MAC = 2 FLOPs), worked out by hand.
 * What counts: products against weights (matrix products, convolution taps,
 * the affine step of normalisations). Bias additions, activations, gates'
 * elementwise products, and pooling (comparisons or sums, no weights) count 0.
 */
const CASES: [string, () => Layer, Shape, number][] = [
  // 8 inputs × 10 units per position.
  ['Dense on [8]', () => dense({ units: 10 }), [null, 8], 8 * 10],
  // Dense contracts the last axis only: 12 positions × 8 × 10.
  ['Dense on [12, 8]', () => dense({ units: 10 }), [null, 12, 8], 960],
  // valid: 30×30 positions × (3·3 taps × 3 channels) × 16 filters.
  ['Conv2D 3×3 valid', () => conv2d({ filters: 16, kernelSize: 3 }), [null, 32, 32, 3], 388_800],
  // same: 32×32 positions (the zero padding is multiplied too, as frameworks count it).
  [
    'Conv2D 3×3 same',
    () => conv2d({ filters: 16, kernelSize: 3, padding: 'same' }),
    [null, 32, 32, 3],
    442_368,
  ],
  // strides 2, same: ceil(32/2) = 16 → 16×16 × 27 × 16.
  [
    'Conv2D 3×3 same, strides 2',
    () => conv2d({ filters: 16, kernelSize: 3, padding: 'same', strides: 2 }),
    [null, 32, 32, 3],
    110_592,
  ],
  // strides 2, valid: floor((32 - 3) / 2) + 1 = 15 → 15×15 × 27 × 16.
  [
    'Conv2D 3×3 valid, strides 2',
    () => conv2d({ filters: 16, kernelSize: 3, strides: 2 }),
    [null, 32, 32, 3],
    97_200,
  ],
  // dilation 2: the 3×3 kernel spans 5×5 but still has 9 taps; 32 - 4 = 28 → 28×28 × 27 × 16.
  [
    'Conv2D 3×3 valid, dilation 2',
    () => conv2d({ filters: 16, kernelSize: 3, dilationRate: 2 }),
    [null, 32, 32, 3],
    338_688,
  ],
  // Non-square: 2×4 kernel on 10×12 valid → 9×9 positions × 8 taps × 2 channels × 4 filters.
  [
    'Conv2D 2×4 valid',
    () => conv2d({ filters: 4, kernelSize: [2, 4] }),
    [null, 10, 12, 2],
    9 * 9 * 8 * 2 * 4,
  ],
  // Each of the 16×16 input positions scatters 3·3 taps × 4 channels × 8 filters.
  [
    'Conv2DTranspose 3×3 same, strides 2',
    () => conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }),
    [null, 16, 16, 4],
    73_728,
  ],
  [
    'Conv2DTranspose 3×3 valid',
    () => conv2dTranspose({ filters: 8, kernelSize: 3 }),
    [null, 5, 5, 4],
    5 * 5 * 9 * 4 * 8,
  ],
  // 18 positions × 3 taps × 4 channels × 16 filters.
  ['Conv1D 3 valid', () => conv1d({ filters: 16, kernelSize: 3 }), [null, 20, 4], 3_456],
  // Comparisons and sums, no weights: 0 by decision (profilers report them as FLOPs apart).
  ['MaxPooling2D 2×2', () => maxPooling2d({ poolSize: 2 }), [null, 8, 8, 3], 0],
  ['AveragePooling2D 2×2', () => averagePooling2d({ poolSize: 2 }), [null, 8, 8, 3], 0],
  ['GlobalMaxPooling2D', () => globalMaxPooling2d(), [null, 8, 8, 3], 0],
  // 10 steps × 4 gates × (4 inputs + 8 units) × 8 units: kernel and recurrent kernel products.
  ['LSTM 8 units', () => lstm({ units: 8 }), [null, 10, 4], 3_840],
  [
    'LSTM 8 units, sequences out',
    () => lstm({ units: 8, returnSequences: true }),
    [null, 10, 4],
    3_840,
  ],
  // 10 steps × 3 gates × (4 + 8) × 8; reset_after changes where the reset gate applies, not the products.
  ['GRU 8 units', () => gru({ units: 8 }), [null, 10, 4], 2_880],
  ['GRU 8 units, resetAfter', () => gru({ units: 8, resetAfter: true }), [null, 10, 4], 2_880],
  ['SimpleRNN 8 units', () => simpleRNN({ units: 8 }), [null, 10, 4], 10 * 12 * 8],
  // Both directions run the whole sequence.
  [
    'Bidirectional(LSTM 8)',
    () => bidirectional({ layer: lstm({ units: 8 }) }),
    [null, 10, 4],
    7_680,
  ],
  // ConvLSTM: 6 steps × 6×6 positions (same) × 3·3 taps × (2 channels + 4 filters) × 16 gate columns.
  [
    'ConvLSTM2D 4 filters, 3×3 same',
    () => convLstm2d({ filters: 4, kernelSize: 3, padding: 'same' }),
    [null, 6, 6, 6, 2],
    6 * 36 * 9 * 6 * 16,
  ],
  // valid, strides 2: floor((9 - 3) / 2) + 1 = 4 positions × 3 taps × (2 + 4) × 16, 6 steps.
  [
    'ConvLSTM1D 4 filters, 3 valid, strides 2',
    () => convLstm1d({ filters: 4, kernelSize: 3, strides: 2 }),
    [null, 6, 9, 2],
    6 * 4 * 3 * 6 * 16,
  ],
  // Folded scale and shift: one multiply-add per value.
  ['BatchNormalization', () => batchNormalization(), [null, 6, 6, 8], 288],
  ['LayerNormalization', () => layerNormalization(), [null, 5, 8], 40],
  [
    'LayerNormalization, no scale or offset',
    () => layerNormalization({ scale: false, center: false }),
    [null, 5, 8],
    0,
  ],
  // A lookup, no products.
  ['Embedding', () => embedding({ inputDim: 20, outputDim: 8 }), [null, 7], 0],
];

beforeEach(() => resetNames());

describe('macs(): hand-computed multiply-accumulates per sample', () => {
  it.each(CASES)('%s', (_, make, shape, expected) => {
    expect(make().macs(shape)).toBe(expected);
  });

  it.each(CASES)(
    'TimeDistributed(%s) costs steps × the inner layer',
    (_, make, shape, expected) => {
      const steps = 5;
      const distributed: Shape = [null, steps, ...shape.slice(1)];
      expect(timeDistributed(make()).macs(distributed)).toBe(steps * expected);
    },
  );

  it('gives 0 where a size the cost needs is open (the summary tells that apart)', () => {
    expect(dense({ units: 2 }).macs([null, null, 3])).toBe(0);
    expect(lstm({ units: 2 }).macs([null, null, 3])).toBe(0);
    expect(timeDistributed(dense({ units: 2 })).macs([null, null, 3])).toBe(0);
  });
});
