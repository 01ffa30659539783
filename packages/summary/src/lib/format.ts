import { ConfigError, type Model, type Shape } from '@framewise/core';
import { renderClassic } from './render/classic.js';
import type { SummaryColumn } from './render/columns.js';
import { renderHtml } from './render/html.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/markdown.js';
import type { RowSelection } from './render/select.js';
import { renderWide } from './render/wide.js';
import { summarize } from './summarize.js';
import type { SummaryData } from './types.js';

/** Names of the renderers `formatSummary` and `printSummary` know. */
export type SummaryStyle = 'classic' | 'wide' | 'markdown' | 'html' | 'json';

/** Every style that exists, in the order error messages list them. */
export const summaryStyles: readonly SummaryStyle[] = [
  'classic',
  'wide',
  'markdown',
  'html',
  'json',
];

/**
 * Options of `formatSummary()`: a style and the options of the renderers.
 * Each style reads the ones that mean something to it: `lineLength` and
 * `positions` lay out the text styles (classic, wide); `columns` picks the
 * columns of wide, Markdown and HTML (classic keeps Keras' fixed ones);
 * `depth` and `layerRange` select rows in every style.
 */
export interface FormatOptions extends RowSelection {
  /** Default `classic` (Keras 2.2 text, byte for byte). */
  style?: SummaryStyle;
  /** Columns after the layer column (wide, markdown, html). */
  columns?: readonly SummaryColumn[];
  /** Characters per line: classic's fixed width (default 65 or 98), wide's wrapping limit (default 98). */
  lineLength?: number;
  /** Where each column ends, Keras' `positions` (classic, wide). */
  positions?: number[];
}

/** Options of `printSummary()`. */
export interface PrintOptions extends FormatOptions {
  /** Receives each line without its newline, like Keras' `print_fn`; default `console.log`. */
  printFn?: (line: string) => void;
  /** Input shapes to work MACs and bytes out for (see `SummarizeOptions.inputShapes`). */
  inputShapes?: Shape[];
}

function checkStyle(style: SummaryStyle | undefined): SummaryStyle {
  const chosen = style ?? 'classic';
  if (!summaryStyles.includes(chosen)) {
    throw new ConfigError(
      `unknown summary style ${JSON.stringify(chosen)}; styles that exist: ${summaryStyles.join(', ')}`,
    );
  }
  return chosen;
}

/** The summary in a style, one string per line (no newlines), as `printFn` receives them. */
export function renderSummary(data: SummaryData, options: FormatOptions = {}): string[] {
  switch (checkStyle(options.style)) {
    case 'classic':
      if (options.columns !== undefined && options.columns !== null) {
        throw new ConfigError(
          "the classic style prints Keras 2.2's fixed columns; choose the wide, markdown or html style to pick columns",
        );
      }
      return renderClassic(data, options);
    case 'wide':
      return renderWide(data, options);
    case 'markdown':
      return renderMarkdown(data, options);
    case 'html':
      return renderHtml(data, options);
    case 'json':
      return renderJson(data, options);
  }
}

/**
 * The rendered summary as one string. Every line ends with `'\n'`, the last
 * one included, so writing it to stdout gives exactly what Keras' `print`
 * calls would.
 */
export function formatSummary(data: SummaryData, options: FormatOptions = {}): string {
  return renderSummary(data, options)
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * `model.summary()`: summarizes and renders, then hands each line to
 * `printFn` (one call per line, in every style, as Keras' `print_fn` gets them).
 */
export function printSummary(model: Model, options: PrintOptions = {}): void {
  const { printFn = (line: string) => console.log(line), inputShapes, ...format } = options;
  if (typeof printFn !== 'function') {
    throw new ConfigError(`printFn must be a function, received ${typeof printFn}`);
  }
  // A bad style fails before the model is walked.
  checkStyle(format.style);
  const data = summarize(model, inputShapes === undefined ? {} : { inputShapes });
  renderSummary(data, format).forEach((line) => printFn(line));
}
