/**
 * Median timing of several variants. Their calls run in one shuffled order so
 * that drift of the machine (frequency, other load) spreads over all of them
 * alike, and a minor garbage collection runs before each call of a slow
 * variant, outside the timed region (see `gcAboveMs`).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { collector } from './gc.js';

/** One thing to time: a call that returns a fresh tensor. */
export interface Timed {
  name: string;
  run: () => tf.Tensor;
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
}

export interface Stats {
  medianMs: number;
  minMs: number;
  p10Ms: number;
  p90Ms: number;
  reps: number;
}

/** Default plans: `quick` is a smoke run. */
export function timingPlan(quick: boolean): TimingPlan {
  return quick
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
}

/**
 * The timed region of every variant, the same for all: the call, reading the
 * result back to JS, and disposing it.
 */
function once(v: Timed): number {
  const t0 = performance.now();
  const y = v.run();
  y.dataSync();
  y.dispose();
  return performance.now() - t0;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function stats(samples: number[]): Stats {
  const sorted = samples.slice().sort((a, b) => a - b);
  return {
    medianMs: quantile(sorted, 0.5),
    minMs: sorted[0]!,
    p10Ms: quantile(sorted, 0.1),
    p90Ms: quantile(sorted, 0.9),
    reps: sorted.length,
  };
}

function warmUp(v: Timed, plan: TimingPlan): number {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < plan.warmupCalls || performance.now() - start < plan.warmupMs) {
    times.push(once(v));
  }
  // The fastest warm-up call estimates the steady cost (the first one builds and compiles).
  return Math.min(...times);
}

/** Mulberry32: a small seeded generator, so a run's call order can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every call to make (variant index, once per repetition), in a shuffled order. */
function callOrder(reps: readonly number[], seed: number): number[] {
  const order = reps.flatMap((n, i) => Array.from({ length: n }, () => i));
  const next = random(seed);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    [order[k], order[j]] = [order[j]!, order[k]!];
  }
  return order;
}

/**
 * Warms every variant up, then times all their calls in one shuffled order.
 * Each variant gets about `budgetMs` of calls, clamped to [minReps, maxReps].
 */
export function timeVariants(variants: readonly Timed[], plan: TimingPlan): Map<string, Stats> {
  const estimates = variants.map((v) => warmUp(v, plan));
  const reps = estimates.map((ms) =>
    Math.min(plan.maxReps, Math.max(plan.minReps, Math.round(plan.budgetMs / Math.max(ms, 1e-3)))),
  );
  const gc = collector();
  const samples: number[][] = variants.map(() => []);
  for (const i of callOrder(reps, plan.seed)) {
    if (gc && estimates[i]! >= plan.gcAboveMs) gc();
    samples[i]!.push(once(variants[i]!));
  }
  return new Map(variants.map((v, i) => [v.name, stats(samples[i]!)]));
}
