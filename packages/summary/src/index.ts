/**
 * Model summaries for Framewise. `summarize()` turns a model into plain data;
 * renderers turn that data into text. `printSummary()` is Keras'
 * `model.summary()`; the `classic` style reproduces Keras 2.2.4 byte for byte.
 *
 * @packageDocumentation
 */

/** Collecting a model's figures as plain data. */
export { summarize } from './lib/summarize.js';
/** Options of {@link summarize}. */
export type { SummarizeOptions } from './lib/summarize.js';
/** The data `summarize()` returns and renderers read. */
export type {
  SummaryConnection,
  SummaryData,
  SummaryRow,
  SummaryShape,
  SummaryTotals,
} from './lib/types.js';
/** The Keras 2.2.4 text renderer. */
export { renderClassic } from './lib/render/classic.js';
/** Options of {@link renderClassic}. */
export type { ClassicOptions } from './lib/render/classic.js';
/** Rendering to one string, printing line by line, and the styles available. */
export { formatSummary, printSummary, summaryStyles } from './lib/format.js';
/** Options of {@link formatSummary} and {@link printSummary}, and the style names. */
export type { FormatOptions, PrintOptions, SummaryStyle } from './lib/format.js';
