import {
  ConfigError,
  input,
  model,
  resetNames,
  sequential,
  timeDistributed,
  type SymbolicTensor,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import { summarize } from './summarize.js';
import type { SummaryRow } from './types.js';
import { conv2dTutorial, denseTutorial } from '../testing/models.test-helpers.js';

type Figure = 'params' | 'trainableParams' | 'paramBytes' | 'macs' | 'activationBytes';

function sumRows(rows: SummaryRow[], key: Figure) {
  return rows.reduce((n, r) => n + r[key]!, 0);
}

beforeEach(() => resetNames());

describe('summarize', () => {
  it('describes the tutorial Dense: 90 parameters shared by the 12 steps', () => {
    const data = summarize(denseTutorial());
    expect(data).toMatchObject({ version: 2, modelName: 'model_1', modelClass: 'Model' });
    expect(data.sequentialLike).toBe(true);
    expect(data.rows.map((r) => [r.name, r.className, r.outputShape, r.params])).toEqual([
      ['input_1', 'InputLayer', [null, 12, 8], 0],
      ['time_distributed_1', 'TimeDistributed', [null, 12, 10], 90],
    ]);
    const td = data.rows[1]!;
    expect(td.innerClassName).toBe('Dense');
    expect(td.connectedTo).toEqual([{ layer: 'input_1', nodeIndex: 0, tensorIndex: 0 }]);
    expect(td.macs).toBe(12 * 8 * 10);
    expect(td.paramBytes).toBe(90 * 4);
    expect(data.inputShapes).toEqual([[null, 12, 8]]);
    expect(data.totals).toEqual({
      params: 90,
      trainable: 90,
      nonTrainable: 0,
      paramBytes: 360,
      trainableBytes: 360,
      nonTrainableBytes: 0,
      paramBytesByDtype: { float32: 360 },
      macs: 960,
      // Per sample: the input 12·8 floats, the output 12·10 floats.
      inputBytes: 12 * 8 * 4,
      activationBytes: 12 * 10 * 4,
      forwardBytes: (12 * 8 + 12 * 10) * 4,
    });
  });

  it('gives a TimeDistributed a child row for one step of its layer', () => {
    const td = summarize(conv2dTutorial()).rows[1]!;
    expect(td.outputShape).toEqual([null, 12, 32, 32, 32]);
    expect(td.macs).toBe(12 * 32 * 32 * 3 * 3 * 3 * 32);
    expect(td.children).toEqual([
      {
        path: 'time_distributed_1/conv2d_1',
        name: 'conv2d_1',
        className: 'Conv2D',
        depth: 1,
        trainable: true,
        inputShape: [null, 32, 32, 3],
        outputShape: [null, 32, 32, 32],
        params: 896,
        trainableParams: 896,
        nonTrainableParams: 0,
        sharedParams: 0,
        macs: 32 * 32 * 3 * 3 * 3 * 32,
        paramBytes: 896 * 4,
        paramBytesByDtype: { float32: 896 * 4 },
        outputBytes: 32 * 32 * 32 * 4,
        activationBytes: 32 * 32 * 32 * 4,
        calls: 1,
        connectedTo: [],
      },
    ]);
    expect(summarize(conv2dTutorial(), { depth: 0 }).rows[1]!.children).toBeUndefined();
  });

  it('nests child rows for a TimeDistributed inside a TimeDistributed', () => {
    const x = input({ shape: [2, 3, 4] });
    const y = timeDistributed(timeDistributed(dense({ units: 5 }))).apply(x) as SymbolicTensor;
    const row = summarize(model({ inputs: x, outputs: y })).rows[1]!;
    expect(row.macs).toBe(2 * 3 * 4 * 5);
    const child = row.children![0]!;
    expect(child).toMatchObject({ className: 'TimeDistributed', innerClassName: 'Dense' });
    expect(child.outputShape).toEqual([null, 3, 5]);
    expect(child.macs).toBe(3 * 4 * 5);
    expect(child.children![0]).toMatchObject({ name: 'dense_1', outputShape: [null, 5], macs: 20 });
  });

  it('lists a Sequential model without its hidden input layer', () => {
    const m = sequential({ layers: [dense({ units: 4, inputShape: [3] }), dense({ units: 2 })] });
    const data = summarize(m);
    expect(data.modelClass).toBe('Sequential');
    expect(data.sequentialLike).toBe(true);
    expect(data.rows.map((r) => [r.name, r.outputShape, r.params])).toEqual([
      ['dense_1', [null, 4], 16],
      ['dense_2', [null, 2], 10],
    ]);
    expect(data.totals.params).toBe(26);
  });

  it('makes totals add up: params = trainable + non-trainable = sum of the rows', () => {
    const x = input({ shape: [12, 8] });
    const a = timeDistributed(dense({ units: 10 })).apply(x) as SymbolicTensor;
    const b = dense({ units: 3 }).apply(a) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: b }));
    const { totals, rows } = data;
    expect(totals.params).toBe(totals.trainable + totals.nonTrainable);
    expect(totals.params).toBe(sumRows(rows, 'params'));
    expect(totals.trainable).toBe(sumRows(rows, 'trainableParams'));
    expect(totals.paramBytes).toBe(sumRows(rows, 'paramBytes'));
    expect(totals.macs).toBe(sumRows(rows, 'macs'));
    expect(totals.activationBytes).toBe(sumRows(rows.slice(1), 'activationBytes'));
    expect(totals).toMatchObject({
      params: 90 + 33,
      trainable: 123,
      nonTrainable: 0,
      paramBytes: 492,
      macs: 960 + 12 * 10 * 3,
      activationBytes: (12 * 10 + 12 * 3) * 4,
    });
  });

  it('counts frozen weights as non-trainable', () => {
    const x = input({ shape: [3] });
    const frozen = dense({ units: 4, trainable: false });
    const y = dense({ units: 2 }).apply(frozen.apply(x) as SymbolicTensor) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: y }));
    expect(data.rows[1]).toMatchObject({ params: 16, trainableParams: 0, nonTrainableParams: 16 });
    expect(data.totals).toMatchObject({ params: 26, trainable: 10, nonTrainable: 16 });
  });

  it('counts a shared layer once, and its MACs for every call', () => {
    const x = input({ shape: [3] });
    const shared = dense({ units: 3 });
    const y = shared.apply(shared.apply(x) as SymbolicTensor) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: y }));
    expect(data.sequentialLike).toBe(false);
    expect(data.rows.map((r) => r.name)).toEqual(['input_1', 'dense_1']);
    expect(data.rows[1]!.connectedTo).toEqual([
      { layer: 'input_1', nodeIndex: 0, tensorIndex: 0 },
      { layer: 'dense_1', nodeIndex: 0, tensorIndex: 0 },
    ]);
    expect(data.rows[1]!.macs).toBe(2 * 9);
    expect(data.totals.params).toBe(12);
  });

  it('counts weights once when a wrapper and its layer both appear', () => {
    const x = input({ shape: [12, 8] });
    const inner = dense({ units: 10 });
    const a = timeDistributed(inner).apply(x) as SymbolicTensor;
    const b = inner.apply(x) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: [a, b] }));
    // Each row shows what its layer holds, as Keras does; the totals do not double it.
    expect(data.rows.map((r) => r.params)).toEqual([0, 90, 90]);
    expect(data.totals.params).toBe(90);
    // The second row says whose weights it reuses, and the rows add up to the total again.
    expect(data.rows[2]).toMatchObject({
      sharedParams: 90,
      sharesWith: ['time_distributed_1/dense_1'],
    });
    expect(data.rows.reduce((n, r) => n + r.params - r.sharedParams, 0)).toBe(90);
  });

  it('finds the branched layout: one input feeding two outputs', () => {
    const x = input({ shape: [8] });
    const a = dense({ units: 4 }).apply(x) as SymbolicTensor;
    const b = dense({ units: 2 }).apply(x) as SymbolicTensor;
    const data = summarize(model({ inputs: x, outputs: [a, b] }));
    expect(data.sequentialLike).toBe(false);
    expect(data.rows.map((r) => r.name)).toEqual(['input_1', 'dense_1', 'dense_2']);
    expect(data.totals.params).toBe(36 + 18);
  });

  it('says multiple when a layer has calls with different output shapes', () => {
    const x1 = input({ shape: [2, 3] });
    const x2 = input({ shape: [5, 3] });
    const shared = dense({ units: 4 });
    const y1 = shared.apply(x1) as SymbolicTensor;
    const y2 = shared.apply(x2) as SymbolicTensor;
    const data = summarize(model({ inputs: [x1, x2], outputs: [y1, y2] }));
    expect(data.rows.find((r) => r.name === 'dense_1')!.outputShape).toBe('multiple');
  });

  it('reports only connections that belong to the model', () => {
    const x = input({ shape: [3] });
    const shared = dense({ units: 3 });
    const inner = model({ inputs: x, outputs: shared.apply(x) as SymbolicTensor });
    const x2 = input({ shape: [3] });
    const outer = model({ inputs: x2, outputs: shared.apply(x2) as SymbolicTensor });
    expect(summarize(outer).rows[1]!.connectedTo).toEqual([
      { layer: 'input_2', nodeIndex: 0, tensorIndex: 0 },
    ]);
    expect(summarize(inner).sequentialLike).toBe(true);
    expect(summarize(outer).sequentialLike).toBe(true);
  });

  it('sums the MACs inside a nested model', () => {
    const x = input({ shape: [3] });
    const inner = model({ inputs: x, outputs: dense({ units: 4 }).apply(x) as SymbolicTensor });
    const x2 = input({ shape: [3] });
    const outer = model({ inputs: x2, outputs: inner.apply(x2) as SymbolicTensor });
    const row = summarize(outer).rows[1]!;
    expect(row).toMatchObject({ name: 'model_1', className: 'Model', params: 16, macs: 12 });
  });

  it('numbers a nested model call node 1, as Keras 2 does (node 0 is its creation)', () => {
    const x = input({ shape: [3] });
    const inner = model({ inputs: x, outputs: dense({ units: 4 }).apply(x) as SymbolicTensor });
    const x2 = input({ shape: [3] });
    const y = inner.apply(x2) as SymbolicTensor;
    const outer = model({
      inputs: x2,
      outputs: [y, dense({ units: 2 }).apply(y) as SymbolicTensor],
    });
    const rows = summarize(outer).rows;
    expect(rows.map((r) => [r.name, r.connectedTo])).toEqual([
      ['input_2', []],
      ['model_1', [{ layer: 'input_2', nodeIndex: 0, tensorIndex: 0 }]],
      ['dense_2', [{ layer: 'model_1', nodeIndex: 1, tensorIndex: 0 }]],
    ]);
  });

  it('returns plain data that survives JSON', () => {
    const data = summarize(conv2dTutorial());
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('refuses what it cannot summarize', () => {
    expect(() => summarize(sequential())).toThrow(ConfigError);
    expect(() => summarize(sequential())).toThrow(/not been built/);
    expect(() => summarize({} as never)).toThrow(ConfigError);
  });
});
