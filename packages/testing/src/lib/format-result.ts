import { targetLabel, type BackendTarget } from './backend-target.js';
import type { CaseResult } from './run-conformance.js';

/** One line about a result, for test failures and logs. */
export function formatCaseResult(r: CaseResult, backend?: BackendTarget): string {
  const on = backend === undefined ? '' : ` on ${targetLabel(backend)}`;
  const verdict = r.passed ? 'passed' : 'FAILED';
  const diff = `max |actual - expected| = ${r.maxAbsDiff} (tolerance ${r.tolerance})`;
  const worst = r.worst
    ? `; worst at output ${r.worst.output}, index ${r.worst.index}: expected ${r.worst.expected}, got ${r.worst.actual}`
    : '';
  const error = r.error ? `: ${r.error}` : '';
  return `${r.name}${on} ${verdict}${error}; ${diff}${worst}; ${r.ms.toFixed(1)} ms`;
}
