import { resetNames } from '@framewise/core';
import { renderSummary, summarize, summaryStyles } from '@framewise/summary';
import { sequenceTagger } from './model.js';

beforeEach(() => resetNames());

describe('sequence tagger: its summary in every style', () => {
  it.each(summaryStyles)('renders the %s style as recorded', (style) => {
    expect(renderSummary(summarize(sequenceTagger()), { style }).join('\n')).toMatchSnapshot();
  });

  it('expands the Bidirectional into its two LSTMs and the TimeDistributed into its Dense', () => {
    const data = summarize(sequenceTagger());
    expect(data.rows.map((r) => [r.path, (r.children ?? []).map((c) => c.path)])).toEqual([
      ['tokens', []],
      ['embedding_1', []],
      ['bidirectional_1', ['bidirectional_1/forward_lstm_1', 'bidirectional_1/backward_lstm_1']],
      ['time_distributed_1', ['time_distributed_1/dense_1']],
    ]);
    // 20·8 + 2·4·(8·6 + 6·6 + 6) + 12·5 + 5 parameters.
    expect(data.totals.params).toBe(160 + 720 + 65);
  });

  it('works out a 7-token sentence when given its shape', () => {
    const data = summarize(sequenceTagger(), { inputShapes: [[null, 7]] });
    // Per direction 7·(8 + 6)·4·6 = 2,352; the tagger 7·12·5 = 420; the lookup 0.
    expect(data.totals.macs).toBe(2 * 2_352 + 420);
    // Tokens are int32 (4 bytes each); the activations float32.
    expect(data.totals.inputBytes).toBe(7 * 4);
    const lines = renderSummary(data, {
      style: 'wide',
      columns: ['input', 'output', 'params', 'trainable', 'macs', 'param-bytes', 'output-bytes'],
      lineLength: 120,
    });
    expect(lines.join('\n')).toMatchSnapshot();
  });
});
