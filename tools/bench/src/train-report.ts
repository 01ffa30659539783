/** The Markdown table of the training-step rows. */
import type { TrainRowResult } from './run-train-row.js';

function ms(x: number): string {
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

function ratio(x: number): string {
  return x >= 10 ? x.toFixed(0) : x.toFixed(2);
}

function signedUs(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;
}

/**
 * Medians per step (forward + backward + sgd update): trainOnBatch on both
 * sides (a, c), bare `optimizer.minimize` steps (a′, floor b, c′), ratios.
 */
export function trainingTable(rows: readonly TrainRowResult[]): string {
  const head =
    '| backend | training row | a Framewise trainOnBatch ms | c tfjs-layers trainOnBatch ms | c/a ' +
    '| a′ Framewise minimize ms | b floor minimize ms | c′ tfjs-layers minimize ms | c′/a′ | a′/b | a′−b µs ' +
    '| b₂−b µs (A/A) | max abs diff after one step | reps a/c/a′/b/c′ |';
  const sep = '|' + ' --- |'.repeat(14);
  const lines = rows.map((r) => {
    if (!r.medianMs || !r.ratios || !r.overheadUs || !r.stats) {
      return `| ${r.backend} | ${r.label} | ERROR: ${r.error ?? 'no result'} |${' |'.repeat(11)}`;
    }
    const m = r.medianMs;
    const q = r.ratios;
    const reps = [
      'trainOnBatch',
      'tfjsLayersTrainOnBatch',
      'minimize',
      'floor',
      'tfjsLayersMinimize',
    ]
      .map((v) => r.stats?.[v]?.reps ?? 0)
      .join('/');
    const diff = Math.max(...Object.values(r.maxAbsDiff ?? {}));
    return (
      `| ${r.backend} | ${r.label} | ${ms(m.trainOnBatch)} | ${ms(m.tfjsLayersTrainOnBatch)} | ${ratio(q.tfjsLayersOverFramewise)} ` +
      `| ${ms(m.minimize)} | ${ms(m.floor)} | ${ms(m.tfjsLayersMinimize)} | ${ratio(q.minimizeTfjsLayersOverFramewise)} ` +
      `| ${ratio(q.minimizeOverFloor)} | ${signedUs(r.overheadUs.minimize)} | ${signedUs(r.overheadUs.noise)} ` +
      `| ${diff.toExponential(1)} | ${reps} |`
    );
  });
  return [head, sep, ...lines].join('\n');
}

/** The console line of one training row. */
export function trainRowLine(r: TrainRowResult, seconds: number): string {
  const status = r.error ? `ERROR ${r.error}` : 'ok';
  return `[${r.backend}] ${r.label}: ${status} (${seconds.toFixed(1)} s)`;
}
