/** The streaming table: per-frame cost of `push` against `predict` on the window. */
import type { StreamRowResult } from '@framewise/bench';

const ms = (x: number): string => (x < 1 ? x.toFixed(3) : x.toFixed(2));

/** How streaming rows are timed, for the JSON. */
export const STREAM_METHOD =
  'Each streaming row builds its model, pushes a 16-frame clip through streamModel() and checks the ' +
  'last output against predict() on the clip, then times one more push of one frame (a) against ' +
  'predict() on the 16 frames (b), interleaved; ratio = median(b) / median(a).';

/** One progress line. */
export function streamRowLine(r: StreamRowResult): string {
  return (
    `[${r.backend}] ${r.label}: push ${ms(r.push.medianMs)} ms, predict ${ms(r.predict.medianMs)} ms, ` +
    `${r.ratio.toFixed(1)}× (${r.mode}; max diff ${r.maxAbsDiff.toExponential(1)})`
  );
}

/** Markdown table of the streaming rows. */
export function streamTable(results: readonly StreamRowResult[]): string {
  const lines = [
    '| Backend | Row | Mode | push, 1 frame (ms) | predict, 16 frames (ms) | predict / push | target | max diff |',
    '|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const verdict = r.ratio >= r.target ? 'met' : 'missed';
    lines.push(
      `| ${r.backend} | ${r.label} | ${r.mode} | ${ms(r.push.medianMs)} | ${ms(r.predict.medianMs)} | ` +
        `${r.ratio.toFixed(1)}× | ≥${r.target}× (${verdict}) | ${r.maxAbsDiff.toExponential(1)} |`,
    );
  }
  return lines.join('\n');
}
