import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { dense } from '@framewise/layers';
import type { ConformanceCase } from './case.js';
import { denseCases } from './cases/index.js';
import { singleLayerModel } from './cases/single-layer-model.js';
import { runCase } from './run-case.js';
import { runConformance } from './run-conformance.js';
import { SUMS } from './tolerance.js';

const linear = denseCases.find((c) => c.name === 'dense/linear')!;

function denseCase(overrides: Partial<ConformanceCase>): ConformanceCase {
  return {
    name: 'test/dense',
    description: 'Dense(2) on [3, 4]',
    inputShapes: [[3, 4]],
    seed: 1,
    tolerance: SUMS,
    build: () => singleLayerModel(dense({ units: 2, useBias: false }), [4]),
    ...overrides,
  };
}

describe('runConformance', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it('compares wasm with the cpu reference and leaves the backend it found active', async () => {
    await tf.setBackend('wasm');
    const report = await runConformance({ backend: 'tfjs:wasm', cases: [linear] });
    expect(tf.getBackend()).toBe('wasm');
    expect(report.backend.engine).toBe('wasm');
    expect(report.reference.engine).toBe('cpu');
    const [r] = report.results;
    expect(r).toMatchObject({
      name: 'dense/linear',
      tolerance: 1e-5,
      passed: true,
      leakedTensors: 0,
    });
    expect(r!.maxAbsDiff).toBeLessThan(1e-6);
    expect(r!.ms).toBeGreaterThan(0);
    expect(report.passed).toBe(true);
  });

  it('holds a backend on the reference engine to exact equality', async () => {
    const report = await runConformance({ backend: 'tfjs:cpu', cases: denseCases });
    expect(report.results.every((r) => r.maxAbsDiff === 0 && r.tolerance === 0)).toBe(true);
  });

  it('takes a per-engine tolerance from the case', async () => {
    const strict = denseCase({ tolerance: { default: 1, engines: { wasm: 0 }, reason: 'test' } });
    const [r] = (await runConformance({ backend: 'tfjs:wasm', cases: [strict] })).results;
    expect(r!.tolerance).toBe(0);
  });

  it('fails a case that leaks a tensor, on either engine', async () => {
    const stray: tf.Tensor[] = [];
    const leaky = denseCase({
      build: () => {
        stray.push(tf.ones([2]));
        return singleLayerModel(dense({ units: 2 }), [4]);
      },
    });
    const [r] = (await runConformance({ backend: 'tfjs:wasm', cases: [leaky] })).results;
    tf.dispose(stray);
    expect(r).toMatchObject({ passed: false, leakedTensors: 2, error: '2 tensor(s) leaked' });
    expect(r!.maxAbsDiff).toBeLessThan(1e-6);
  });

  it('reports a case that throws on the backend, frees what it made, and goes on', async () => {
    const before = tf.memory().numTensors;
    const throwing = denseCase({
      name: 'test/throws',
      run: (subject, inputs) => {
        if (tf.getBackend() === 'wasm') throw new Error('no kernel for this');
        return subject.apply(inputs[0]!);
      },
    });
    const report = await runConformance({ backend: 'tfjs:wasm', cases: [throwing, linear] });
    expect(report.results[0]).toMatchObject({
      name: 'test/throws',
      passed: false,
      error: 'no kernel for this',
    });
    expect(report.results[0]!.maxAbsDiff).toBeNaN();
    expect(report.results[1]!.passed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says when the reference itself fails, or the parameter count is not the one pinned', async () => {
    const bad = denseCase({ name: 'test/params', params: 9 });
    const [r] = (await runConformance({ backend: 'tfjs:wasm', cases: [bad] })).results;
    expect(r!.error).toBe(
      'the reference (tfjs:cpu) failed: expected 9 parameters, the model has 8',
    );
  });

  it('refuses two cases of one name', async () => {
    await expect(runConformance({ backend: 'tfjs:cpu', cases: [linear, linear] })).rejects.toThrow(
      "two conformance cases are named 'dense/linear'",
    );
  });
});

describe('runCase', () => {
  it('is deterministic for a seed, and runs with the weights it is given', async () => {
    const c = denseCase({});
    const first = await runCase(c);
    const second = await runCase(c);
    expect(second.outputs).toEqual(first.outputs);
    expect(first.weights[0]).toHaveLength(8);
    const zero = await runCase(c, [new Float32Array(8)]);
    expect(Array.from(zero.outputs[0]!.values)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(zero.leakedTensors).toBe(0);
  });
});
