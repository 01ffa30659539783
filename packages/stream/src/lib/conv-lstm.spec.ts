import { input, model, resetNames } from '@framewise/core';
import { convLstm1d, convLstm2d, flatten, dense } from '@framewise/layers';
import { frames, predictPrefix, streamDiffs } from './stream.test-helpers.js';
import { streamModel } from './stream-model.js';

beforeEach(() => resetNames());

// ConvLSTM carries its feature-map states from push to push like LSTM: exact
// streaming equals predict on everything pushed so far.
describe('exact streaming through ConvLSTM layers', () => {
  it('ConvLSTM2D with a sequence output, pushed one step and four steps at a time', () => {
    const x = input({ shape: [null, 4, 5, 2] });
    const h = convLstm2d({ filters: 3, kernelSize: 3, padding: 'same', returnSequences: true });
    const m = model({ inputs: x, outputs: h.apply(x) });
    const xs = frames([2, 7, 4, 5, 2]);
    const stream = streamModel(m);
    expect(stream.mode).toBe('exact');
    stream.dispose();
    for (const chunk of [1, 4]) {
      const diffs = streamDiffs(m, xs, predictPrefix(m, xs, true), {}, chunk);
      expect(Math.max(...diffs)).toBeLessThan(1e-5);
    }
    xs.dispose();
  });

  it('refuses exact streaming when the frame size is open, saying why', () => {
    const x = input({ shape: [null, null, 5, 2] });
    const m = model({ inputs: x, outputs: convLstm2d({ filters: 2, kernelSize: 3 }).apply(x) });
    expect(() => streamModel(m, { mode: 'exact' })).toThrow(
      /its states need the frame size, which the input leaves open/,
    );
  });

  it('ConvLSTM1D without returnSequences gives predict on steps 0..t after step t', () => {
    const x = input({ shape: [null, 6, 2] });
    const h = convLstm1d({ filters: 2, kernelSize: 3, strides: 2 }).apply(x);
    const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(flatten().apply(h)) });
    const xs = frames([2, 5, 6, 2]);
    const diffs = streamDiffs(m, xs, predictPrefix(m, xs, false));
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    xs.dispose();
  });
});
