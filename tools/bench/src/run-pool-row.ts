/**
 * Runs the multi-core rows (see pool-rows.ts) in one process: first every row
 * on wasm's single-threaded build, directly and through a worker pool (whose
 * workers run that build too), then every row again on the threaded build
 * with one thread per core. Switching builds drops every tensor, so each
 * phase rebuilds the models from the same seeded weights, and the outputs of
 * the pool and of the threaded build are checked against the one-thread ones.
 */
import * as os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { createPredictPool } from '@framewise/pool';
import { collector, stats, type Stats, type TimingPlan } from '@framewise/bench';
import { activateBackend } from './backend.js';
import { setupPoolRow, type PoolRowSpec } from './pool-rows.js';

/** How the multi-core rows are measured, for readers of the JSON and the table. */
export const POOL_METHOD =
  `Per row, three routes of the same model and weights: one = model.predict on wasm's ` +
  `single-threaded build; threads = model.predict on its threaded SIMD build with one thread per ` +
  `core; pool = await createPredictPool(model, {workers: cores}).predict(x) (each worker on the ` +
  `single-threaded build). Every call reads its result back (dataSync). Medians of calls after two ` +
  `warm-up calls, a minor GC before each; the one-thread and pool routes run first for every row, ` +
  `then the threaded build (one process, so machine load drifts between the phases: see loadAverage).`;

export interface PoolRowResult {
  id: string;
  label: string;
  cores: number;
  stats: { one?: Stats; threads?: Stats; pool?: Stats };
  /** One-thread median over the route's median: above 1, the route is faster. */
  speedup?: { threads?: number; pool?: number };
  /** Largest |Δ| of each route's output against the one-thread output. */
  maxAbsDiff?: { threads?: number; pool?: number };
  /** 1-minute load average when the row's phase ran. */
  load: number[];
  error?: string;
}

type Call = () => tf.Tensor | Promise<tf.Tensor>;

/** Median time of `call` (result read back and disposed), within the plan's budget. */
async function timeCall(call: Call, plan: TimingPlan): Promise<Stats> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const y = await call();
    y.dataSync();
    y.dispose();
    return performance.now() - t0;
  };
  const warm = [await once(), await once()];
  const estimate = Math.max(Math.min(...warm), 1e-3);
  const reps = Math.min(plan.maxReps, Math.max(plan.minReps, Math.round(plan.budgetMs / estimate)));
  const gc = collector();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc?.();
    samples.push(await once());
  }
  return stats(samples);
}

function diff(a: Float32Array, y: tf.Tensor): number {
  const b = y.dataSync();
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  y.dispose();
  return max;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

const round = (v: number): number => Math.round(v * 100) / 100;
const load = (): number[] => os.loadavg().map(round);

/** Runs `rows`; `progress` gets a line per row and phase. */
export async function runPoolRows(
  rows: readonly PoolRowSpec[],
  plan: TimingPlan,
  progress: (line: string) => void,
): Promise<PoolRowResult[]> {
  const cores = Math.max(1, Math.min(8, os.availableParallelism()));
  const results = rows.map((r): PoolRowResult => ({
    id: r.id,
    label: r.label,
    cores,
    stats: {},
    load: [],
  }));
  const reference = new Map<string, Float32Array>();
  await activateBackend('wasm', 'data', progress, 1);
  for (const [i, row] of rows.entries()) {
    const r = results[i];
    if (!r) continue;
    r.load = load();
    const setup = setupPoolRow(row);
    try {
      const y = setup.model.predict(setup.x) as tf.Tensor;
      reference.set(row.id, Float32Array.from(y.dataSync()));
      y.dispose();
      r.stats.one = await timeCall(() => setup.model.predict(setup.x) as tf.Tensor, plan);
      const pool = await createPredictPool(setup.model, { workers: cores });
      try {
        const call = async (): Promise<tf.Tensor> => (await pool.predict(setup.x)) as tf.Tensor;
        const ref = reference.get(row.id) ?? new Float32Array();
        r.maxAbsDiff = { pool: diff(ref, await call()) };
        r.stats.pool = await timeCall(call, plan);
      } finally {
        await pool.dispose();
      }
      progress(`[pool] ${row.label}: one ${ms(r.stats.one)}, pool×${cores} ${ms(r.stats.pool)}`);
    } catch (e) {
      r.error = message(e);
      progress(`[pool] ${row.label}: ERROR ${r.error}`);
    } finally {
      setup.dispose();
    }
  }
  await activateBackend('wasm', 'data', progress, cores);
  for (const [i, row] of rows.entries()) {
    const r = results[i];
    if (!r || r.error !== undefined) continue;
    const setup = setupPoolRow(row);
    try {
      const ref = reference.get(row.id) ?? new Float32Array();
      r.maxAbsDiff = {
        ...r.maxAbsDiff,
        threads: diff(ref, setup.model.predict(setup.x) as tf.Tensor),
      };
      r.stats.threads = await timeCall(() => setup.model.predict(setup.x) as tf.Tensor, plan);
      r.load.push(...load().slice(0, 1));
      progress(`[pool] ${row.label}: wasm×${cores} ${ms(r.stats.threads)}`);
    } catch (e) {
      r.error = message(e);
      progress(`[pool] ${row.label}: ERROR ${r.error}`);
    } finally {
      setup.dispose();
    }
    const one = r.stats.one?.medianMs;
    if (one !== undefined) {
      const over = (s?: Stats): number | undefined => (s ? round(one / s.medianMs) : undefined);
      r.speedup = { threads: over(r.stats.threads), pool: over(r.stats.pool) };
    }
  }
  return results;
}

function ms(s: Stats | undefined): string {
  if (!s) return '–';
  const m = s.medianMs;
  return `${m >= 100 ? m.toFixed(0) : m >= 10 ? m.toFixed(1) : m.toFixed(2)} ms`;
}

/** The Markdown table of the multi-core rows. */
export function poolTable(results: readonly PoolRowResult[]): string {
  const lines = [
    '| Row | cores | one thread median ms | threads median ms (×) | pool median ms (×) | max abs diff threads / pool |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    if (r.error !== undefined) {
      lines.push(`| ${r.label} | ${r.cores} | ERROR ${r.error} | | | |`);
      continue;
    }
    const x = (v?: number): string => (v === undefined ? '' : ` (${v.toFixed(2)})`);
    const d = (v?: number): string => (v === undefined ? '–' : v.toExponential(1));
    lines.push(
      `| ${r.label} | ${r.cores} | ${ms(r.stats.one)} | ${ms(r.stats.threads)}${x(r.speedup?.threads)} | ` +
        `${ms(r.stats.pool)}${x(r.speedup?.pool)} | ${d(r.maxAbsDiff?.threads)} / ${d(r.maxAbsDiff?.pool)} |`,
    );
  }
  return lines.join('\n');
}
