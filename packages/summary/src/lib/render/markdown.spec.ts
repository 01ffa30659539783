import { input, model, resetNames, timeDistributed } from '@framewise/core';
import { dense } from '@framewise/layers';
import { twoInputModel } from '../../testing/models.test-helpers.js';
import { summarize } from '../summarize.js';
import { markdownCell, renderMarkdown } from './markdown.js';

beforeEach(() => resetNames());

describe('renderMarkdown', () => {
  it('escapes what Markdown would read as syntax', () => {
    expect(markdownCell('a|b')).toBe('a\\|b');
    expect(markdownCell('time_distributed_1')).toBe('time\\_distributed\\_1');
    expect(markdownCell('<b>*x*</b> & `y` [z]')).toBe(
      '\\<b\\>\\*x\\*\\</b\\> &amp; \\`y\\` \\[z\\]',
    );
    expect(markdownCell('input_1[0][0]\nmeta[0][0]')).toBe(
      'input\\_1\\[0\\]\\[0\\]<br>meta\\[0\\]\\[0\\]',
    );
  });

  it('keeps a hostile layer name inside its cell', () => {
    const x = input({ shape: [2], name: 'in|put' });
    const y = dense({ units: 1, name: '<img src=x onerror=alert(1)>|' }).apply(x);
    const lines = renderMarkdown(summarize(model({ inputs: x, outputs: y, name: 'm*' })));
    expect(lines[0]).toBe('**m\\*** (Model)');
    expect(lines[5]).toBe('| \\<img src=x onerror=alert(1)\\>\\| (Dense) | (None, 1) | 3 |');
    // Every table row has exactly the table's columns: no unescaped pipe adds one.
    const rows = lines.filter((l) => l.startsWith('| '));
    expect(rows.every((l) => l.replace(/\\\|/g, '').split('|').length === 5)).toBe(true);
  });

  it('lists connections one per line, indents children, and chooses columns', () => {
    const lines = renderMarkdown(summarize(twoInputModel()), { columns: ['params', 'connected'] });
    expect(lines.slice(2, 6)).toEqual([
      '| Layer (type) | Param # | Connected to |',
      '| :-- | --: | :-- |',
      '| frames (InputLayer) | 0 |  |',
      '| time\\_distributed\\_1 (TimeDistributed(Dense)) | 90 | frames\\[0\\]\\[0\\] |',
    ]);
    expect(lines[6]).toBe('| └ dense\\_1 (Dense) | 90 |  |');
    expect(lines).toContain(
      '| concatenate\\_1 (Concatenate) | 0 | flatten\\_1\\[0\\]\\[0\\]<br>meta\\[0\\]\\[0\\] |',
    );
  });

  it('indents deeper children with em spaces, which Markdown keeps', () => {
    const x = input({ shape: [2, 3, 4] });
    const y = timeDistributed(timeDistributed(dense({ units: 5 }))).apply(x);
    const lines = renderMarkdown(summarize(model({ inputs: x, outputs: y })));
    expect(lines[6]).toBe(
      '| └ time\\_distributed\\_1 (TimeDistributed(Dense)) | (None, 3, 5) | 25 |',
    );
    expect(lines[7]).toBe('| &emsp;└ dense\\_1 (Dense) | (None, 5) | 25 |');
  });
});
