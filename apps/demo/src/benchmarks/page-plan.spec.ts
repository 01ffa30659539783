import { ROWS, timingPlan } from '@framewise/bench';
import { DEFAULT_ROW_IDS, MIN_SAMPLE_MS, pagePlan, rowOptions, selectedRows } from './page-rows.js';

describe('the page’s rows and plan', () => {
  it('ticks the suite’s small rows by default and names each one it leaves out as slow', () => {
    const options = rowOptions();
    expect(options.map((o) => o.row.id)).toEqual(ROWS.map((r) => r.id));
    expect(options.filter((o) => o.checked).map((o) => o.row.id)).toEqual(DEFAULT_ROW_IDS);
    for (const o of options.filter((o) => !o.checked)) expect(o.hint).toMatch(/\S/u);
  });

  it('runs ticked rows in the suite’s order', () => {
    const ids = new Set(['conv2d-2x64-32x32x3to32', 'dense-32x12-8to10']);
    expect(selectedRows(ids).map((r) => r.id)).toEqual([
      'dense-32x12-8to10',
      'conv2d-2x64-32x32x3to32',
    ]);
  });

  it('is the suite’s quick or full plan, with batched samples for a browser’s coarse clock', () => {
    expect(pagePlan('quick')).toEqual({ ...timingPlan(true), minSampleMs: MIN_SAMPLE_MS });
    expect(pagePlan('full')).toEqual({ ...timingPlan(false), minSampleMs: MIN_SAMPLE_MS });
  });
});
