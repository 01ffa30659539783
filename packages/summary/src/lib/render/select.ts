import { ConfigError } from '@framewise/core';
import { checkDepth } from '../check-depth.js';
import type { SummaryData, SummaryRow } from '../types.js';

/** Which rows a renderer shows. */
export interface RowSelection {
  /**
   * Levels of child rows to show below the model's own layers (wrappers'
   * layers, nested models' layers); default all, 0 for none.
   */
  depth?: number;
  /**
   * Keras' `layer_range`: the first and last layer to show, by name or by a
   * regular expression matched at the start of the name (Python's
   * `re.match`); from the first layer the first pattern matches to the last
   * layer the second matches. The totals stay the whole model's.
   */
  layerRange?: [string, string];
}

function pattern(source: unknown, which: string): RegExp {
  if (typeof source !== 'string') {
    throw new ConfigError(
      `layerRange ${which} must be a layer name or pattern, received ${String(source)}`,
    );
  }
  try {
    return new RegExp(`^(?:${source})`, 'u');
  } catch (e) {
    throw new ConfigError(
      `layerRange ${which} ${JSON.stringify(source)} is not a valid pattern: ${(e as Error).message}`,
    );
  }
}

// Keras' get_layer_index_bound_by_layer_name, on the top-level rows.
function rangeOf(rows: readonly SummaryRow[], range: unknown): [number, number] {
  if (!Array.isArray(range) || range.length !== 2) {
    throw new ConfigError(
      `layerRange must be two layer names or patterns, [first, last], received ${JSON.stringify(range)}`,
    );
  }
  const [first, last] = [pattern(range[0], 'first'), pattern(range[1], 'last')];
  const lower = rows.flatMap((r, i) => (first.test(r.name) ? [i] : []));
  const upper = rows.flatMap((r, i) => (last.test(r.name) ? [i] : []));
  if (lower.length === 0 || upper.length === 0) {
    throw new ConfigError(
      `layerRange ${JSON.stringify(range)} matches no layer${lower.length === 0 ? ' first' : ' last'}; ` +
        `layers: ${rows.map((r) => r.name).join(', ')}`,
    );
  }
  const [lo, hi] = [Math.min(...lower), Math.max(...upper)];
  return lo > hi ? [Math.min(...upper), Math.max(...lower) + 1] : [lo, hi + 1];
}

function prune(row: SummaryRow, depth: number): SummaryRow {
  const { children, ...rest } = row;
  if (!children || row.depth >= depth) return rest;
  return { ...rest, children: children.map((c) => prune(c, depth)) };
}

/** The data with only the rows a renderer should show (a new object; the input is left as it is). */
export function selectRows(data: SummaryData, selection: RowSelection = {}): SummaryData {
  const depth = checkDepth(selection.depth);
  let rows = data.rows;
  if (selection.layerRange !== undefined && selection.layerRange !== null) {
    const [start, end] = rangeOf(rows, selection.layerRange);
    rows = rows.slice(start, end);
  }
  return { ...data, rows: rows.map((r) => prune(r, depth)) };
}

/** Every shown row, parents before their children, in display order. */
export function flattenRows(rows: readonly SummaryRow[]): SummaryRow[] {
  return rows.flatMap((r) => [r, ...flattenRows(r.children ?? [])]);
}
