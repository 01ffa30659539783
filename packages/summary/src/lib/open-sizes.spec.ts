import { ConfigError, input, model, resetNames, timeDistributed } from '@framewise/core';
import { conv2d, dense, dropout, globalAveragePooling2d, lstm } from '@framewise/layers';
import { leafMacs, scaleMacs, sumMacs } from './macs.js';
import { summarize } from './summarize.js';

/** Clips of any length: the per-frame cost is known, the per-clip cost is not. */
function clipModel() {
  const clips = input({ shape: [null, 8, 8, 3], name: 'clips' });
  const frames = timeDistributed(conv2d({ filters: 2, kernelSize: 3 })).apply(clips);
  const pooled = timeDistributed(globalAveragePooling2d()).apply(frames);
  return model({
    inputs: clips,
    outputs: dense({ units: 4 }).apply(lstm({ units: 5 }).apply(pooled)),
  });
}

beforeEach(() => resetNames());

describe('summarize: sizes the model leaves open', () => {
  it('marks costs that depend on an open size unknown (null) instead of 0', () => {
    const data = summarize(clipModel());
    expect(data.rows.map((r) => [r.name, r.macs, r.outputBytes])).toEqual([
      ['clips', 0, null],
      ['time_distributed_1', null, null],
      // Pooling costs 0 MACs per frame, so 0 for any number of frames.
      ['time_distributed_2', 0, null],
      ['lstm_1', null, 5 * 4],
      ['dense_1', 5 * 4, 4 * 4],
    ]);
    // One frame's cost is known all the same: 6·6 positions × 3·3·3 × 2 filters.
    expect(data.rows[1]!.children![0]).toMatchObject({
      macs: 6 * 6 * 27 * 2,
      outputBytes: 6 * 6 * 2 * 4,
    });
    expect(data.totals).toMatchObject({ macs: null, inputBytes: null, forwardBytes: null });
  });

  it('works the figures out for the input shapes given', () => {
    const data = summarize(clipModel(), { inputShapes: [[null, 10, 8, 8, 3]] });
    expect(data.inputShapes).toEqual([[null, 10, 8, 8, 3]]);
    expect(data.rows.map((r) => [r.name, r.outputShape, r.macs])).toEqual([
      ['clips', [null, 10, 8, 8, 3], 0],
      ['time_distributed_1', [null, 10, 6, 6, 2], 10 * 6 * 6 * 27 * 2],
      ['time_distributed_2', [null, 10, 2], 0],
      // 10 steps × (2 features + 5 units) × 4 gates × 5 units.
      ['lstm_1', [null, 5], 10 * 7 * 4 * 5],
      ['dense_1', [null, 4], 20],
    ]);
    expect(data.totals.macs).toBe(10 * 6 * 6 * 27 * 2 + 10 * 7 * 4 * 5 + 20);
    expect(data.totals.inputBytes).toBe(10 * 8 * 8 * 3 * 4);
    expect(data.totals.activationBytes).toBe((10 * 72 + 10 * 2 + 5 + 4) * 4);
    expect(data.totals.forwardBytes).toBe(data.totals.inputBytes! + data.totals.activationBytes!);
  });

  it('follows the given shapes into nested models', () => {
    const frame = input({ shape: [null, 3] });
    const inner = model({
      inputs: frame,
      outputs: timeDistributed(dense({ units: 2 })).apply(frame),
    });
    const x = input({ shape: [null, 3] });
    const outer = model({ inputs: x, outputs: inner.apply(x) });
    expect(summarize(outer).rows[1]!.macs).toBeNull();
    const row = summarize(outer, { inputShapes: [[null, 4, 3]] }).rows[1]!;
    expect(row).toMatchObject({ outputShape: [null, 4, 2], macs: 4 * 3 * 2 });
    expect(row.children![1]).toMatchObject({ outputShape: [null, 4, 2], macs: 24 });
  });

  it('refuses input shapes that do not fit the model, naming what would', () => {
    const m = clipModel();
    expect(() => summarize(m, { inputShapes: [[null, 10, 9, 8, 3]] })).toThrow(ConfigError);
    expect(() => summarize(m, { inputShapes: [[null, 10, 9, 8, 3]] })).toThrow(
      /inputShapes\[0\] \(None, 10, 9, 8, 3\) does not fit input clips \(None, None, 8, 8, 3\)/,
    );
    expect(() => summarize(m, { inputShapes: [] })).toThrow(/one shape per model input \(1:/);
    expect(() => summarize(m, { inputShapes: [[null, -1, 8, 8, 3]] })).toThrow(/does not fit/);
  });

  it('names the layer when the given shapes break one', () => {
    const images = input({ shape: [null, null, 3] });
    const m = model({
      inputs: images,
      outputs: conv2d({ filters: 2, kernelSize: 3 }).apply(images),
    });
    expect(() => summarize(m, { inputShapes: [[null, 2, 2, 3]] })).toThrow(
      /the input shapes given to summarize\(\) do not fit layer conv2d_1: .*conv2d_1/,
    );
  });
});

describe('MAC arithmetic', () => {
  it('adds and scales, unknown when any part is unknown, except steps of nothing', () => {
    expect(sumMacs([1, 2, 3])).toBe(6);
    expect(sumMacs([1, null])).toBeNull();
    expect(scaleMacs(12, 80)).toBe(960);
    expect(scaleMacs(null, 80)).toBeNull();
    expect(scaleMacs(null, 0)).toBe(0);
    expect(scaleMacs(3, null)).toBeNull();
  });

  it('tells a free layer from one whose cost needs an open size', () => {
    expect(leafMacs(dense({ units: 2 }), [[null, null, 3]])).toBeNull();
    expect(leafMacs(dense({ units: 2 }), [[null, 4, 3]])).toBe(24);
    expect(leafMacs(dropout({ rate: 0.5 }), [[null, null, 3]])).toBe(0);
    expect(leafMacs(dense({ units: 2 }), [])).toBe(0);
  });
});
