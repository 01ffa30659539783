import { input, model, resetNames, sequential, timeDistributed } from '@framewise/core';
import { bidirectional, dense, lstm } from '@framewise/layers';
import { summarize } from './summarize.js';
import type { SummaryRow } from './types.js';

const pick = (r: SummaryRow) => [r.path, r.className, r.outputShape, r.params, r.macs];

/** Rows add up: each weight counted once over the top-level rows. */
const counted = (rows: SummaryRow[]) => rows.reduce((n, r) => n + r.params - r.sharedParams, 0);

beforeEach(() => resetNames());

describe('summarize: what wrappers and nested models are made of', () => {
  it('gives a Bidirectional its forward and backward layers as children', () => {
    const x = input({ shape: [7, 3] });
    const y = bidirectional({ layer: lstm({ units: 2, returnSequences: true }) }).apply(x);
    const row = summarize(model({ inputs: x, outputs: y })).rows[1]!;
    // Each direction: 4 gates × (3·2 kernel + 2·2 recurrent + 2 bias) = 48 params and
    // 7 steps × (3 inputs + 2 units) × 4 gates × 2 units = 280 MACs.
    expect(pick(row)).toEqual(['bidirectional_1', 'Bidirectional', [null, 7, 4], 96, 560]);
    expect(row.innerClassName).toBe('LSTM');
    expect(row.children!.map(pick)).toEqual([
      ['bidirectional_1/forward_lstm_1', 'LSTM', [null, 7, 2], 48, 280],
      ['bidirectional_1/backward_lstm_1', 'LSTM', [null, 7, 2], 48, 280],
    ]);
    expect(row.children!.map((c) => c.outputBytes)).toEqual([7 * 2 * 4, 7 * 2 * 4]);
    // Its activations: both directions' sequences and the concatenation of them.
    expect([row.outputBytes, row.activationBytes]).toEqual([7 * 4 * 4, (7 * 4 + 2 * 7 * 2) * 4]);
  });

  it("lists a nested model's layers under its row, with their own connections", () => {
    const x = input({ shape: [3], name: 'features' });
    const inner = model({ inputs: x, outputs: dense({ units: 4 }).apply(x), name: 'encoder' });
    const x2 = input({ shape: [3] });
    const data = summarize(
      model({ inputs: x2, outputs: dense({ units: 2 }).apply(inner.apply(x2)) }),
    );
    const row = data.rows[1]!;
    expect(pick(row)).toEqual(['encoder', 'Model', [null, 4], 16, 12]);
    expect(row.innerClassName).toBeUndefined();
    expect(row.children!.map(pick)).toEqual([
      ['encoder/features', 'InputLayer', [null, 3], 0, 0],
      ['encoder/dense_1', 'Dense', [null, 4], 16, 12],
    ]);
    expect(row.children![1]!.connectedTo).toEqual([
      { layer: 'features', nodeIndex: 0, tensorIndex: 0 },
    ]);
    expect(row.children![1]!.depth).toBe(1);
    expect(data.totals).toMatchObject({ params: 16 + 10, macs: 12 + 8 });
  });

  it('expands a TimeDistributed around a model down to the model’s layers, one step each', () => {
    const head = sequential({
      layers: [dense({ units: 4, inputShape: [5] }), dense({ units: 2 })],
    });
    const rois = input({ shape: [10, 5] });
    const data = summarize(model({ inputs: rois, outputs: timeDistributed(head).apply(rois) }));
    const row = data.rows[1]!;
    expect(pick(row)).toEqual([
      'time_distributed_1',
      'TimeDistributed',
      [null, 10, 2],
      34,
      10 * 28,
    ]);
    expect(row.innerClassName).toBe('Sequential');
    const [seq] = row.children!;
    expect(pick(seq!)).toEqual([
      'time_distributed_1/sequential_1',
      'Sequential',
      [null, 2],
      34,
      28,
    ]);
    expect(seq!.children!.map(pick)).toEqual([
      ['time_distributed_1/sequential_1/dense_1', 'Dense', [null, 4], 24, 20],
      ['time_distributed_1/sequential_1/dense_2', 'Dense', [null, 2], 10, 8],
    ]);
    expect(seq!.children!.map((c) => c.depth)).toEqual([2, 2]);
    // The forward pass makes each step's hidden 4 values too, not only the 2 that come out.
    expect([row.outputBytes, row.activationBytes]).toEqual([10 * 2 * 4, 10 * (4 + 2) * 4]);
    expect(data.totals.activationBytes).toBe(10 * 6 * 4);
  });

  it('stops at the depth asked for', () => {
    const rois = input({ shape: [10, 5] });
    const head = sequential({ layers: [dense({ units: 4, inputShape: [5] })] });
    const m = model({ inputs: rois, outputs: timeDistributed(head).apply(rois) });
    expect(summarize(m, { depth: 1 }).rows[1]!.children![0]!.children).toBeUndefined();
    expect(summarize(m, { depth: 0 }).rows[1]!.children).toBeUndefined();
    expect(() => summarize(m, { depth: -1 })).toThrow(/depth must be a non-negative integer/);
  });
});

