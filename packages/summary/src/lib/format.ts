import { ConfigError, type Model } from '@framewise/core';
import { renderClassic, type ClassicOptions } from './render/classic.js';
import { summarize } from './summarize.js';
import type { SummaryData } from './types.js';

/** Names of the renderers `formatSummary` and `printSummary` know. */
export type SummaryStyle = 'classic';

/** Every style that exists, in the order error messages list them. */
export const summaryStyles: readonly SummaryStyle[] = ['classic'];

/** Options of `formatSummary()`: a style, and that style's own options. */
export interface FormatOptions extends ClassicOptions {
  /** Default `classic` (Keras 2.2 text). */
  style?: SummaryStyle;
}

/** Options of `printSummary()`. */
export interface PrintOptions extends FormatOptions {
  /** Receives each line without its newline, like Keras' `print_fn`; default `console.log`. */
  printFn?: (line: string) => void;
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

// One renderer so far; the switch grows with the styles.
function summaryLines(data: SummaryData, options: FormatOptions): string[] {
  switch (checkStyle(options.style)) {
    case 'classic':
      return renderClassic(data, options);
  }
}

/**
 * The rendered summary as one string. Every line ends with `'\n'`, the last
 * one included, so writing it to stdout gives exactly what Keras' `print`
 * calls would.
 */
export function formatSummary(data: SummaryData, options: FormatOptions = {}): string {
  return summaryLines(data, options)
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * `model.summary()`: summarizes and renders, then hands each line to
 * `printFn` (one call per line, as Keras' `print_fn` gets them).
 */
export function printSummary(model: Model, options: PrintOptions = {}): void {
  const { printFn = (line: string) => console.log(line), ...format } = options;
  if (typeof printFn !== 'function') {
    throw new ConfigError(`printFn must be a function, received ${typeof printFn}`);
  }
  // A bad style fails before the model is walked.
  checkStyle(format.style);
  summaryLines(summarize(model), format).forEach((line) => printFn(line));
}
