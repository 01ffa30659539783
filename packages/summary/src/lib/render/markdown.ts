import type { SummaryData } from '../types.js';
import { resolveColumns, type SummaryColumn } from './columns.js';
import { checkSummaryData } from './data-version.js';
import { flattenRows, selectRows, type RowSelection } from './select.js';
import { totalsLines } from './totals.js';
import { layerCell } from './wide.js';

/** Options of the Markdown renderer. */
export interface MarkdownOptions extends RowSelection {
  /** Columns after the layer column, as in the wide renderer. */
  columns?: readonly SummaryColumn[];
}

// Characters Markdown would read as syntax inside a table cell.
const SPECIAL = /[\\`*_[\]<>|&~]/gu;

/** Text as it should show in a Markdown table cell: syntax escaped, line breaks as `<br>`. */
export function markdownCell(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(SPECIAL, (c) => (c === '&' ? '&amp;' : `\\${c}`)))
    .join('<br>');
}

/**
 * A GitHub-flavoured Markdown table for docs and READMEs: child rows
 * indented with `└`, numbers right-aligned, every cell escaped, and the totals
 * as a list under it. One string per line.
 */
export function renderMarkdown(data: SummaryData, options: MarkdownOptions = {}): string[] {
  checkSummaryData(data, 'renderMarkdown');
  const shownData = selectRows(data, options);
  const cols = resolveColumns(data, options.columns);
  const flat = flattenRows(shownData.rows);
  const shown = new Set(flat.map((r) => r.path));
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    `**${markdownCell(data.modelName)}** (${markdownCell(data.modelClass)})`,
    '',
    row(['Layer (type)', ...cols.map((c) => c.spec.header)]),
    row([':--', ...cols.map((c) => (c.spec.align === 'right' ? '--:' : ':--'))]),
  ];
  for (const r of flat) {
    // Cells lose leading spaces in Markdown; em spaces keep the tree's indentation.
    const indent = r.depth === 0 ? '' : `${'&emsp;'.repeat(r.depth - 1)}└ `;
    const cells = cols.map((c) => markdownCell(c.spec.cell(r, data)));
    lines.push(row([indent + markdownCell(layerCell(r, shown)), ...cells]));
  }
  lines.push('', ...totalsLines(data).map((l) => `- ${markdownCell(l)}`));
  return lines;
}