describe('summarize: a layer used twice counts its weights once', () => {
  it('names the row a reused layer shares with, and the rows add up to the total', () => {
    const x = input({ shape: [12, 8] });
    const inner = dense({ units: 10 });
    const b = inner.apply(x);
    const a = timeDistributed(inner).apply(x);
    // Keras orders layers from the outputs: the plain call comes first.
    const data = summarize(model({ inputs: x, outputs: [b, a] }));
    const [, first, second] = data.rows;
    expect([first!.path, second!.path]).toEqual(['dense_1', 'time_distributed_1']);
    expect(first).toMatchObject({ params: 90, sharedParams: 0 });
    expect(first!.sharesWith).toBeUndefined();
    expect(second).toMatchObject({ params: 90, sharedParams: 90, sharesWith: ['dense_1'] });
    expect(second!.children![0]).toMatchObject({ sharedParams: 90, sharesWith: ['dense_1'] });
    expect(counted(data.rows)).toBe(data.totals.params);
    expect(data.totals.params).toBe(90);
  });

  it('does not call a child a sharer of its own parent', () => {
    const x = input({ shape: [12, 8] });
    const data = summarize(
      model({ inputs: x, outputs: timeDistributed(dense({ units: 3 })).apply(x) }),
    );
    const child = data.rows[1]!.children![0]!;
    expect(child.sharedParams).toBe(0);
    expect(child.sharesWith).toBeUndefined();
  });

  it('counts a layer called twice in one graph once, with both calls on its row', () => {
    const x = input({ shape: [3] });
    const shared = dense({ units: 3 });
    const data = summarize(model({ inputs: x, outputs: shared.apply(shared.apply(x)) }));
    expect(data.rows[1]).toMatchObject({ calls: 2, params: 12, sharedParams: 0, macs: 18 });
    expect(data.rows[1]!.outputBytes).toBe(2 * 3 * 4);
    expect(counted(data.rows)).toBe(12);
  });

  it('finds weights shared between a nested model and the outer one', () => {
    const x = input({ shape: [4] });
    const shared = dense({ units: 4 });
    const inner = model({ inputs: x, outputs: shared.apply(x), name: 'inner' });
    const x2 = input({ shape: [4] });
    const data = summarize(model({ inputs: x2, outputs: shared.apply(inner.apply(x2)) }));
    const [, nested, again] = data.rows;
    expect(nested!.path).toBe('inner');
    expect(again).toMatchObject({
      path: 'dense_1',
      sharedParams: 20,
      sharesWith: ['inner/dense_1'],
    });
    expect(counted(data.rows)).toBe(data.totals.params);
  });
});
