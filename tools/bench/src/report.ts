/** Markdown tables for stdout and the JSON file. */
import type { BackendInfo, PeakMemory, RowResult, StreamRowResult } from '@framewise/bench';
import type { SkippedBackend } from './backend.js';
import type { MachineInfo } from './machine.js';
import type { BridgeRowResult } from './bridge-rows.js';
import type { ModelRowResult } from './run-model-row.js';
import type { TrainRowResult } from './run-train-row.js';
import type { PoolRowResult } from './run-pool-row.js';

export interface BenchReport {
  machine: MachineInfo;
  /** Load averages when the run ended (see `machine.loadAverage` for the start). */
  loadAverageEnd: number[];
  backends: BackendInfo[];
  /** Backends `--backend all` passed over (unavailable, or a software GPU adapter). */
  skippedBackends: SkippedBackend[];
  quick: boolean;
  /** Whether V8 let the timing run a minor GC before slow calls. */
  gcBeforeSlowCalls: boolean;
  /** How each cell was timed, for readers of the JSON. */
  method: string;
  rows: RowResult[];
  /** How a training step is taken (see run-train-row.ts). */
  trainingMethod?: string;
  /** The training-step rows (forward + backward + sgd update). */
  trainingRows?: TrainRowResult[];
  /** How a streaming row is timed (see stream-report.ts). */
  streamingMethod?: string;
  /** Per-frame cost of streamModel().push against predict on the window. */
  streamingRows?: StreamRowResult[];
  /** tfjs-layers models before and after accelerateTimeDistributed (see bridge-rows.ts). */
  bridgeRows?: BridgeRowResult[];
  /** How the whole-model rows are measured (see run-model-row.ts). */
  modelMethod?: string;
  /** Recurrent layers and whole models, Framewise against tfjs-layers. */
  modelRows?: ModelRowResult[];
  /** How the multi-core rows are measured (see run-pool-row.ts). */
  poolMethod?: string;
  /** One thread against the threaded build and the worker pool, on every core. */
  poolRows?: PoolRowResult[];
  totalSeconds: number;
}

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

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(2);
}

function targetCell(r: RowResult): string {
  const official = (r.targets ?? []).filter((t) => t.subject !== 'predict');
  return official.map((t) => `${t.verdict} (${t.rule})`).join('<br>');
}

function predictCell(r: RowResult): string {
  const t = (r.targets ?? []).find((c) => c.subject === 'predict');
  return t ? t.verdict : '';
}

