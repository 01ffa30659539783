import { checkBadInput } from './check-bad-input.js';
import { checkConfig } from './check-config.js';
import { checkLeaks } from './check-leaks.js';
import type { CheckOutcome } from './check-outcome.js';
import { checkParams } from './check-params.js';
import { checkShapes } from './check-shapes.js';
import { checkTimeDistributed } from './check-time-distributed.js';
import { errorText } from './kit-compare.js';
import type { AnyLayerKitSpec } from './kit-inputs.js';
import { planLayerChecks, type PlannedCheck } from './plan.js';
import type { LayerCheckName, LayerCheckResult, LayerKitReport, LayerKitSpec } from './spec.js';

const CHECKS: Record<LayerCheckName, (spec: AnyLayerKitSpec) => Promise<CheckOutcome>> = {
  shapes: checkShapes,
  params: checkParams,
  config: checkConfig,
  'time-distributed': checkTimeDistributed,
  leaks: checkLeaks,
  'bad-input': checkBadInput,
};

/**
 * Runs one check of the layer kit (or says why it is skipped). A check that throws fails
 * with the error; it never throws itself.
 *
 * ```ts
 * const r = await runLayerCheck({ plugin: densePlugin, options: { units: 4 }, inputShapes: [[2, 3]] }, 'leaks');
 * r.passed; // true
 * ```
 */
export async function runLayerCheck<O>(
  spec: LayerKitSpec<O>,
  name: LayerCheckName,
): Promise<LayerCheckResult> {
  const check = planLayerChecks(spec).find((c) => c.name === name);
  if (!check) throw new Error(`no layer check is named '${String(name)}'`);
  return runPlanned(spec as AnyLayerKitSpec, check);
}

async function runPlanned(spec: AnyLayerKitSpec, planned: PlannedCheck): Promise<LayerCheckResult> {
  const { name, title, skipped } = planned;
  if (skipped !== undefined) return { name, title, passed: true, skipped, ms: 0 };
  const start = performance.now();
  let found: CheckOutcome;
  try {
    found = await CHECKS[name](spec);
  } catch (e) {
    found = { problems: [errorText(e)], notes: [] };
  }
  const problems = [...new Set(found.problems)];
  const passed = problems.length === 0;
  const details = passed ? found.notes.join('; ') : problems.join('\n');
  return { name, title, passed, details, ms: performance.now() - start };
}

/**
 * Checks a layer plugin: output shapes, parameter counts, the JSON round trip, agreement
 * of TimeDistributed's strategies, tensor leaks and typed errors on bad input. Works under
 * any test runner (or none); each check says what it verified, or what failed with the
 * numbers, or why it was skipped.
 *
 * ```ts
 * import { densePlugin } from '@framewise/layers';
 * import { checkLayerPlugin, formatLayerKitReport } from '@framewise/testing';
 *
 * const report = await checkLayerPlugin({
 *   plugin: densePlugin,
 *   options: { units: 4 },
 *   inputShapes: [[2, 3], [2, null, 3]],
 *   wrongRanks: [1],
 * });
 * if (!report.passed) throw new Error(formatLayerKitReport(report));
 * ```
 */
export async function checkLayerPlugin<O>(
  spec: LayerKitSpec<O>,
  options: { only?: LayerCheckName[] } = {},
): Promise<LayerKitReport> {
  const start = performance.now();
  const checks: LayerCheckResult[] = [];
  for (const planned of planLayerChecks(spec)) {
    if (options.only && !options.only.includes(planned.name)) continue;
    checks.push(await runPlanned(spec as AnyLayerKitSpec, planned));
  }
  return {
    className: spec.plugin.className,
    passed: checks.every((c) => c.passed),
    checks,
    ms: performance.now() - start,
  };
}

/**
 * One check as text: `PASS`, `FAIL` or `SKIP`, its name, then its details or reason.
 *
 * ```ts
 * console.log(formatLayerCheck('Dense', report.checks[0]));
 * ```
 */
export function formatLayerCheck(className: string, result: LayerCheckResult): string {
  const status = result.skipped !== undefined ? 'SKIP' : result.passed ? 'PASS' : 'FAIL';
  const body = result.skipped ?? result.details ?? '';
  return `${status} ${className} ${result.name}: ${body.split('\n').join('\n  ')}`;
}

/**
 * A whole report as text, one check per line (failures spread over several).
 *
 * ```ts
 * console.log(formatLayerKitReport(await checkLayerPlugin(spec)));
 * ```
 */
export function formatLayerKitReport(report: LayerKitReport): string {
  return report.checks.map((c) => formatLayerCheck(report.className, c)).join('\n');
}
