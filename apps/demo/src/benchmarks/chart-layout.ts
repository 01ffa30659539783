import { formatRatio, type ChartRow } from './chart-data.js';
import { logScale, type LogScale } from './chart-scale.js';

/** The two series the chart compares. */
export type Series = 'framewise' | 'tfjsLayers';

export interface BarBox {
  series: Series;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The median the bar stands for, in ms. */
  ms: number;
}

export interface RowBox {
  id: string;
  label: string;
  /** Baseline of the row's label, above its bars. */
  labelY: number;
  bars: BarBox[];
  /** `c/a = 12.3×` at the right of the row, or the note of a row without both medians. */
  ratioText: string;
  ratioY: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  scale: LogScale;
  /** Where the axis and its tick labels go. */
  axisY: number;
  /** Left and right of the plotting area (bars grow from `plotLeft`). */
  plotLeft: number;
  plotRight: number;
  rows: RowBox[];
}

/** Sizes of the drawing, in SVG user units. */
export const GEOMETRY = {
  left: 30,
  ratioColumn: 120,
  top: 12,
  labelHeight: 18,
  barHeight: 14,
  barGap: 3,
  rowGap: 14,
  axisHeight: 28,
} as const;

/**
 * Places every row of the chart: a label, then one bar per series that has a
 * median, on one log scale shared by all rows (so bars compare across rows
 * too), and the ratio at the right. Pure geometry: drawing is `chart-svg.ts`'s.
 */
export function layoutChart(rows: readonly ChartRow[], width: number): ChartLayout {
  const g = GEOMETRY;
  const plotLeft = g.left;
  const plotRight = Math.max(plotLeft + 100, width - g.ratioColumn);
  const values = rows.flatMap((r) => [r.framewiseMs, r.tfjsLayersMs]).filter(isNumber);
  const scale = logScale(values, [plotLeft, plotRight]);
  let y = g.top;
  const boxes = rows.map((row): RowBox => {
    const labelY = y + g.labelHeight - 5;
    y += g.labelHeight;
    const top = y;
    const bars: BarBox[] = [];
    for (const [series, ms] of [
      ['framewise', row.framewiseMs],
      ['tfjsLayers', row.tfjsLayersMs],
    ] as const) {
      if (isNumber(ms)) {
        const right = scale.position(ms);
        bars.push({
          series,
          x: plotLeft,
          y,
          width: Math.max(1, right - plotLeft),
          height: g.barHeight,
          ms,
        });
      }
      y += g.barHeight + g.barGap;
    }
    y += g.rowGap - g.barGap;
    const ratioText =
      row.ratio !== undefined ? `c/a = ${formatRatio(row.ratio)}` : row.note ? 'see note' : '—';
    return {
      id: row.id,
      label: row.label,
      labelY,
      bars,
      ratioText,
      ratioY: top + g.barHeight + g.barGap / 2 + 4,
    };
  });
  const axisY = y;
  return {
    width,
    height: axisY + g.axisHeight,
    scale,
    axisY,
    plotLeft,
    plotRight,
    rows: boxes,
  };
}

function isNumber(v: number | undefined): v is number {
  return v !== undefined && Number.isFinite(v) && v > 0;
}
