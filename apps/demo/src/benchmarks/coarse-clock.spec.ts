import * as tf from '@tensorflow/tfjs-core';
import { ROWS, runRow, timingPlan, type BackendInfo } from '@framewise/bench';
import { pagePlan } from './page-rows.js';

/** Chromium's clock on a page that is not cross-origin isolated moves in 100 µs steps. */
const STEP_MS = 0.1;

function coarsen(): () => void {
  const real = performance.now.bind(performance);
  const spy = jest
    .spyOn(performance, 'now')
    .mockImplementation(() => Math.floor(real() / STEP_MS) * STEP_MS);
  return () => spy.mockRestore();
}

/** Whether `ms` is what medians of step-sized readings can be: a multiple of half a step. */
function onTheStepGrid(ms: number): boolean {
  const halves = ms / (STEP_MS / 2);
  return Math.abs(halves - Math.round(halves)) < 1e-6;
}

const backend: BackendInfo = {
  requested: 'cpu',
  label: 'cpu',
  engine: 'cpu',
  engineClass: 'cpu',
  completion: 'dataSync',
};
const row = ROWS.find((r) => r.id === 'dense-32x12-8to10')!;

describe('timing calls on a coarse clock, as in a browser', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  it('one call per sample (the suite in Node) can only read whole steps', async () => {
    expect(tf.getBackend()).toBe('cpu');
    restore = coarsen();
    const result = await runRow(row, backend, { ...timingPlan(true), budgetMs: 30 });
    restore();
    expect(result.error).toBeUndefined();
    expect(Object.values(result.medianMs!).filter((ms) => !onTheStepGrid(ms))).toEqual([]);
  });

  it('the page times short calls in batches: positive medians, finer than the step', async () => {
    restore = coarsen();
    const result = await runRow(row, backend, { ...pagePlan('quick'), budgetMs: 60 });
    restore();
    expect(result.error).toBeUndefined();
    const medians = Object.values(result.medianMs!);
    for (const ms of medians) {
      expect(ms).toBeGreaterThan(0);
      expect(Number.isFinite(ms)).toBe(true);
    }
    expect(medians.filter((ms) => !onTheStepGrid(ms)).length).toBeGreaterThan(0);
    expect(Number.isFinite(result.ratios!.tfjsLayersOverApply)).toBe(true);
    expect(result.leakedTensors).toBe(0);
  });
});
