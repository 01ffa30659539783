/**
 * Median timing of several variants. Their calls run in one shuffled order so
 * that drift of the machine (frequency, other load) spreads over all of them
 * alike, and a minor garbage collection runs before each call of a slow
 * variant, outside the timed region (see `gcAboveMs`).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { at, seededRandom } from '@framewise/core';
import { collector } from './gc.js';

/** One thing to time: a call that returns a fresh tensor. */
export interface Timed {
  name: string;
  run: () => tf.Tensor;
  /** At most this many timed calls, whatever the budget (slow per-step loops). */
  maxReps?: number;
  /** Warm-up calls for this variant instead of the plan's `warmupCalls`. */
  warmupCalls?: number;
}

export interface TimingPlan {
  /** Target measuring time per variant, in ms. */
  budgetMs: number;
  minReps: number;
  maxReps: number;
  /** Warm-up: at least `warmupCalls` calls and at least `warmupMs` per variant. */
  warmupCalls: number;
  warmupMs: number;
  /**
   * Run a minor GC before each timed call of a variant whose warm-up call took
   * at least this long. Without it, V8's collections (driven by the large
   * readback arrays) land on whichever variant runs at that moment, which made
   * medians of identical work differ by up to 40% on wasm.
   */
  gcAboveMs: number;
  /** Seed of the call order. */
  seed: number;
  /**
   * For coarse clocks: a variant whose call takes less than this (in ms) is
   * timed over batches of consecutive calls lasting about this long, each
   * sample being the batch's time per call. Browsers coarsen
   * `performance.now()` (Chromium: 100 µs unless the page is cross-origin
   * isolated), which would round a 12 µs call to 0. Unset (Node), every
   * sample is one call.
   */
  minSampleMs?: number;
}

export interface Stats {
  medianMs: number;
  minMs: number;
  p10Ms: number;
  p90Ms: number;
  reps: number;
}

/** Default plans: `quick` is a smoke run. */
export function timingPlan(quick: boolean, budgetMs?: number): TimingPlan {
  const plan: TimingPlan = quick
    ? {
        budgetMs: 150,
        minReps: 3,
        maxReps: 500,
        warmupCalls: 1,
        warmupMs: 20,
        gcAboveMs: 0.5,
        seed: 1,
      }
    : {
        budgetMs: 1500,
        minReps: 5,
        maxReps: 5000,
        warmupCalls: 2,
        warmupMs: 100,
        gcAboveMs: 0.5,
        seed: 1,
      };
  return budgetMs === undefined ? plan : { ...plan, budgetMs };
}

/**
 * How a timed call waits for its work to be done. The timed region is the same
 * for every variant of a row: the call, this wait, and `dispose()` of the result.
 * `sync` keeps the loop free of promises (wasm, cpu: `dataSync()`); `async`
 * awaits (WebGPU: `await data()`, or the GPU queue drained).
 */
export type Finish =
  | { kind: 'sync'; finish: (y: tf.Tensor) => void }
  | { kind: 'async'; finish: (y: tf.Tensor) => Promise<void> };

/** Reading the result back synchronously, as the suite did from the start. */
export const DATA_SYNC: Finish = {
  kind: 'sync',
  finish: (y) => {
    y.dataSync();
  },
};

/** Time per call of `batch` consecutive calls (one call unless the clock is coarse). */
function onceSync(v: Timed, finish: (y: tf.Tensor) => void, batch = 1): number {
  const t0 = performance.now();
  for (let k = 0; k < batch; k++) {
    const y = v.run();
    finish(y);
    y.dispose();
  }
  return (performance.now() - t0) / batch;
}

async function onceAsync(
  v: Timed,
  finish: (y: tf.Tensor) => Promise<void>,
  batch = 1,
): Promise<number> {
  const t0 = performance.now();
  for (let k = 0; k < batch; k++) {
    const y = v.run();
    await finish(y);
    y.dispose();
  }
  return (performance.now() - t0) / batch;
}

/** One timed call of `v`: a number for sync finishes, a promise of one for async ones. */
function once(v: Timed, f: Finish): number | Promise<number> {
  return f.kind === 'sync' ? onceSync(v, f.finish) : onceAsync(v, f.finish);
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const [low, high] = [at(sorted, lo, 'sample'), at(sorted, hi, 'sample')];
  return low + (high - low) * (pos - lo);
}

