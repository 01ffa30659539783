import type { Shape } from '@framewise/core';
import {
  summaryColumns,
  summaryStyles,
  type SummaryColumn,
  type SummaryStyle,
} from '@framewise/summary';
import { BACKEND_CHOICES, parseBackend, type BackendName } from '../lib/engine.js';
import { integerOption, noMorePositionals, parseCommandLine, UsageError } from '../lib/args.js';

/** Levels of child rows: more than any real nesting of wrappers and models. */
export const DEPTH_RANGE = { min: 0, max: 100 };
/** Characters per line: the narrowest table that still shows its columns, and a wide screen. */
export const LINE_LENGTH_RANGE = { min: 40, max: 1000 };

/** Options of `framewise summary`. */
export interface SummaryArgs {
  /** The model file. */
  file: string;
  style: SummaryStyle;
  depth?: number;
  columns?: SummaryColumn[];
  lineLength?: number;
  layerRange?: [string, string];
  /** One per model input, batch axis included (the command line leaves it out). */
  inputShapes?: Shape[];
  backend: BackendName;
  help: boolean;
}

/** `framewise summary --help`. */
export const SUMMARY_USAGE = `Usage: framewise summary <model file> [options]

Prints a model's summary: every layer with its output shape and parameters, the
layers inside TimeDistributed, Bidirectional and nested models as child rows, the
totals with their memory, the MACs per sample (1 MAC = 2 FLOPs) and the estimated
forward memory per sample.

Model files: Keras JSON (model.to_json(), Keras 1, 2 or 3; Framewise model.toJSON()),
Keras 3 .keras, legacy Keras .h5 (Keras 2 or 3), and TensorFlow.js model.json (its topology:
a summary needs no weights, so the shards may be missing).

Options:
  --style NAME          ${summaryStyles.join(', ')} (default wide; classic is Keras 2.2's text)
  --json                the summary data as JSON (same as --style json)
  --depth N             levels of child rows to show, ${DEPTH_RANGE.min} to ${DEPTH_RANGE.max} (default all; 0 for none)
  --columns LIST        comma-separated, after the layer column (wide, markdown, html):
                        ${summaryColumns.join(', ')}
  --line-length N       characters per line, ${LINE_LENGTH_RANGE.min} to ${LINE_LENGTH_RANGE.max} (classic: its width;
                        wide: where cells wrap, default 98)
  --layer-range A,B     only the layers from the first named (or matched) A to the last B
  --input-shape SIZES   sizes of one input without the batch axis, e.g. 16,64,64,3; repeat for
                        each input. Fixes sizes the model leaves open (None) so MACs are known
  --backend NAME        ${BACKEND_CHOICES.join(', ')} (default cpu: nothing is computed, so
                        no GPU needs to start), to build the layers on
  -h, --help            this text`;

function inputShape(text: string): Shape {
  const sizes = text.split(',').map((s) => s.trim());
  const shape = sizes.map((s) => (/^(none|null)$/i.test(s) ? null : Number(s)));
  if (
    sizes.some((s) => s === '') ||
    shape.some((d) => d !== null && !(Number.isInteger(d) && d >= 0))
  ) {
    throw new UsageError(
      `--input-shape takes sizes separated by commas, without the batch axis (16,64,64,3), received '${text}'`,
    );
  }
  return [null, ...shape];
}

function list<T extends string>(
  text: string,
  known: readonly T[],
  flag: string,
  what: string,
): T[] {
  const items = text.split(',').map((s) => s.trim());
  const unknown = items.filter((i) => !known.includes(i as T));
  if (unknown.length > 0) {
    throw new UsageError(
      `${flag}: unknown ${what} '${unknown.join("', '")}'; ${what}s: ${known.join(', ')}`,
    );
  }
  return items as T[];
}

/** Reads `framewise summary`'s arguments (those after the command name). */
export function parseSummaryArgs(argv: string[]): SummaryArgs {
  const { values, positionals } = parseCommandLine(argv, {
    style: { type: 'string' },
    json: { type: 'boolean', default: false },
    depth: { type: 'string' },
    columns: { type: 'string' },
    'line-length': { type: 'string' },
    'layer-range': { type: 'string' },
    'input-shape': { type: 'string', multiple: true },
    backend: { type: 'string', default: 'cpu' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const help = values.help;
  if (!help && positionals.length === 0) {
    throw new UsageError(
      'summary needs a model file: framewise summary <model file> (see framewise summary --help)',
    );
  }
  noMorePositionals(positionals, 1);
  if (values.json && values.style !== undefined && values.style !== 'json') {
    throw new UsageError(`--json prints the JSON style; it cannot go with --style ${values.style}`);
  }
  const style = values.json ? 'json' : (values.style ?? 'wide');
  if (!summaryStyles.includes(style as SummaryStyle)) {
    throw new UsageError(`--style must be one of ${summaryStyles.join(', ')}, received '${style}'`);
  }
  const backend = parseBackend(values.backend);
  const range = values['layer-range']?.split(',');
  if (range && (range.length !== 2 || range.some((r) => r.trim() === ''))) {
    throw new UsageError(
      `--layer-range takes two layer names or patterns, FIRST,LAST; received '${values['layer-range']}'`,
    );
  }
  const depth = integerOption(values.depth, '--depth', DEPTH_RANGE);
  const lineLength = integerOption(values['line-length'], '--line-length', LINE_LENGTH_RANGE);
  return {
    file: positionals[0] ?? '',
    style: style as SummaryStyle,
    ...(depth === undefined ? {} : { depth }),
    ...(values.columns === undefined
      ? {}
      : { columns: list(values.columns, summaryColumns, '--columns', 'column') }),
    ...(lineLength === undefined ? {} : { lineLength }),
    ...(range ? { layerRange: range.map((r) => r.trim()) as [string, string] } : {}),
    ...(values['input-shape'] ? { inputShapes: values['input-shape'].map(inputShape) } : {}),
    backend,
    help,
  };
}
