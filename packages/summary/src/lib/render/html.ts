import type { SummaryData } from '../types.js';
import { resolveColumns, type SummaryColumn } from './columns.js';
import { checkSummaryData } from './data-version.js';
import { flattenRows, selectRows, type RowSelection } from './select.js';
import { totalsLines } from './totals.js';
import { layerCell } from './wide.js';

/** Options of the HTML renderer. */
export interface HtmlOptions extends RowSelection {
  /** Columns after the layer column, as in the wide renderer. */
  columns?: readonly SummaryColumn[];
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for HTML content and attribute values; line breaks become `<br>`. */
export function escapeHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[&<>"']/gu, (c) => ENTITIES[c] ?? c))
    .join('<br>');
}

/**
 * An HTML table for the demo site and docs: `<table class="framewise-summary">`
 * with a caption, child rows marked `class="child"` and `data-depth`, indented
 * with `└`, numeric cells `class="num"`, the totals in `<tfoot>`, and every
 * piece of model text escaped. No styles beyond the indentation: the page
 * styles it. One string per line.
 */
export function renderHtml(data: SummaryData, options: HtmlOptions = {}): string[] {
  checkSummaryData(data, 'renderHtml');
  const shownData = selectRows(data, options);
  const cols = resolveColumns(data, options.columns);
  const flat = flattenRows(shownData.rows);
  const shown = new Set(flat.map((r) => r.path));
  const numeric = (align: string): string => (align === 'right' ? ' class="num"' : '');
  const headers = cols.map((c) => `<th${numeric(c.spec.align)}>${escapeHtml(c.spec.header)}</th>`);
  const lines = [
    '<table class="framewise-summary">',
    `<caption>${escapeHtml(data.modelName)} (${escapeHtml(data.modelClass)})</caption>`,
    '<thead>',
    `<tr><th>Layer (type)</th>${headers.join('')}</tr>`,
    '</thead>',
    '<tbody>',
  ];
  for (const r of flat) {
    const cells = cols.map(
      (c) => `<td${numeric(c.spec.align)}>${escapeHtml(c.spec.cell(r, data))}</td>`,
    );
    const name = escapeHtml(layerCell(r, shown));
    const indent = r.depth > 1 ? ` style="padding-left: ${(r.depth - 1) * 1.5}em"` : '';
    const first = r.depth === 0 ? `<td>${name}</td>` : `<td${indent}>└ ${name}</td>`;
    const attrs = r.depth === 0 ? '' : ` class="child" data-depth="${r.depth}"`;
    lines.push(`<tr${attrs}>${first}${cells.join('')}</tr>`);
  }
  const span = cols.length + 1;
  lines.push(
    '</tbody>',
    '<tfoot>',
    ...totalsLines(data).map((l) => `<tr><td colspan="${span}">${escapeHtml(l)}</td></tr>`),
    '</tfoot>',
    '</table>',
  );
  return lines;
}
