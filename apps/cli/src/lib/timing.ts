import type * as tf from '@tensorflow/tfjs-core';
import { at } from '@framewise/core';

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = at(sorted, mid, 'middle value');
  return sorted.length % 2 ? upper : (at(sorted, mid - 1, 'middle value') + upper) / 2;
}

/**
 * Median wall time in ms of `run`, which returns a tensor: the time includes
 * reading the data back, so asynchronous backends are timed to completion.
 */
export async function medianTime(run: () => tf.Tensor, repeats: number): Promise<number> {
  await readAndDispose(run()); // warm-up: first calls compile kernels and allocate
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await readAndDispose(run());
    times.push(performance.now() - start);
  }
  return median(times);
}

async function readAndDispose(t: tf.Tensor): Promise<void> {
  await t.data();
  t.dispose();
}
