import { resetNames } from '@framewise/core';
import { renderSummary, summarize, summaryStyles } from '@framewise/summary';
import { videoClassifier } from './model.js';

beforeEach(() => resetNames());

describe('video classifier: its summary in every style', () => {
  it.each(summaryStyles)('renders the %s style as recorded', (style) => {
    expect(renderSummary(summarize(videoClassifier()), { style }).join('\n')).toMatchSnapshot();
  });

  it('shows the per-frame CNN inside each TimeDistributed, with what one frame costs', () => {
    const lines = renderSummary(summarize(videoClassifier()), {
      style: 'wide',
      columns: ['output', 'params', 'macs', 'output-bytes'],
    });
    // Frames are left open, so a clip's cost is unknown (?); one frame's is known:
    // 62·62 positions × 3·3·3 taps × 4 filters = 415,152 MACs.
    expect(lines).toContain(
      '└ conv2d_1 (Conv2D)                         (None, 62, 62, 4)            112  415,152     60.06 KB',
    );
    expect(lines.join('\n')).toMatchSnapshot();
  });

  it('works out a 16-frame clip when given its shape', () => {
    const data = summarize(videoClassifier(), { inputShapes: [[null, 16, 64, 64, 3]] });
    // Per frame: conv 62·62·27·4 = 415,152 and 29·29·36·8 = 242,208; LSTM 16·(8+8)·4·8 = 8,192;
    // Dense 8·5 = 40. Per clip: 16 × (415,152 + 242,208) + 8,192 + 40.
    expect(data.totals.macs).toBe(16 * (415_152 + 242_208) + 8_192 + 40);
    const lines = renderSummary(data, {
      style: 'wide',
      columns: ['input', 'output', 'params', 'percent', 'macs', 'output-bytes'],
      lineLength: 120,
    });
    expect(lines.join('\n')).toMatchSnapshot();
  });
});
