/** How each backend's timed calls wait for completion (see `Completion` in backend-info.ts). */
import * as tf from '@tensorflow/tfjs-core';
import type { Completion } from './backend-info.js';
import { DATA_SYNC, type Finish } from './timing.js';

/** The parts of tfjs-backend-webgpu's WebGPUBackend (4.22) that draining its queue needs. */
interface WebgpuInternals {
  device: { queue: { onSubmittedWorkDone(): Promise<unknown> } };
  commandEncoder: unknown;
  endComputePassEncoder(): void;
  submitQueue(): void;
}

/**
 * Submits what tfjs-backend-webgpu has recorded but not yet submitted (it
 * batches up to 15 dispatches per submit), then waits until the GPU has run
 * everything submitted. No data leaves the GPU.
 */
async function drainWebgpu(): Promise<void> {
  const backend = tf.backend() as unknown as WebgpuInternals;
  backend.endComputePassEncoder();
  if (backend.commandEncoder) backend.submitQueue();
  await backend.device.queue.onSubmittedWorkDone();
}

const DATA: Finish = {
  kind: 'async',
  finish: async (y) => {
    await y.data();
  },
};

const QUEUE: Finish = { kind: 'async', finish: () => drainWebgpu() };

export function finishOf(completion: Completion): Finish {
  switch (completion) {
    case 'dataSync':
      return DATA_SYNC;
    case 'data':
      return DATA;
    case 'queue':
      return QUEUE;
  }
}
