/**
 * Runs the multi-core rows (see pool-rows.ts) in one process, in four phases:
 * every row on wasm's single-threaded build, directly and through a worker
 * pool (whose workers run that build too), then on the threaded build with one
 * thread per core, then on it with parallel reads, then single-threaded again. Switching builds drops every
 * tensor, so each phase rebuilds the models from the same seeded weights, and
 * the outputs of the pool and of the threaded build are checked against the
 * one-thread ones.
 */
import * as os from 'node:os';
import type * as tf from '@tensorflow/tfjs-core';
import { createPredictPool } from '@framewise/pool';
import { collector, stats, type Stats, type TimingPlan } from '@framewise/bench';
import { activateBackend } from './backend.js';
import { setupPoolRow, type PoolRowSpec } from './pool-rows.js';

/** How the multi-core rows are measured, for readers of the JSON and the table. */
export const POOL_METHOD =
  `Per row, three routes of the same model and weights: one = model.predict on wasm's ` +
  `single-threaded build; threads = model.predict on its threaded SIMD build with one thread per ` +
  `core; threadsRead = the same with parallelRead (results of 4 MiB or more copied out of wasm ` +
  `memory by every thread); pool = await createPredictPool(model, {workers: cores}).predict(x) ` +
  `(each worker on the single-threaded build). Every call reads its result back (dataSync). ` +
  `Medians of calls after two warm-up calls per phase, a minor GC before each call. One process ` +
  `runs four phases over all rows: the single-threaded build (one and pool, half the budget), the ` +
  `threaded build (threads, the whole budget), the threaded build with parallel reads ` +
  `(threadsRead, the whole budget), the single-threaded build again, so that a drift of the ` +
  `machine's load weighs on every route alike; each row's load field holds the 1-minute load ` +
  `average at each phase.`;

export interface PoolRowResult {
  id: string;
  label: string;
  cores: number;
  stats: { one?: Stats; threads?: Stats; threadsRead?: Stats; pool?: Stats };
  /** One-thread median over the route's median: above 1, the route is faster. */
  speedup?: { threads?: number; threadsRead?: number; pool?: number };
  /** Largest |Δ| of each route's output against the one-thread output. */
  maxAbsDiff?: { threads?: number; threadsRead?: number; pool?: number };
  /** 1-minute load average when each of the row's phases started. */
  load: number[];
  error?: string;
}

type Call = () => tf.Tensor | Promise<tf.Tensor>;

/** Timed calls of `call` (result read back and disposed) within `budgetMs`, after two warm-up calls. */
async function timeCall(call: Call, plan: TimingPlan, budgetMs: number): Promise<number[]> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const y = await call();
    y.dataSync();
    y.dispose();
    return performance.now() - t0;
  };
  const warm = [await once(), await once()];
  const estimate = Math.max(Math.min(...warm), 1e-3);
  const reps = Math.min(
    plan.maxReps,
    Math.max(Math.ceil(plan.minReps / 2), Math.round(budgetMs / estimate)),
  );
  const gc = collector();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc?.();
    samples.push(await once());
  }
  return samples;
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

type Route = 'one' | 'threads' | 'threadsRead' | 'pool';

/** What one row collects over the phases. */
interface Collected {
  samples: Record<Route, number[]>;
  reference?: Float32Array;
  diffs: { threads?: number; threadsRead?: number; pool?: number };
  load: number[];
  error?: string;
}

/** One phase of one row on the wasm build now running (`threads` 1: the single-threaded one). */
async function runPhase(
  row: PoolRowSpec,
  threads: number,
  parallelRead: boolean,
  cores: number,
  budgetMs: number,
  plan: TimingPlan,
  into: Collected,
): Promise<void> {
  const setup = setupPoolRow(row);
  try {
    into.load.push(round(os.loadavg()[0] ?? 0));
    const predict = (): tf.Tensor => setup.model.predict(setup.x) as tf.Tensor;
    if (!into.reference) {
      const y = predict();
      into.reference = Float32Array.from(y.dataSync());
      y.dispose();
    }
    const reference = into.reference;
    if (threads > 1) {
      const route = parallelRead ? 'threadsRead' : 'threads';
      into.diffs[route] = diff(reference, predict());
      into.samples[route].push(...(await timeCall(predict, plan, budgetMs)));
      return;
    }
    into.samples.one.push(...(await timeCall(predict, plan, budgetMs)));
    const pool = await createPredictPool(setup.model, { workers: cores });
    try {
      const call = async (): Promise<tf.Tensor> => (await pool.predict(setup.x)) as tf.Tensor;
      into.diffs.pool = diff(reference, await call());
      into.samples.pool.push(...(await timeCall(call, plan, budgetMs)));
    } finally {
      await pool.dispose();
    }
  } finally {
    setup.dispose();
  }
}

