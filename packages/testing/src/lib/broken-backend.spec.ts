import * as tf from '@tensorflow/tfjs-core';
import { registerBrokenCpuBackend } from '../testing/broken-backend.test-helpers.js';
import { conformanceCases } from './cases/index.js';
import { formatCaseResult } from './format-result.js';
import { runConformance, type ConformanceReport } from './run-conformance.js';

// Cases without a Dense layer, which never reach _FusedMatMul, and dense/softmax, whose
// softmax cancels a shift of every logit by the same amount.
const UNTOUCHED = [
  'conv2d/valid',
  'conv2d/same-relu',
  'conv2d/strides-2-same-relu6',
  'conv2d/strides-2x1-valid-sigmoid',
  'conv2d/dilation-2-same-elu',
  'conv2d/dilation-2x1-valid-tanh-no-bias',
  'conv2d/pointwise',
  'time-distributed/auto-conv2d',
  'time-distributed/loop-conv2d',
  'time-distributed/chunk-size-1-conv2d',
  'time-distributed/nested-conv2d',
  'tutorial/conv2d-896',
  'dense/softmax',
];
// Cases whose outputs are a linear Dense's: every value is exactly 1 too high.
const LINEAR_DENSE = [
  'dense/linear',
  'time-distributed/chunk-size-2',
  'time-distributed/time-1',
  'time-distributed/nested-dense',
  'time-distributed/nested-inner-loop',
  'tutorial/dense-90',
  'tutorial/dense-90-direct',
];

describe('runConformance on a real backend with one wrong kernel', () => {
  let unregister: () => void;
  let report: ConformanceReport;

  beforeAll(async () => {
    // tfjs' cpu backend and kernels, except that every fused matMul (Dense) adds 1.
    unregister = registerBrokenCpuBackend('cpu-broken', '_FusedMatMul', (values) => {
      for (let i = 0; i < values.length; i++) values[i]! += 1;
    });
    report = await runConformance({ backend: 'cpu-broken' });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
    unregister();
  });

  it('runs the bare engine, and leaves cpu active', () => {
    expect(report.backend).toMatchObject({
      label: 'cpu-broken',
      engine: 'cpu-broken',
      via: 'engine',
    });
    expect(report.reference).toMatchObject({ engine: 'cpu', via: 'engine' });
    expect(tf.getBackend()).toBe('cpu');
    expect(report.passed).toBe(false);
  });

  it('fails every case that goes through a Dense layer, and only those', () => {
    const passed = report.results.filter((r) => r.passed).map((r) => r.name);
    expect(passed.sort()).toEqual(UNTOUCHED.slice().sort());
    expect(report.results).toHaveLength(conformanceCases.length);
    for (const r of report.results.filter((r) => !r.passed)) {
      expect(r.maxAbsDiff).toBeGreaterThan(1e-3);
      expect(r.tolerance).toBe(1e-5);
      expect(r.leakedTensors).toBe(0);
      expect(r.error).toBeUndefined();
    }
  });

  it('measures the error the kernel makes: 1 on linear Dense outputs', () => {
    for (const name of LINEAR_DENSE) {
      const r = report.results.find((x) => x.name === name)!;
      expect(r.maxAbsDiff).toBeCloseTo(1, 5);
      expect(r.worst!.actual - r.worst!.expected).toBeCloseTo(1, 5);
    }
    const linear = report.results.find((r) => r.name === 'dense/linear')!;
    expect(formatCaseResult(linear, 'cpu-broken')).toMatch(
      /^dense\/linear on cpu-broken FAILED; max \|actual - expected\| = 1\.0*\d* \(tolerance 0\.00001\); worst at output 0, index \d+: expected -?\d.*, got -?\d/,
    );
  });

  it('finds nothing wrong in the same engine without the breakage', async () => {
    const again = await runConformance({
      backend: 'tfjs:cpu',
      cases: conformanceCases.slice(0, 2),
    });
    expect(again.results.map((r) => [r.maxAbsDiff, r.tolerance, r.passed])).toEqual([
      [0, 0, true],
      [0, 0, true],
    ]);
  });
});

describe('runConformance on a kernel just outside the tolerance', () => {
  afterAll(() => tf.setBackend('cpu'));

  it('fails Conv2D by the 3e-5 its kernel adds, and passes Dense', async () => {
    const unregister = registerBrokenCpuBackend('cpu-off', 'FusedConv2D', (values) => {
      for (let i = 0; i < values.length; i++) values[i]! += 3e-5;
    });
    try {
      const pick = ['conv2d/valid', 'tutorial/conv2d-896', 'dense/linear'];
      const report = await runConformance({
        backend: 'tfjs:cpu-off',
        cases: conformanceCases.filter((c) => pick.includes(c.name)),
      });
      const [dense, valid, seed] = report.results;
      expect([dense, valid, seed].map((r) => r!.name)).toEqual([
        'dense/linear',
        'conv2d/valid',
        'tutorial/conv2d-896',
      ]);
      for (const conv of [valid!, seed!]) {
        expect(conv.passed).toBe(false);
        expect(conv.maxAbsDiff).toBeGreaterThan(2.9e-5);
        expect(conv.maxAbsDiff).toBeLessThan(3.1e-5);
      }
      expect(dense).toMatchObject({ maxAbsDiff: 0, passed: true });
    } finally {
      await tf.setBackend('cpu');
      unregister();
    }
  });
});
