import { input, model, resetNames, timeDistributed, type Layer } from '@framewise/core';
import { conv2d, conv2dTranspose, dense, gru, lstm, maxPooling2d } from '@framewise/layers';
import { summarize } from './summarize.js';

/**
 * One layer on one sample, worked out by hand: [name, layer, input shape
 * (no batch), output shape, params, MACs]. Output bytes = output values × 4
 * (float32); TimeDistributed over 6 steps must give 6 × MACs and 6 × bytes
 * with the same parameters.
 */
const CASES: [string, () => Layer, number[], number[], number, number][] = [
  ['Dense(10)', () => dense({ units: 10 }), [8], [10], 90, 80],
  [
    'Conv2D(16, 3×3, valid)',
    () => conv2d({ filters: 16, kernelSize: 3 }),
    [32, 32, 3],
    [30, 30, 16],
    448,
    388_800,
  ],
  [
    'Conv2D(16, 3×3, same)',
    () => conv2d({ filters: 16, kernelSize: 3, padding: 'same' }),
    [32, 32, 3],
    [32, 32, 16],
    448,
    442_368,
  ],
  [
    'Conv2D(16, 3×3, same, strides 2)',
    () => conv2d({ filters: 16, kernelSize: 3, padding: 'same', strides: 2 }),
    [32, 32, 3],
    [16, 16, 16],
    448,
    110_592,
  ],
  [
    'Conv2D(16, 3×3, dilation 2)',
    () => conv2d({ filters: 16, kernelSize: 3, dilationRate: 2 }),
    [32, 32, 3],
    [28, 28, 16],
    448,
    338_688,
  ],
  [
    'Conv2DTranspose(8, 3×3, same, strides 2)',
    () => conv2dTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' }),
    [16, 16, 4],
    [32, 32, 8],
    3 * 3 * 8 * 4 + 8,
    73_728,
  ],
  ['MaxPooling2D(2×2)', () => maxPooling2d({ poolSize: 2 }), [8, 8, 3], [4, 4, 3], 0, 0],
  // 4·(4·8 + 8·8 + 8) params; 10 steps × 4 gates × (4 + 8) × 8.
  ['LSTM(8)', () => lstm({ units: 8 }), [10, 4], [8], 416, 3_840],
  // 3·(4·8 + 8·8 + 8) params; 10 steps × 3 gates × (4 + 8) × 8.
  [
    'GRU(8, sequences)',
    () => gru({ units: 8, returnSequences: true }),
    [10, 4],
    [10, 8],
    312,
    2_880,
  ],
];

beforeEach(() => resetNames());

describe('summary figures against hand counts', () => {
  it.each(CASES)('%s', (_, make, shape, out, params, macs) => {
    const x = input({ shape });
    const row = summarize(model({ inputs: x, outputs: make().apply(x) })).rows[1]!;
    const values = out.reduce((a, b) => a * b, 1);
    expect(row.outputShape).toEqual([null, ...out]);
    expect([row.params, row.macs, row.outputBytes, row.paramBytes]).toEqual([
      params,
      macs,
      values * 4,
      params * 4,
    ]);
  });

  it.each(CASES)('TimeDistributed(%s) over 6 steps', (_, make, shape, out, params, macs) => {
    const x = input({ shape: [6, ...shape] });
    const data = summarize(model({ inputs: x, outputs: timeDistributed(make()).apply(x) }));
    const row = data.rows[1]!;
    const values = out.reduce((a, b) => a * b, 1);
    expect(row.outputShape).toEqual([null, 6, ...out]);
    expect([row.params, row.macs, row.outputBytes]).toEqual([params, 6 * macs, 6 * values * 4]);
    // The child row is one step: the inner layer's own figures.
    expect(row.children![0]).toMatchObject({ params, macs, outputBytes: values * 4 });
    const inputValues = 6 * shape.reduce((a, b) => a * b, 1);
    expect(data.totals).toMatchObject({
      macs: 6 * macs,
      inputBytes: inputValues * 4,
      forwardBytes: (inputValues + 6 * values) * 4,
    });
  });
});
