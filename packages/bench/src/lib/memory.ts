/** Peak memory of one forward pass, with and without `chunkSize`. */
import * as tf from '@tensorflow/tfjs-core';
import { required, timeDistributed } from '@framewise/core';
import { withBufferPeak } from './buffers.js';
import { checkAgreement } from './check.js';
import type { RowSetup } from './setup.js';

export interface PeakMemory {
  /** `tf.profile().peakBytes`: the engine's largest `numBytes` during the pass (counted per tensor). */
  peakBytes: number;
  /** `numBytes` before the pass (input, weights). */
  baselineBytes: number;
  /** peakBytes − baselineBytes. Reshape views count again here, although they share their input's buffer. */
  extraBytes: number;
  /** Largest total of buffers the pass allocated that were alive at once (each buffer counted once). */
  peakNewBufferBytes: number;
  /** Bytes of the output tensor. */
  outputBytes: number;
}

export interface MemoryResult {
  chunkSize: number;
  /** The floor (raw op on the merged input), for reference. */
  floor: PeakMemory;
  unchunked: PeakMemory;
  chunked: PeakMemory;
  /** max |chunked − unchunked| over the output. */
  maxAbsDiff: number;
}

async function peakOf(run: () => tf.Tensor): Promise<PeakMemory> {
  const baselineBytes = tf.memory().numBytes;
  const { result: info, peakNewBufferBytes } = await withBufferPeak(() => tf.profile(run));
  const result = info.result as tf.Tensor;
  const outputBytes = result.size * tf.util.bytesPerElement(result.dtype);
  result.dispose();
  return {
    peakBytes: info.peakBytes,
    baselineBytes,
    extraBytes: info.peakBytes - baselineBytes,
    peakNewBufferBytes,
    outputBytes,
  };
}

/**
 * Measures the peak of the floor, `timeDistributed(inner)` and
 * `timeDistributed(inner, {chunkSize})` on the row's input (same inner layer,
 * same weights), after checking that the chunked output equals the unchunked one.
 */
export async function measureChunkMemory(
  setup: RowSetup,
  chunkSize: number,
): Promise<MemoryResult> {
  const chunkedTd = timeDistributed(setup.inner, { chunkSize });
  const unchunked = (): tf.Tensor => setup.td.apply(setup.x);
  const chunked = (): tf.Tensor => chunkedTd.apply(setup.x);
  const diffs = await checkAgreement(`chunkSize ${chunkSize}`, unchunked, { chunked });
  return {
    chunkSize,
    floor: await peakOf(setup.variants.floor.run),
    unchunked: await peakOf(unchunked),
    chunked: await peakOf(chunked),
    maxAbsDiff: required(diffs['chunked'], 'chunked difference'),
  };
}

/** The chunked wrapper as a timed variant, for the cost of chunking. */
export function chunkedRun(setup: RowSetup, chunkSize: number): () => tf.Tensor {
  const chunkedTd = timeDistributed(setup.inner, { chunkSize });
  return () => chunkedTd.apply(setup.x);
}