/** The main table: medians, ratios, overhead and targets per backend and row. */
export function timingTable(rows: readonly RowResult[]): string {
  const head =
    '| backend | row | b floor ms | a apply ms | a′ predict ms | c tfjs-layers ms | a/b | a′/b | c/a | a−b µs | a′−b µs ' +
    '| b₂−b µs (A/A) | target (a, c) | a′ vs same bar | reps a/a′/b/c |';
  const sep = '|' + ' --- |'.repeat(15);
  const lines = rows.map((r) => {
    if (r.skipped !== undefined) {
      return `| ${r.backend} | ${r.label} | ${r.skipped} |${' |'.repeat(12)}`;
    }
    if (!r.medianMs || !r.ratios || !r.overheadUs || !r.stats) {
      return `| ${r.backend} | ${r.label} | ERROR: ${r.error ?? 'no result'} |${' |'.repeat(12)}`;
    }
    const m = r.medianMs;
    const reps = (['apply', 'predict', 'floor', 'tfjsLayers'] as const)
      .map((v) => r.stats?.[v]?.reps ?? 0)
      .join('/');
    return (
      `| ${r.backend} | ${r.label} | ${ms(m.floor)} | ${ms(m.apply)} | ${ms(m.predict)} | ${m.tfjsLayers !== undefined ? ms(m.tfjsLayers) : 'not timed¹'} ` +
      `| ${ratio(r.ratios.applyOverFloor)} | ${ratio(r.ratios.predictOverFloor)} | ${r.ratios.tfjsLayersOverApply !== undefined ? ratio(r.ratios.tfjsLayersOverApply) : '—'} ` +
      `| ${signedUs(r.overheadUs.apply)} | ${signedUs(r.overheadUs.predict)} | ${signedUs(r.overheadUs.noise)} ` +
      `| ${targetCell(r)} | ${predictCell(r)} | ${reps} |`
    );
  });
  const notes = rows
    .filter((r) => r.tfjsLayersSkipped !== undefined && r.skipped === undefined)
    .map((r) => `¹ ${r.backend}, ${r.label}: ${r.tfjsLayersSkipped}.`);
  return [head, sep, ...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

/** Peak memory of the chunkSize path, for rows that measured it. */
export function memoryTable(rows: readonly RowResult[]): string {
  const withMemory = rows.filter((r) => r.memory);
  if (withMemory.length === 0) return '';
  const head =
    '| backend | row | chunkSize | baseline MiB | output MiB | tf.profile peakBytes MiB: floor / no chunk / chunked ' +
    '| new-buffer peak MiB: floor / no chunk / chunked | ms no chunk | ms chunked | chunked max abs diff |';
  const sep = '|' + ' --- |'.repeat(10);
  const lines = withMemory.map((r) => {
    const m = r.memory;
    if (!m) return '';
    const t = r.medianMs;
    const triple = (pick: (p: PeakMemory) => number): string =>
      [m.floor, m.unchunked, m.chunked].map((p) => mib(pick(p))).join(' / ');
    return (
      `| ${r.backend} | ${r.label} | ${m.chunkSize} | ${mib(m.unchunked.baselineBytes)} | ${mib(m.unchunked.outputBytes)} ` +
      `| ${triple((p) => p.peakBytes)} | ${triple((p) => p.peakNewBufferBytes)} ` +
      `| ${t ? ms(t.apply) : ''} | ${t?.chunked !== undefined ? ms(t.chunked) : ''} | ${m.maxAbsDiff.toExponential(1)} |`
    );
  });
  return [head, sep, ...lines].join('\n');
}

/** Every target check, one line each, for the console. */
export function targetLines(rows: readonly RowResult[]): string[] {
  return rows.flatMap((r) =>
    (r.targets ?? []).map((t) => {
      const unit = t.rule.includes('µs') ? ' µs' : '';
      const note = t.subject === 'predict' ? ' (informative: predict held to the same bar)' : '';
      return `${t.verdict}  ${r.backend.padEnd(4)} ${r.label}: ${t.rule}: ${t.value.toFixed(t.rule.includes('µs') ? 1 : 3)}${unit}${note}`;
    }),
  );
}

/** How cells are timed, for readers of the JSON. */
export const METHOD =
  'Each call is timed alone with performance.now(): the call, waiting for its result (wasm and cpu: dataSync(); ' +
  'WebGPU: await data(), or with --gpu-sync queue the pending commands submitted and queue.onSubmittedWorkDone() ' +
  'awaited) and its dispose(). Every variant is warmed up; then all calls of a row run in one shuffled order; ' +
  'each variant gets about budgetMs of calls (at least minReps, at most maxReps and its own cap). A minor GC ' +
  '(scavenge) runs before each call of a variant slower than gcAboveMs, outside the timed region. Medians in ms. ' +
  'Outputs are compared to the floor (max |Δ| ≤ 1e-4) before timing.';

/** The console line of one row. */
export function rowLine(r: RowResult, seconds: number): string {
  const status = r.skipped ?? (r.error ? `ERROR ${r.error}` : 'ok');
  return `[${r.backend}] ${r.label}: ${status} (${seconds.toFixed(1)} s)`;
}

/** One line per backend: what ran, on which adapter or engine. */
export function backendLine(b: BackendInfo): string {
  const parts = [`${b.label}: tfjs engine '${b.engine}'`];
  if (b.adapter) parts.push(`Framewise adapter '${b.adapter}' (${b.reason})`);
  if (b.wasmThreads !== undefined) {
    parts.push(`${b.wasmThreads} thread(s), SIMD ${b.wasmSimd ? 'on' : 'off'}`);
  }
  if (b.skipped?.length) {
    parts.push(`auto skipped ${b.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}`);
  }
  parts.push(`timed calls wait with ${b.completion}`);
  return parts.join('; ');
}
