import { ConfigError } from '@framewise/core';
import type { SummaryConnection, SummaryData, SummaryRow } from '../types.js';
import { pythonShape } from './python-text.js';
import { bytesText, countText, percentText } from './units.js';

/**
 * Optional columns of the wide, Markdown and HTML tables (the layer column
 * always comes first):
 * - `input`: Input Shape; `output`: Output Shape;
 * - `params`: Param # (weights shared with an earlier row included, as Keras prints);
 * - `percent`: Params %, the row's share of the total, shared weights counted once;
 * - `trainable`: `Y`/`N` (the layer's flag; `-` for a layer without weights, as Keras 3);
 * - `macs`: MACs per sample (1 MAC = 2 FLOPs; `?` where a size is left open);
 * - `param-bytes`: Param Size, the weights' memory;
 * - `output-bytes`: Output Size, the activations one sample produces;
 * - `connected`: Connected to, one input per line.
 */
export type SummaryColumn =
  | 'input'
  | 'output'
  | 'params'
  | 'percent'
  | 'trainable'
  | 'macs'
  | 'param-bytes'
  | 'output-bytes'
  | 'connected';

/** Every optional column, in the order the guide lists them. */
export const summaryColumns: readonly SummaryColumn[] = [
  'input',
  'output',
  'params',
  'percent',
  'trainable',
  'macs',
  'param-bytes',
  'output-bytes',
  'connected',
];

/** How a column is headed, aligned and filled. Cells may hold several lines (`\n`). */
export interface ColumnSpec {
  header: string;
  align: 'left' | 'right';
  cell(row: SummaryRow, data: SummaryData): string;
}

/** `layer[node][tensor]`, Keras' notation for one input of a call. */
export function connectionText(c: SummaryConnection): string {
  return `${c.layer}[${c.nodeIndex}][${c.tensorIndex}]`;
}

/** `time_distributed_1 (TimeDistributed(Conv2D))`: the layer column's text, without indentation. */
export function layerText(row: SummaryRow): string {
  const type = row.innerClassName ? `${row.className}(${row.innerClassName})` : row.className;
  return `${row.name} (${type})`;
}

/** The note a row that reuses earlier weights carries under its name. */
export function sharedNote(row: SummaryRow, shown: ReadonlySet<string>): string | undefined {
  if (!row.sharesWith) return undefined;
  // A hidden row (depth, layerRange) is named by its closest shown ancestor, or by its path.
  const names = row.sharesWith.map((path) => {
    const parts = path.split('/');
    for (let n = parts.length; n > 0; n--) {
      const candidate = parts.slice(0, n).join('/');
      if (shown.has(candidate)) return candidate;
    }
    return path;
  });
  return `shares weights with ${names.join(', ')}`;
}

const SPECS: Readonly<Record<SummaryColumn, ColumnSpec>> = {
  input: { header: 'Input Shape', align: 'left', cell: (r) => pythonShape(r.inputShape) },
  output: { header: 'Output Shape', align: 'left', cell: (r) => pythonShape(r.outputShape) },
  params: { header: 'Param #', align: 'right', cell: (r) => countText(r.params) },
  percent: {
    header: 'Params %',
    align: 'right',
    cell: (r, d) => percentText(r.params - r.sharedParams, d.totals.params),
  },
  trainable: {
    header: 'Trainable',
    align: 'left',
    cell: (r) => (r.params === 0 ? '-' : r.trainable ? 'Y' : 'N'),
  },
  macs: { header: 'MACs', align: 'right', cell: (r) => countText(r.macs) },
  'param-bytes': { header: 'Param Size', align: 'right', cell: (r) => bytesText(r.paramBytes) },
  'output-bytes': {
    header: 'Output Size',
    align: 'right',
    cell: (r) => bytesText(r.outputBytes),
  },
  connected: {
    header: 'Connected to',
    align: 'left',
    cell: (r) => r.connectedTo.map(connectionText).join('\n'),
  },
};

/**
 * The columns to show: those asked for, in that order, or by default Output
 * Shape and Param # (and Connected to where Keras would print it).
 */
export function resolveColumns(
  data: SummaryData,
  columns: readonly SummaryColumn[] | undefined,
): { id: SummaryColumn; spec: ColumnSpec }[] {
  const fallback: SummaryColumn[] = data.sequentialLike
    ? ['output', 'params']
    : ['output', 'params', 'connected'];
  const given: unknown = columns === undefined || columns === null ? fallback : columns;
  if (!Array.isArray(given)) {
    throw new ConfigError(`columns must be a list of column names, received ${String(given)}`);
  }
  const chosen = given as SummaryColumn[];
  const unknown = chosen.filter((c) => !summaryColumns.includes(c));
  if (unknown.length > 0) {
    throw new ConfigError(
      `unknown summary column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => JSON.stringify(c)).join(', ')}; ` +
        `columns that exist: ${summaryColumns.join(', ')}`,
    );
  }
  return [...new Set(chosen)].map((id) => ({ id, spec: SPECS[id] }));
}