export function stats(samples: number[]): Stats {
  const sorted = samples.slice().sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    minMs: at(sorted, 0, 'sample'),
    p10Ms: quantile(sorted, 0.1),
    p90Ms: quantile(sorted, 0.9),
    reps: sorted.length,
  };
}

async function warmUp(v: Timed, plan: TimingPlan, f: Finish): Promise<number> {
  const times: number[] = [];
  const start = performance.now();
  const calls = v.warmupCalls ?? plan.warmupCalls;
  while (times.length < calls || performance.now() - start < plan.warmupMs) {
    times.push(await once(v, f));
  }
  // The fastest warm-up call estimates the steady cost (the first one builds and compiles).
  return Math.min(...times);
}

/** Most calls in one batched sample (see `minSampleMs`). */
const MAX_BATCH = 10_000;

/**
 * Calls per sample under `minSampleMs`, and the sample's expected length. The
 * cost of a call is read on the clock itself, over windows of at least
 * `minSampleMs` (a coarse clock rounds a single call to 0, and a lone warm-up
 * call may be the slow first one); the cheapest of three windows is taken, so
 * that a window in which the machine was busy elsewhere does not shrink the batch.
 */
async function calibrate(
  v: Timed,
  f: Finish,
  minSampleMs: number,
): Promise<{ batch: number; ms: number }> {
  let perCall = Infinity;
  for (let window = 0; window < 3; window++) {
    const start = performance.now();
    let calls = 0;
    while (calls < MAX_BATCH && performance.now() - start < minSampleMs) {
      await once(v, f);
      calls++;
    }
    perCall = Math.min(perCall, (performance.now() - start) / calls);
  }
  const batch = Math.min(MAX_BATCH, Math.max(1, Math.ceil(minSampleMs / perCall)));
  return { batch, ms: batch * perCall };
}

/** Every call to make (variant index, once per repetition), in a shuffled order. */
function callOrder(reps: readonly number[], seed: number): number[] {
  const order = reps.flatMap((n, i) => Array.from({ length: n }, () => i));
  // Seeded, so a run's call order can be repeated.
  const next = seededRandom(seed);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [order[k], order[j]] = [at(order, j, 'call'), at(order, k, 'call')];
  }
  return order;
}

/**
 * Warms every variant up, then times all their calls in one shuffled order.
 * Each variant gets about `budgetMs` of calls, clamped to [minReps, maxReps]
 * (and to the variant's own `maxReps`). With a sync finish no call awaits
 * anything, as before WebGPU was added.
 */
export async function timeVariants(
  variants: readonly Timed[],
  plan: TimingPlan,
  f: Finish = DATA_SYNC,
): Promise<Map<string, Stats>> {
  const estimates: number[] = [];
  const batches: number[] = [];
  for (const v of variants) {
    const fastest = await warmUp(v, plan, f);
    // Variants capped by maxReps are the slow per-step loops (up to seconds per call): never batched.
    const sample =
      plan.minSampleMs === undefined || v.maxReps !== undefined
        ? undefined
        : await calibrate(v, f, plan.minSampleMs);
    // A batched variant's estimate is its sample's length, so the budget counts samples.
    batches.push(sample && sample.batch > 1 ? sample.batch : 1);
    estimates.push(sample && sample.batch > 1 ? sample.ms : fastest);
  }
  const reps = estimates.map((ms, i) =>
    Math.min(
      plan.maxReps,
      at(variants, i, 'variant').maxReps ?? Infinity,
      Math.max(plan.minReps, Math.round(plan.budgetMs / Math.max(ms, 1e-3))),
    ),
  );
  const gc = collector();
  const samples: number[][] = variants.map(() => []);
  const order = callOrder(reps, plan.seed);
  if (f.kind === 'sync') {
    for (const i of order) {
      if (gc && at(estimates, i, 'estimate') >= plan.gcAboveMs) gc();
      at(samples, i, 'samples').push(onceSync(at(variants, i, 'variant'), f.finish, batches[i]));
    }
  } else {
    for (const i of order) {
      if (gc && at(estimates, i, 'estimate') >= plan.gcAboveMs) gc();
      at(samples, i, 'samples').push(
        await onceAsync(at(variants, i, 'variant'), f.finish, batches[i]),
      );
    }
  }
  return new Map(variants.map((v, i) => [v.name, stats(at(samples, i, 'samples'))]));
}
