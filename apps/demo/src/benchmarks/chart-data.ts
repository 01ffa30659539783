import type { RowResult } from '@framewise/bench';

/** One row of the chart: the two medians compared and their ratio, or why they are missing. */
export interface ChartRow {
  id: string;
  label: string;
  /** Median of Framewise's `timeDistributed(...).apply(x)` (the suite's variant a), in ms. */
  framewiseMs?: number;
  /** Median of tfjs-layers' `tf.layers.timeDistributed` (variant c), in ms. */
  tfjsLayersMs?: number;
  /** tfjs-layers / Framewise (the suite's c/a): how many times slower tfjs-layers is. */
  ratio?: number;
  /** Why a median is missing: the row was skipped, failed, or left tfjs-layers out. */
  note?: string;
}

/** The chart's rows from the suite's records, in the order they ran. */
export function chartRows(results: readonly RowResult[]): ChartRow[] {
  return results.map((r) => {
    const row: ChartRow = { id: r.id, label: r.label };
    if (r.medianMs) row.framewiseMs = r.medianMs.apply;
    if (r.medianMs?.tfjsLayers !== undefined) row.tfjsLayersMs = r.medianMs.tfjsLayers;
    if (r.ratios?.tfjsLayersOverApply !== undefined) row.ratio = r.ratios.tfjsLayersOverApply;
    const note = r.error ?? r.skipped ?? r.tfjsLayersSkipped;
    if (note !== undefined) row.note = note;
    return row;
  });
}

/** A ratio as the tables print it: `474×`, `12.3×`, `1.02×`; an em dash when there is none. */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${formatNumber(ratio)}×`;
}

/** A median in ms with three significant digits (`0.0123`, `1.63`, `773`), or an em dash. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  return formatNumber(ms);
}

function formatNumber(n: number): string {
  return n >= 100 ? String(Math.round(n)) : String(Number(n.toPrecision(3)));
}
