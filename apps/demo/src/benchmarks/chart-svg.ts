import { formatMs } from './chart-data.js';
import type { ChartLayout, Series } from './chart-layout.js';
import { formatTick } from './chart-scale.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Legend names of the series, as the suite's tables call them. */
export const SERIES_LABEL: Record<Series, string> = {
  framewise: 'Framewise timeDistributed (a)',
  tfjsLayers: 'tfjs-layers tf.layers.timeDistributed (c)',
};

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Draws a laid-out chart: decade grid lines and labels, one bar per median
 * (with the exact figure at its end and in its tooltip), and the ratio per row.
 * Colours come from CSS classes (`benchmarks.css`).
 */
export function drawChart(layout: ChartLayout, title: string): SVGSVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: 'img',
    class: 'bench-chart-svg',
  });
  root.append(svg('title', {}, title));
  for (const tick of layout.scale.ticks) {
    const x = layout.scale.position(tick);
    root.append(
      svg('line', { x1: x, x2: x, y1: 0, y2: layout.axisY, class: 'bench-grid' }),
      svg('text', { x, y: layout.axisY + 16, class: 'bench-tick' }, formatTick(tick)),
    );
  }
  for (const row of layout.rows) {
    const group = svg('g', { 'data-row': row.id });
    group.append(
      svg('text', { x: layout.plotLeft, y: row.labelY, class: 'bench-label' }, row.label),
    );
    for (const bar of row.bars) {
      const rect = svg('rect', {
        x: bar.x,
        y: bar.y,
        width: bar.width,
        height: bar.height,
        class: `bench-bar bench-bar-${bar.series}`,
        'data-series': bar.series,
        'data-ms': bar.ms,
      });
      rect.append(svg('title', {}, `${SERIES_LABEL[bar.series]}: ${formatMs(bar.ms)} ms (median)`));
      group.append(
        rect,
        svg(
          'text',
          { x: bar.x + bar.width + 4, y: bar.y + bar.height - 3, class: 'bench-value' },
          `${formatMs(bar.ms)} ms`,
        ),
      );
    }
    group.append(
      svg('text', { x: layout.width - 8, y: row.ratioY, class: 'bench-ratio' }, row.ratioText),
    );
    root.append(group);
  }
  return root;
}
