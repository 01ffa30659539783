import { input, model, resetNames, sequential, timeDistributed } from '@framewise/core';
import { conv1d, dense, flatten, gru, lstm, simpleRNN } from '@framewise/layers';
import { frames, predictPrefix, streamDiffs } from './stream.test-helpers.js';
import { streamModel } from './stream-model.js';

beforeEach(() => resetNames());

describe('exact streaming equals predict on everything pushed', () => {
  it.each([
    ['SimpleRNN', () => simpleRNN({ units: 5, returnSequences: true })],
    ['GRU', () => gru({ units: 5, returnSequences: true })],
    ['LSTM', () => lstm({ units: 5, returnSequences: true })],
    [
      'causal Conv1D',
      () => conv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2 }),
    ],
  ])('%s with a sequence output', (_name, make) => {
    const x = input({ shape: [null, 3] });
    const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(make().apply(x)) });
    const xs = frames([2, 9, 3]);
    const stream = streamModel(m);
    expect(stream.mode).toBe('exact');
    expect(stream.reason).toBe('exact: every layer is causal');
    stream.dispose();
    for (const chunk of [1, 4]) {
      const diffs = streamDiffs(m, xs, predictPrefix(m, xs, true), {}, chunk);
      expect(Math.max(...diffs)).toBeLessThan(1e-5);
    }
    xs.dispose();
  });

  it('an LSTM without returnSequences gives predict on steps 0..t after step t', () => {
    const x = input({ shape: [null, 4, 4, 1] });
    const feats = timeDistributed(dense({ units: 3 })).apply(x);
    const flat = timeDistributed(flatten()).apply(feats);
    const y = dense({ units: 3 }).apply(lstm({ units: 6 }).apply(flat));
    const m = model({ inputs: x, outputs: y });
    const xs = frames([3, 7, 4, 4, 1]);
    const diffs = streamDiffs(m, xs, predictPrefix(m, xs, false));
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    xs.dispose();
  });

  it('streams a Sequential model, and windows a causal one when asked', () => {
    const m = sequential({
      layers: [
        timeDistributed(dense({ units: 4, activation: 'relu' }), { inputShape: [null, 3] }),
        gru({ units: 3, returnSequences: true }),
      ],
    });
    const xs = frames([2, 7, 3]);
    expect(Math.max(...streamDiffs(m, xs, predictPrefix(m, xs, true)))).toBeLessThan(1e-5);
    const windowed = streamModel(m, { mode: 'window', window: 3 });
    expect(windowed.mode).toBe('window');
    expect(windowed.reason).toBe('window: window mode was asked for');
    windowed.dispose();
    xs.dispose();
  });
});
