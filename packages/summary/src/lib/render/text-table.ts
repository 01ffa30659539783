import { at, ConfigError } from '@framewise/core';
import { longestWord, textWidth, wrapText } from './wrap.js';

/** Spaces between two columns. */
export const GAP = 2;
// A text column gives way down to its longest word, but not below this (a shape cut into
// one number per line is unreadable) nor above the cap (a very long layer name breaks at its
// underscores rather than widening the table).
const NARROWEST = 16;
const LONGEST_UNBROKEN = 28;

/** A column of a text table. */
export interface TextColumn {
  header: string;
  align: 'left' | 'right';
}

/** One table row: its cells, and a prefix in front of the first cell (tree indentation). */
export interface TextRow {
  cells: string[];
  /** Put before the first line of the first cell (`├ `). */
  prefix: string;
  /** Put before its later lines (`│ `); as many spaces as `prefix` when absent. */
  continuation?: string;
}

function naturalWidth(text: string): number {
  return Math.max(0, ...text.split('\n').map(textWidth));
}

function neededWidths(columns: readonly TextColumn[], rows: readonly TextRow[]) {
  const indent = (r: TextRow, i: number): number => (i === 0 ? textWidth(r.prefix) : 0);
  const widths = columns.map((c, i) =>
    Math.max(
      naturalWidth(c.header),
      ...rows.map((r) => indent(r, i) + naturalWidth(r.cells[i] ?? '')),
    ),
  );
  // Numbers never wrap; text first gives way down to its longest word, then further.
  const floor = (column: TextColumn, i: number, cap: number): number => {
    const width = at(widths, i, 'column width');
    if (column.align === 'right') return width;
    const words = rows.map(
      (r) => indent(r, i) + Math.max(NARROWEST, Math.min(cap, longestWord(r.cells[i] ?? ''))),
    );
    return Math.min(width, Math.max(longestWord(column.header), ...words));
  };
  return {
    widths,
    wholeWords: columns.map((c, i) => floor(c, i, Infinity)),
    minimums: columns.map((c, i) => floor(c, i, LONGEST_UNBROKEN)),
  };
}

// Takes one character at a time from the widest column that can still give one.
function shrink(widths: number[], floors: readonly number[], total: number, limit: number): number {
  let width = total;
  while (width > limit) {
    let pick = -1;
    let widest = -Infinity;
    widths.forEach((w, i) => {
      if (w > at(floors, i, 'column floor') && w > widest) [pick, widest] = [i, w];
    });
    if (pick < 0) break;
    widths[pick] = widest - 1;
    width--;
  }
  return width;
}

/**
 * Column widths: each column as wide as its content when that fits in
 * `lineLength`; otherwise the widest text columns give way first, down to
 * their longest word, and their cells wrap at spaces; only then do long words
 * break too. The table grows past `lineLength` when even that does not fit:
 * nothing is ever cut.
 */
export function fitWidths(
  columns: readonly TextColumn[],
  rows: readonly TextRow[],
  lineLength: number,
): number[] {
  const { widths, wholeWords, minimums } = neededWidths(columns, rows);
  const total = widths.reduce((a, b) => a + b, 0) + GAP * (columns.length - 1);
  shrink(widths, minimums, shrink(widths, wholeWords, total, lineLength), lineLength);
  return widths;
}

/**
 * Column widths from Keras-style `positions` (where each column ends:
 * fractions of `lineLength` when the last is at most 1, else absolute),
 * keeping two spaces before the next column.
 */
export function widthsFromPositions(
  positions: readonly number[],
  columns: readonly TextColumn[],
  lineLength: number,
): number[] {
  const valid =
    Array.isArray(positions) &&
    positions.length === columns.length &&
    positions.every((p) => typeof p === 'number' && Number.isFinite(p));
  if (!valid) {
    throw new ConfigError(
      `positions must give one number per column (${columns.length}: ${columns.map((c) => c.header).join(', ')}), ` +
        `received ${JSON.stringify(positions)}`,
    );
  }
  const ends =
    at(positions, positions.length - 1, 'last position') <= 1
      ? positions.map((p) => Math.trunc(lineLength * p))
      : positions.slice();
  return ends.map((end, i) => {
    const start = ends[i - 1] ?? 0;
    const width = end - start - (i < ends.length - 1 ? GAP : 0);
    if (!Number.isInteger(width) || width < 1) {
      throw new ConfigError(
        `positions ${JSON.stringify(positions)} leave column ${i + 1} (${at(columns, i, 'column').header}) no room; ` +
          `each must end at least ${GAP + 1} characters after the previous one`,
      );
    }
    return width;
  });
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const room = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'right' ? room + text : text + room;
}

/** One row as lines: every cell wrapped to its column, numbers right-aligned, trailing spaces dropped. */
export function renderTextRow(
  row: TextRow,
  columns: readonly TextColumn[],
  widths: readonly number[],
): string[] {
  const indent = textWidth(row.prefix);
  const continuation = row.continuation ?? ' '.repeat(indent);
  const cells = row.cells.map((cell, i) => {
    if (i > 0) return wrapText(cell, at(widths, i, 'column width'));
    return wrapText(cell, at(widths, 0, 'column width') - indent).map(
      (line, n) => (n === 0 ? row.prefix : continuation) + line,
    );
  });
  const height = Math.max(...cells.map((c) => c.length));
  return Array.from({ length: height }, (_, n) =>
    cells
      .map((c, i) =>
        pad(
          c[n] ?? '',
          at(widths, i, 'column width'),
          c[n] === undefined ? 'left' : at(columns, i, 'column').align,
        ),
      )
      .join(' '.repeat(GAP))
      .trimEnd(),
  );
}

/** Total width of a table with these columns. */
export function tableWidth(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
}
