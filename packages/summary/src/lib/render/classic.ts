import { at, ConfigError } from '@framewise/core';
import type { SummaryData } from '../types.js';
import { connectionText } from './columns.js';
import { checkSummaryData } from './data-version.js';
import { pythonRow, pythonShape, pythonThousands } from './python-text.js';
import { selectRows } from './select.js';

/** Options of the classic (Keras 2.2) renderer; Keras' `line_length`, `positions` and `layer_range`. */
export interface ClassicOptions {
  /** Characters per line; default 65 for sequential-like models, 98 otherwise. */
  lineLength?: number;
  /**
   * Where each column ends: fractions of `lineLength` when the last one is at
   * most 1 (`[.45, .85, 1]`), else absolute column numbers. One per column.
   */
  positions?: number[];
  /** Keras' `layer_range` (see `RowSelection`); child rows never show in this style. */
  layerRange?: [string, string];
}

const SHORT = {
  lineLength: 65,
  positions: [0.45, 0.85, 1],
  headers: ['Layer (type)', 'Output Shape', 'Param #'],
};
const LONG = {
  lineLength: 98,
  positions: [0.33, 0.55, 0.67, 1],
  headers: ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'],
};

/**
 * Keras 2.2.4's `model.summary()` text, byte for byte, one string per line
 * (no newlines): the same layouts, truncation and trailing spaces, so output
 * can be diffed against Keras logs and the table Keras 2.2 printed for the
 * Conv2D example (`TimeDistributed(Conv2D(32, 3×3))` on `(12, 32, 32, 3)`).
 */
export function renderClassic(data: SummaryData, options: ClassicOptions = {}): string[] {
  checkSummaryData(data, 'renderClassic');
  const rows = selectRows(data, { depth: 0, layerRange: options.layerRange }).rows;
  const layout = data.sequentialLike ? SHORT : LONG;
  const lineLength = checkLineLength(options.lineLength) ?? layout.lineLength;
  const positions = resolvePositions(
    options.positions,
    layout.positions,
    lineLength,
    layout.headers,
  );
  const lines = [
    '_'.repeat(lineLength),
    pythonRow(layout.headers, positions),
    '='.repeat(lineLength),
  ];
  rows.forEach((row, i) => {
    const cells = [
      `${row.name} (${row.className})`,
      pythonShape(row.outputShape),
      String(row.params),
    ];
    if (data.sequentialLike) {
      lines.push(pythonRow(cells, positions));
    } else {
      const links = row.connectedTo.map(connectionText);
      lines.push(pythonRow([...cells, links[0] ?? ''], positions));
      links.slice(1).forEach((link) => lines.push(pythonRow(['', '', '', link], positions)));
    }
    lines.push((i === rows.length - 1 ? '=' : '_').repeat(lineLength));
  });
  lines.push(
    `Total params: ${pythonThousands(data.totals.params)}`,
    `Trainable params: ${pythonThousands(data.totals.trainable)}`,
    `Non-trainable params: ${pythonThousands(data.totals.nonTrainable)}`,
    '_'.repeat(lineLength),
  );
  return lines;
}

function checkLineLength(lineLength: number | undefined): number | undefined {
  if (lineLength === undefined || lineLength === null) return undefined;
  if (!(Number.isInteger(lineLength) && lineLength > 0)) {
    throw new ConfigError(`lineLength must be a positive integer, received ${String(lineLength)}`);
  }
  return lineLength;
}

// Keras: `positions or default`, then `int(line_length * p)` when the last is <= 1.
function resolvePositions(
  given: number[] | undefined,
  fallback: number[],
  lineLength: number,
  headers: readonly string[],
): number[] {
  const chosen = given === undefined || given === null || given.length === 0 ? fallback : given;
  const valid =
    Array.isArray(chosen) && chosen.every((p) => typeof p === 'number' && Number.isFinite(p));
  if (!valid || chosen.length < headers.length) {
    throw new ConfigError(
      `positions must give one number per column (${headers.length}: ${headers.join(', ')}), ` +
        `received ${JSON.stringify(given)}`,
    );
  }
  const absolute =
    at(chosen, chosen.length - 1, 'last position') <= 1
      ? chosen.map((p) => Math.trunc(lineLength * p))
      : chosen.slice();
  if (absolute.some((p) => !Number.isInteger(p))) {
    throw new ConfigError(`absolute positions must be integers, received ${JSON.stringify(given)}`);
  }
  return absolute;
}
