import * as tf from '@tensorflow/tfjs-core';
import { at } from '@framewise/core';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { targetLabel, type BackendTarget } from '../lib/backend-target.js';
import { conformanceCases } from '../lib/cases/index.js';
import { formatCaseResult } from '../lib/format-result.js';
import { runConformance, type RunConformanceOptions } from '../lib/run-conformance.js';

/** Options of `describeConformance`. */
export interface DescribeConformanceOptions extends Omit<RunConformanceOptions, 'backend'> {
  /** Title of the block; default `conformance on <backend>`. */
  title?: string;
  /** Timeout of each case's test in milliseconds; default 60 000 (shaders compile on first use). */
  timeout?: number;
  /**
   * Registers the block instead of Jest's `describe`: pass `requireWebgpu().describe` from
   * '@framewise/backend-webgpu/testing' to skip, or fail under `CI=true`, where WebGPU is missing.
   */
  describe?: (title: string, fn: () => void) => void;
}

/**
 * Registers a Jest `describe` block with one test per conformance case, each comparing the
 * backend with the reference and failing with the numbers (largest difference, tolerance,
 * worst value) when it strays. The backend active before the block is active again after it.
 *
 * ```ts
 * import '@framewise/backend-webgpu';
 * import { describeConformance } from '@framewise/testing/jest';
 * describeConformance('webgpu');
 * ```
 */
export function describeConformance(
  backend: BackendTarget,
  options: DescribeConformanceOptions = {},
): void {
  const { title, timeout = 60_000, describe: block = describe, ...run } = options;
  const cases = run.cases ?? conformanceCases;
  block(title ?? `conformance on ${targetLabel(backend)}`, () => {
    let previous: string | undefined;
    beforeAll(() => {
      previous = tf.getBackend() as string | undefined;
    });
    afterAll(async () => {
      if (previous) await tf.setBackend(previous);
    });
    for (const c of cases) {
      it(
        c.name,
        async () => {
          const report = await runConformance({ ...run, backend, cases: [c] });
          const result = at(report.results, 0, 'case result');
          if (!result.passed) throw new Error(formatCaseResult(result, backend));
        },
        timeout,
      );
    }
  });
}
