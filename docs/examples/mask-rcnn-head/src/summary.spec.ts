import { resetNames } from '@framewise/core';
import { renderSummary, summarize, summaryStyles } from '@framewise/summary';
import { maskRcnnClassifierHead, maskRcnnClassifierHeadWrapped } from './model.js';

beforeEach(() => resetNames());

describe('Mask R-CNN classifier head: its summary in every style', () => {
  it.each(summaryStyles)('renders the %s style as recorded', (style) => {
    expect(
      renderSummary(summarize(maskRcnnClassifierHead()), { style }).join('\n'),
    ).toMatchSnapshot();
  });

  it('counts what the 50 ROIs cost, each through the one shared head', () => {
    const data = summarize(maskRcnnClassifierHead());
    // Per ROI: conv1 7·7·256·1024 = 12,845,056; bn 1024 each; conv2 1024·1024 = 1,048,576;
    // logits 1024·81 = 82,944; box deltas 1024·324 = 331,776. Per image: 50 ×.
    const perRoi = 12_845_056 + 1_024 + 1_048_576 + 1_024 + 82_944 + 331_776;
    expect(data.totals.macs).toBe(50 * perRoi);
    expect(data.rows.find((r) => r.name === 'mrcnn_class_conv1')!.children![0]!.macs).toBe(
      12_845_056,
    );
    const lines = renderSummary(data, {
      style: 'wide',
      columns: ['output', 'params', 'percent', 'trainable', 'macs', 'param-bytes'],
    });
    expect(lines).toContain('Total params: 14,318,997 (54.62 MB)');
    expect(lines).toContain('Non-trainable params: 4,096 (16.00 KB)');
    expect(lines.join('\n')).toMatchSnapshot();
  });

  it('expands the head wrapped whole in one TimeDistributed down to its layers', () => {
    const lines = renderSummary(summarize(maskRcnnClassifierHeadWrapped()), {
      style: 'wide',
      columns: ['output', 'params', 'macs', 'connected'],
      lineLength: 120,
    });
    expect(lines).toContainEqual(expect.stringMatching(/^└ mrcnn_roi_head \(Model\) /));
    expect(lines.join('\n')).toMatchSnapshot();
  });
});
