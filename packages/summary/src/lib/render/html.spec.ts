import { input, model, resetNames } from '@framewise/core';
import { dense } from '@framewise/layers';
import { denseComparison } from '../../testing/models.test-helpers.js';
import { summarize } from '../summarize.js';
import { escapeHtml, renderHtml } from './html.js';

beforeEach(() => resetNames());

describe('renderHtml', () => {
  it('escapes text for content and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(escapeHtml('a\nb')).toBe('a<br>b');
  });

  it('never lets model text become markup', () => {
    const x = input({ shape: [2], name: '<script>alert(1)</script>' });
    const y = dense({ units: 1, name: 'x" onmouseover="alert(1)' }).apply(x);
    const lines = renderHtml(summarize(model({ inputs: x, outputs: y, name: '<b>m</b>' })));
    const html = lines.join('\n');
    expect(html).not.toMatch(/<script|<b>| onmouseover="/);
    expect(lines[1]).toBe('<caption>&lt;b&gt;m&lt;/b&gt; (Model)</caption>');
    expect(html).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt; (InputLayer)</td>');
    expect(html).toContain('<td>x&quot; onmouseover=&quot;alert(1) (Dense)</td>');
  });

  it('marks child rows and numbers, and spans the totals over every column', () => {
    const lines = renderHtml(summarize(denseComparison()), { columns: ['params', 'macs'] });
    expect(lines.slice(2, 10)).toEqual([
      '<thead>',
      '<tr><th>Layer (type)</th><th class="num">Param #</th><th class="num">MACs</th></tr>',
      '</thead>',
      '<tbody>',
      '<tr><td>input_1 (InputLayer)</td><td class="num">0</td><td class="num">0</td></tr>',
      '<tr><td>time_distributed_1 (TimeDistributed(Dense))</td><td class="num">90</td><td class="num">960</td></tr>',
      '<tr class="child" data-depth="1"><td>└ dense_1 (Dense)</td><td class="num">90</td><td class="num">80</td></tr>',
      '<tr><td>dense_2 (Dense)</td><td class="num">90</td><td class="num">960</td></tr>',
    ]);
    expect(lines).toContain('<tr><td colspan="3">Total params: 180 (720.00 B)</td></tr>');
    expect(lines[lines.length - 1]).toBe('</table>');
  });
});
