import * as tf from '@tensorflow/tfjs-core';
import { ROWS, runRows, selectRows, timingPlan, type BackendInfo } from '../index.js';

const cpu: BackendInfo = {
  requested: 'cpu',
  label: 'cpu',
  engine: 'cpu',
  engineClass: 'cpu',
  completion: 'dataSync',
};
const plan = { ...timingPlan(true), budgetMs: 20 };

describe('one row on the active backend', () => {
  it('checks a, a′ and c against the floor, times them and leaves no tensor behind', async () => {
    expect(tf.getBackend()).toBe('cpu');
    const [result] = await runRows(selectRows('dense-32x12'), cpu, plan, {
      includeSlow: false,
      onRow: () => {},
    });
    expect(result?.error).toBeUndefined();
    expect(result?.leakedTensors).toBe(0);
    expect(result?.inputShape).toEqual([32, 12, 8]);
    // The same layer and weights on every path: only float rounding may differ.
    expect(Object.keys(result?.maxAbsDiff ?? {}).sort()).toEqual([
      'apply',
      'predict',
      'tfjsLayers',
    ]);
    for (const diff of Object.values(result?.maxAbsDiff ?? {})) expect(diff).toBeLessThan(1e-5);
    for (const ms of Object.values(result?.medianMs ?? {})) expect(ms).toBeGreaterThan(0);
    expect(result?.ratios?.applyOverFloor).toBeCloseTo(
      (result?.medianMs?.apply ?? NaN) / (result?.medianMs?.floor ?? NaN),
      10,
    );
  }, 60_000);

  it('skips a large row on the pure-JS cpu backend, saying why, without building it', async () => {
    const large = ROWS.find((r) => r.runsOn !== undefined);
    expect(large).toBeDefined();
    if (!large) return;
    const before = tf.memory().numTensors;
    const [result] = await runRows([large], cpu, plan, { includeSlow: false, onRow: () => {} });
    expect(result?.skipped).toMatch(/^skipped: too slow on the cpu backend .*--include-slow/);
    expect(result?.medianMs).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });
});
