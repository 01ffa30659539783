/** The suite's speed targets, evaluated per row: PASS or MISS (a miss does not fail the run). */
/** A floor at least this slow is judged by ratio, a faster one by absolute overhead. */
export const FLOOR_SPLIT_MS = 1;
export const MAX_RATIO = 1.05;
export const MAX_OVERHEAD_US = 25;
export const MIN_SPEEDUP = 10;
/** The row and engine on which tfjs-layers must be at least MIN_SPEEDUP× slower. */
export const SPEEDUP_ROW = 'dense-8x1000-64to64';
export const SPEEDUP_ENGINE = 'wasm';

export type Verdict = 'PASS' | 'MISS';

export interface TargetCheck {
  /** `apply` and `tfjsLayers` are the suite's targets; `predict` is held to the same bar for information. */
  subject: 'apply' | 'predict' | 'tfjsLayers';
  rule: string;
  value: number;
  limit: number;
  verdict: Verdict;
}

export interface Medians {
  apply: number;
  predict: number;
  floor: number;
  /** Absent when tfjs-layers was not timed in the row. */
  tfjsLayers?: number;
}

function overheadCheck(subject: 'apply' | 'predict', ms: number, floorMs: number): TargetCheck {
  if (floorMs >= FLOOR_SPLIT_MS) {
    const ratio = ms / floorMs;
    const rule = `${subject === 'apply' ? 'a' : 'a′'}/b ≤ ${MAX_RATIO}`;
    return {
      subject,
      rule,
      value: ratio,
      limit: MAX_RATIO,
      verdict: ratio <= MAX_RATIO ? 'PASS' : 'MISS',
    };
  }
  const us = (ms - floorMs) * 1000;
  const rule = `${subject === 'apply' ? 'a' : 'a′'}−b < ${MAX_OVERHEAD_US} µs`;
  return {
    subject,
    rule,
    value: us,
    limit: MAX_OVERHEAD_US,
    verdict: us < MAX_OVERHEAD_US ? 'PASS' : 'MISS',
  };
}

/**
 * Every target that applies to a row on an engine (`tf.getBackend()`): the
 * overhead targets on every backend, the speed-up over tfjs-layers on wasm.
 */
export function evaluateTargets(rowId: string, engine: string, m: Medians): TargetCheck[] {
  const checks = [
    overheadCheck('apply', m.apply, m.floor),
    overheadCheck('predict', m.predict, m.floor),
  ];
  if (rowId === SPEEDUP_ROW && engine === SPEEDUP_ENGINE && m.tfjsLayers !== undefined) {
    const speedup = m.tfjsLayers / m.apply;
    checks.push({
      subject: 'tfjsLayers',
      rule: `c/a ≥ ${MIN_SPEEDUP}`,
      value: speedup,
      limit: MIN_SPEEDUP,
      verdict: speedup >= MIN_SPEEDUP ? 'PASS' : 'MISS',
    });
  }
  return checks;
}
