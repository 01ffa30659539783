import * as tf from '@tensorflow/tfjs-core';
// The reference engine: tfjs' pure-JS cpu backend, registered on import.
import '@tensorflow/tfjs-backend-cpu';
import { activateBackend, type ActiveBackend, type BackendTarget } from './backend-target.js';
import type { ConformanceCase } from './case.js';
import { conformanceCases } from './cases/index.js';
import { compareOutputs, type WorstValue } from './compare.js';
import { runCase } from './run-case.js';
import { toleranceFor } from './tolerance.js';

/** Options of `runConformance`. */
export interface RunConformanceOptions {
  /** The backend under test; see `BackendTarget` for adapter and engine names. */
  backend: BackendTarget;
  /** The cases to run; default every case of `conformanceCases`. */
  cases?: readonly ConformanceCase[];
  /** Where expected values come from; default `'tfjs:cpu'`, tfjs' pure-JS backend. */
  reference?: BackendTarget;
}

/** How one case went on the backend under test. */
export interface CaseResult {
  /** The case's name. */
  name: string;
  /** Largest `|actual − expected|` over every output value; NaN when the case did not run. */
  maxAbsDiff: number;
  /** The tolerance it was held to on this engine (0 when it is the reference's own engine). */
  tolerance: number;
  /** Ran, matched within the tolerance, and leaked no tensor on either engine. */
  passed: boolean;
  /** Milliseconds on the backend under test, from build to the last value read. */
  ms: number;
  /** Milliseconds on the reference. */
  referenceMs: number;
  /** Where the results differ most; undefined when they agree exactly or the case failed to run. */
  worst?: WorstValue;
  /** Tensors left behind by the case (reference and backend together); 0 when none. */
  leakedTensors: number;
  /** Why it failed other than by its numbers: an exception, a shape or weight mismatch, a leak. */
  error?: string;
}

/** What `runConformance` found. */
export interface ConformanceReport {
  /** The backend under test, as activated. */
  backend: ActiveBackend;
  /** The reference, as activated. */
  reference: ActiveBackend;
  /** One result per case, in the order run. */
  results: CaseResult[];
  /** True when every case passed. */
  passed: boolean;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function runOne(
  c: ConformanceCase,
  backend: ActiveBackend,
  reference: ActiveBackend,
): Promise<CaseResult> {
  const tolerance =
    backend.engine === reference.engine ? 0 : toleranceFor(c.tolerance, backend.engine);
  const failed = (error: string, partial: Partial<CaseResult> = {}): CaseResult => ({
    name: c.name,
    maxAbsDiff: NaN,
    tolerance,
    passed: false,
    ms: 0,
    referenceMs: 0,
    leakedTensors: 0,
    ...partial,
    error,
  });
  await tf.setBackend(reference.engine);
  let expected;
  try {
    expected = await runCase(c);
  } catch (e) {
    return failed(`the reference (${reference.label}) failed: ${message(e)}`);
  }
  await tf.setBackend(backend.engine);
  const timing = { referenceMs: expected.ms, leakedTensors: expected.leakedTensors };
  let actual;
  try {
    actual = await runCase(c, expected.weights);
  } catch (e) {
    return failed(message(e), timing);
  }
  const leakedTensors = expected.leakedTensors + actual.leakedTensors;
  const measured = { ...timing, ms: actual.ms, leakedTensors };
  let comparison;
  try {
    comparison = compareOutputs(expected.outputs, actual.outputs);
  } catch (e) {
    return failed(message(e), measured);
  }
  const { maxAbsDiff, worst } = comparison;
  const result: CaseResult = {
    name: c.name,
    maxAbsDiff,
    tolerance,
    passed: maxAbsDiff <= tolerance && leakedTensors === 0,
    ...measured,
    ...(worst ? { worst } : {}),
  };
  if (leakedTensors !== 0) result.error = `${leakedTensors} tensor(s) leaked`;
  return result;
}

/**
 * Runs each case on the reference (tfjs' pure-JS `cpu` engine by default) and on the backend
 * under test, with the same seeded inputs and the reference's weights copied over, and
 * compares every output value. A backend on the reference's own engine must match it exactly.
 * Leaves the backend that was active before the call active again.
 *
 * ```ts
 * import '@framewise/backend-webgpu';
 * const report = await runConformance({ backend: 'webgpu' });
 * for (const r of report.results) console.log(r.name, r.maxAbsDiff, r.passed);
 * ```
 */
export async function runConformance(options: RunConformanceOptions): Promise<ConformanceReport> {
  const cases = options.cases ?? conformanceCases;
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`two conformance cases are named '${c.name}'`);
    names.add(c.name);
  }
  // Undefined while no backend was ever initialised: then there is nothing to restore.
  const previous = tf.getBackend() as string | undefined;
  try {
    const reference = await activateBackend(options.reference ?? 'tfjs:cpu');
    const backend = await activateBackend(options.backend);
    const results: CaseResult[] = [];
    for (const c of cases) results.push(await runOne(c, backend, reference));
    return { backend, reference, results, passed: results.every((r) => r.passed) };
  } finally {
    if (previous) await tf.setBackend(previous);
  }
}