/**
 * Runs `rows`; `progress` gets a line per row and phase. The phases go single-threaded,
 * threaded, threaded with parallel reads (each twice the time), single-threaded again, so that
 * a change of the machine's load during the run weighs on every route alike.
 */
export async function runPoolRows(
  rows: readonly PoolRowSpec[],
  plan: TimingPlan,
  progress: (line: string) => void,
): Promise<PoolRowResult[]> {
  const cores = Math.max(1, Math.min(8, os.availableParallelism()));
  const collected = rows.map((): Collected => ({
    samples: { one: [], threads: [], threadsRead: [], pool: [] },
    diffs: {},
    load: [],
  }));
  const phases: [number, boolean][] = [
    [1, false],
    [cores, false],
    [cores, true],
    [1, false],
  ];
  for (const [phase, [threads, parallelRead]] of phases.entries()) {
    const info = await activateBackend('wasm', 'data', progress, threads, parallelRead);
    const budgetMs = threads > 1 ? plan.budgetMs : plan.budgetMs / 2;
    for (const [i, row] of rows.entries()) {
      const into = collected[i];
      if (!into || into.error !== undefined) continue;
      try {
        await runPhase(row, threads, parallelRead, cores, budgetMs, plan, into);
        progress(`[pool] phase ${phase + 1}/${phases.length} (${info.label}) ${row.label}: ok`);
      } catch (e) {
        into.error = message(e);
        progress(`[pool] ${row.label}: ERROR ${into.error}`);
      }
    }
  }
  return rows.map((row, i): PoolRowResult => {
    const c = collected[i];
    const base = { id: row.id, label: row.label, cores, load: c?.load ?? [] };
    if (!c || c.error !== undefined) return { ...base, stats: {}, error: c?.error ?? 'not run' };
    // A machine with one core has no threaded phases: those routes stay empty.
    const of = (samples: number[]): Stats | undefined =>
      samples.length > 0 ? stats(samples) : undefined;
    const one = stats(c.samples.one);
    const [threads, threadsRead, pool] = [
      of(c.samples.threads),
      of(c.samples.threadsRead),
      of(c.samples.pool),
    ];
    const over = (route: Stats | undefined): number | undefined =>
      route && round(one.medianMs / route.medianMs);
    return {
      ...base,
      stats: { one, threads, threadsRead, pool },
      speedup: { threads: over(threads), threadsRead: over(threadsRead), pool: over(pool) },
      maxAbsDiff: c.diffs,
    };
  });
}

function ms(s: Stats | undefined): string {
  if (!s) return '–';
  const m = s.medianMs;
  return `${m >= 100 ? m.toFixed(0) : m >= 10 ? m.toFixed(1) : m.toFixed(2)} ms`;
}

/** The Markdown table of the multi-core rows. */
export function poolTable(results: readonly PoolRowResult[]): string {
  const lines = [
    '| Row | cores | one thread median ms | threads median ms (×) | threads, parallel read median ms (×) | pool median ms (×) | max abs diff threads / parallel read / pool |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    if (r.error !== undefined) {
      lines.push(`| ${r.label} | ${r.cores} | ERROR ${r.error} | | | | |`);
      continue;
    }
    const x = (v?: number): string => (v === undefined ? '' : ` (${v.toFixed(2)})`);
    const d = (v?: number): string => (v === undefined ? '–' : v.toExponential(1));
    lines.push(
      `| ${r.label} | ${r.cores} | ${ms(r.stats.one)} | ${ms(r.stats.threads)}${x(r.speedup?.threads)} | ` +
        `${ms(r.stats.threadsRead)}${x(r.speedup?.threadsRead)} | ${ms(r.stats.pool)}${x(r.speedup?.pool)} | ` +
        `${d(r.maxAbsDiff?.threads)} / ${d(r.maxAbsDiff?.threadsRead)} / ${d(r.maxAbsDiff?.pool)} |`,
    );
  }
  return lines.join('\n');
}
