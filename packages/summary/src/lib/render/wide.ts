import { ConfigError } from '@framewise/core';
import type { SummaryData, SummaryRow } from '../types.js';
import { layerText, resolveColumns, sharedNote, type SummaryColumn } from './columns.js';
import { checkSummaryData } from './data-version.js';
import { flattenRows, selectRows, type RowSelection } from './select.js';
import {
  fitWidths,
  renderTextRow,
  tableWidth,
  widthsFromPositions,
  type TextColumn,
  type TextRow,
} from './text-table.js';
import { totalsLines } from './totals.js';

/** Options of the wide renderer. */
export interface WideOptions extends RowSelection {
  /** Columns after the layer column; default Output Shape and Param # (and Connected to for graphs). */
  columns?: readonly SummaryColumn[];
  /**
   * Most characters per line before cells wrap; default 98 (Keras' wide
   * table). The terminal's width is never read: pass it here to use it.
   */
  lineLength?: number;
  /** Where each column ends, as in the classic renderer (fractions of `lineLength`, or absolute). */
  positions?: number[];
}

/** Default line length of the wide table: Keras 2's layout for graphs. */
export const WIDE_LINE_LENGTH = 98;

/** A row in display order with the tree drawn in front of its first and later lines. */
export interface TreeRow {
  row: SummaryRow;
  prefix: string;
  continuation: string;
}

/**
 * Rows in display order with their tree prefixes: `├ ` for a child with a
 * sibling below it, `└ ` for the last, `│ ` carrying an open branch down.
 */
export function treeRows(rows: readonly SummaryRow[], above = ''): TreeRow[] {
  return rows.flatMap((row, i) => {
    const last = i === rows.length - 1;
    const prefix = row.depth === 0 ? '' : above + (last ? '└ ' : '├ ');
    const continuation = row.depth === 0 ? '' : above + (last ? '  ' : '│ ');
    return [{ row, prefix, continuation }, ...treeRows(row.children ?? [], continuation)];
  });
}

function checkLineLength(lineLength: unknown): number {
  if (lineLength === undefined || lineLength === null) return WIDE_LINE_LENGTH;
  if (typeof lineLength === 'number' && Number.isInteger(lineLength) && lineLength > 0) {
    return lineLength;
  }
  throw new ConfigError(`lineLength must be a positive integer, received ${String(lineLength)}`);
}

/** The layer cell: name and class, and a second line for weights reused from an earlier row. */
export function layerCell(row: SummaryRow, shown: ReadonlySet<string>): string {
  const note = sharedNote(row, shown);
  return note === undefined ? layerText(row) : `${layerText(row)}\n(${note})`;
}

/**
 * The wide text table: nothing cut (cells wrap at spaces, then at `_ / (`),
 * wrappers and nested models expanded as indented child rows
 * (`└ conv2d_1 (Conv2D)` under `time_distributed_1
 * (TimeDistributed(Conv2D))`), the columns you choose, and totals with
 * sizes, MACs and the forward memory per sample. One string per line.
 */
export function renderWide(data: SummaryData, options: WideOptions = {}): string[] {
  checkSummaryData(data, 'renderWide');
  const lineLength = checkLineLength(options.lineLength);
  const shownData = selectRows(data, options);
  const cols = resolveColumns(data, options.columns);
  const columns: TextColumn[] = [
    { header: 'Layer (type)', align: 'left' },
    ...cols.map((c) => ({ header: c.spec.header, align: c.spec.align })),
  ];
  const flat = flattenRows(shownData.rows);
  const shown = new Set(flat.map((r) => r.path));
  const toText = ({ row, prefix, continuation }: TreeRow): TextRow => ({
    cells: [layerCell(row, shown), ...cols.map((c) => c.spec.cell(row, data))],
    prefix,
    continuation,
  });
  const header: TextRow = { cells: columns.map((c) => c.header), prefix: '' };
  const body = treeRows(shownData.rows).map(toText);
  const widths =
    options.positions === undefined || options.positions === null
      ? fitWidths(columns, [header, ...body], lineLength)
      : widthsFromPositions(options.positions, columns, lineLength);
  const width = tableWidth(widths);
  const lines = [
    `Model: "${data.modelName}" (${data.modelClass})`,
    '─'.repeat(width),
    ...renderTextRow(header, columns, widths),
    '═'.repeat(width),
  ];
  shownData.rows.forEach((top, i) => {
    if (i > 0) lines.push('─'.repeat(width));
    for (const r of treeRows([top])) lines.push(...renderTextRow(toText(r), columns, widths));
  });
  lines.push('═'.repeat(width), ...totalsLines(data));
  return lines;
}
