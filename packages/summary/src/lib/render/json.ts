import type { SummaryData } from '../types.js';
import { checkSummaryData } from './data-version.js';
import { selectRows, type RowSelection } from './select.js';

/** Options of the JSON renderer: which rows to keep. */
export type JsonOptions = RowSelection;

const isFlat = (v: unknown): boolean =>
  v === null || typeof v !== 'object' || (Array.isArray(v) && v.every(isFlat));

// JSON.stringify's two-space layout, except that shapes (arrays of numbers and nulls,
// or of such arrays) stay on one line: `"outputShape": [null, 12, 10]`.
function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value) && isFlat(value)) {
    return `[${value.map((v) => pretty(v, indent)).join(', ')}]`;
  }
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => inner + pretty(v, inner))
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length === 0 ? open + close : `${open}\n${entries.join(',\n')}\n${indent}${close}`;
}

/**
 * The summary data as indented JSON (`summaryJsonSchema` describes it), cut
 * to the rows `depth` and `layerRange` select; totals stay the whole
 * model's. Shapes stay on one line each. One string per line, so `printFn`
 * sees lines as in every style.
 */
export function renderJson(data: SummaryData, options: JsonOptions = {}): string[] {
  checkSummaryData(data, 'renderJson');
  return pretty(selectRows(data, options), '').split('\n');
}
