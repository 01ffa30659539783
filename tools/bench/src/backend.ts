/** Selecting a tfjs backend by name; importing this module registers `wasm` and `cpu`. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from './args.js';

export interface BackendInfo {
  name: BackendName;
  /** wasm only: threads XNNPACK runs on, and whether SIMD is on. */
  wasmThreads?: number;
  wasmSimd?: boolean;
}

/** Activates a backend; throws if tfjs cannot initialise it. */
export async function useBackend(name: BackendName): Promise<BackendInfo> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`could not activate the tfjs '${name}' backend (active: ${tf.getBackend()})`);
  }
  if (name !== 'wasm') return { name };
  return {
    name,
    wasmThreads: getThreadsCount(),
    wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
  };
}
