import type { RowResult } from '@framewise/bench';
import { chartRows, formatMs, formatRatio } from './chart-data.js';
import { GEOMETRY, layoutChart } from './chart-layout.js';

function record(id: string, medians?: { apply: number; tfjsLayers?: number }): RowResult {
  const r: RowResult = {
    backend: 'wasm',
    engine: 'wasm',
    id,
    label: id,
    inputShape: [1, 1, 1],
    units: 1,
  };
  if (medians) {
    r.medianMs = { apply: medians.apply, predict: medians.apply, floor: medians.apply };
    if (medians.tfjsLayers !== undefined) {
      r.medianMs.tfjsLayers = medians.tfjsLayers;
      r.ratios = {
        applyOverFloor: 1,
        predictOverFloor: 1,
        tfjsLayersOverApply: medians.tfjsLayers / medians.apply,
      };
    }
  }
  return r;
}

describe('chartRows', () => {
  it("takes Framewise's eager median (a), tfjs-layers' (c) and c/a from each record", () => {
    const [row] = chartRows([record('dense', { apply: 1.5, tfjsLayers: 300 })]);
    expect(row).toEqual({
      id: 'dense',
      label: 'dense',
      framewiseMs: 1.5,
      tfjsLayersMs: 300,
      ratio: 200,
    });
  });

  it('carries why a median is missing: skipped, failed, or tfjs-layers left out', () => {
    const skipped = { ...record('big'), skipped: 'skipped: too slow' };
    const failed = { ...record('bad'), error: 'DisagreementError: differs' };
    const noC = { ...record('long', { apply: 400 }), tfjsLayersSkipped: 'not timed on wasm' };
    expect(chartRows([skipped, failed, noC]).map((r) => r.note)).toEqual([
      'skipped: too slow',
      'DisagreementError: differs',
      'not timed on wasm',
    ]);
  });
});

describe('formatRatio and formatMs', () => {
  it('print three significant digits, whole numbers from 100 up, and a dash for nothing', () => {
    expect([474.2, 23.17, 1.0234, 0.0123].map(formatMs)).toEqual(['474', '23.2', '1.02', '0.0123']);
    expect(formatRatio(9.523)).toBe('9.52×');
    expect(formatRatio(undefined)).toBe('—');
    expect(formatRatio(Infinity)).toBe('—');
    expect(formatMs(NaN)).toBe('—');
  });
});

describe('layoutChart', () => {
  const rows = chartRows([
    record('small', { apply: 0.02, tfjsLayers: 0.5 }),
    record('long', { apply: 2, tfjsLayers: 800 }),
    { ...record('skipped'), skipped: 'skipped: too slow' },
  ]);
  const layout = layoutChart(rows, 800);

  it('puts every bar on one log scale, starting at the plot’s left edge', () => {
    expect(layout.scale.domain).toEqual([0.01, 1000]);
    const bars = layout.rows.flatMap((r) => r.bars);
    expect(bars).toHaveLength(4);
    for (const bar of bars) {
      expect(bar.x).toBe(layout.plotLeft);
      expect(bar.x + bar.width).toBeCloseTo(layout.scale.position(bar.ms), 9);
    }
    // Equal ratios give equal differences in length: 0.5/0.02 = 25, 800/2 = 400 = 16 × 25.
    const [small, long] = layout.rows;
    const diff = (r: typeof small) => r!.bars[1]!.width - r!.bars[0]!.width;
    const decade = (layout.plotRight - layout.plotLeft) / 5;
    expect(diff(small)).toBeCloseTo(decade * Math.log10(25), 6);
    expect(diff(long)).toBeCloseTo(decade * Math.log10(400), 6);
  });

  it('stacks rows without overlap, leaves the ratio column free, and puts the axis below', () => {
    const boxes = layout.rows.flatMap((r) => r.bars);
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    }
    expect(layout.plotRight).toBe(800 - GEOMETRY.ratioColumn);
    expect(Math.max(...boxes.map((b) => b.x + b.width))).toBeLessThanOrEqual(layout.plotRight);
    expect(layout.axisY).toBeGreaterThan(Math.max(...boxes.map((b) => b.y + b.height)));
    expect(layout.height).toBe(layout.axisY + GEOMETRY.axisHeight);
  });

  it('writes c/a per row, and no bars for a skipped row', () => {
    expect(layout.rows.map((r) => r.ratioText)).toEqual(['c/a = 25×', 'c/a = 400×', 'see note']);
    expect(layout.rows[2]!.bars).toEqual([]);
  });
});
