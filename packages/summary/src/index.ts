/**
 * Model summaries for Framewise. `summarize()` turns a model into plain data
 * (shapes, parameters, MACs, bytes, wrappers' and nested models' layers);
 * renderers turn that data into lines. `printSummary()` is Keras'
 * `model.summary()`; the `classic` style reproduces Keras 2.2.4 byte for byte.
 *
 * @packageDocumentation
 */

/** Collecting a model's figures as plain data. */
export { summarize } from './lib/summarize.js';
/** Options of {@link summarize}. */
export type { SummarizeOptions } from './lib/summarize.js';
/** The data `summarize()` returns and renderers read, and its version. */
export { SUMMARY_VERSION } from './lib/types.js';
export type {
  SummaryConnection,
  SummaryData,
  SummaryRow,
  SummaryShape,
  SummaryTotals,
} from './lib/types.js';
/** JSON Schema of the data. */
export { summaryJsonSchema } from './lib/schema.js';
/** The Keras 2.2.4 text renderer. */
export { renderClassic } from './lib/render/classic.js';
export type { ClassicOptions } from './lib/render/classic.js';
/** The wide text renderer: nothing cut, wrappers expanded, optional columns. */
export { renderWide, WIDE_LINE_LENGTH } from './lib/render/wide.js';
export type { WideOptions } from './lib/render/wide.js';
/** Markdown, HTML and JSON renderers. */
export { renderMarkdown } from './lib/render/markdown.js';
export type { MarkdownOptions } from './lib/render/markdown.js';
export { renderHtml } from './lib/render/html.js';
export type { HtmlOptions } from './lib/render/html.js';
export { renderJson } from './lib/render/json.js';
export type { JsonOptions } from './lib/render/json.js';
/** Choosing rows (depth, layerRange) and columns. */
export { selectRows } from './lib/render/select.js';
export type { RowSelection } from './lib/render/select.js';
export { summaryColumns } from './lib/render/columns.js';
export type { SummaryColumn } from './lib/render/columns.js';
/** Byte sizes as the summaries write them (`3.50 KB`). */
export { readableBytes } from './lib/render/units.js';
/** Rendering in any style, to lines or one string, and printing line by line. */
export { formatSummary, printSummary, renderSummary, summaryStyles } from './lib/format.js';
export type { FormatOptions, PrintOptions, SummaryStyle } from './lib/format.js';
