import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FramewiseError, useBackend } from '@framewise/core';
import '@framewise/backend-cpu';
import '@framewise/backend-webgpu';
import { WASM_FOLDER } from '../site/wasm-folder.js';

/** What the visitor asks for. */
export type EngineRequest = 'webgpu' | 'wasm';

/** What runs, in the page's words. */
export interface ActiveEngine {
  requested: EngineRequest;
  /** tfjs' backend name: `webgpu`, `wasm` (or `cpu` if even wasm could not start). */
  engine: string;
  /** The adapter's account of what it started (GPU adapter name, SIMD, threads ...). */
  reason: string;
  /** Why WebGPU was not used, when it was asked for and is missing here. */
  fallback?: string;
}

let wasmPathsSet = false;
let active: Promise<ActiveEngine> | undefined;

/** The engine that runs now, starting wasm if none has been started yet (for pages that only build models). */
export function ensureEngine(): Promise<ActiveEngine> {
  return (active ??= activateEngine('wasm'));
}

/**
 * Starts WebGPU (the webgpu adapter, navigator.gpu) or wasm (the cpu adapter, whose first
 * choice in a browser is tfjs-backend-wasm). Without WebGPU it falls back to wasm and says why.
 */
export function activateEngine(requested: EngineRequest): Promise<ActiveEngine> {
  active = start(requested);
  return active;
}

async function start(requested: EngineRequest): Promise<ActiveEngine> {
  if (!wasmPathsSet) {
    setWasmPaths(new URL(WASM_FOLDER, document.baseURI).href);
    wasmPathsSet = true;
  }
  const quiet = { log: () => {} };
  let fallback: string | undefined;
  if (requested === 'webgpu') {
    try {
      const choice = await useBackend('webgpu', quiet);
      return { requested, engine: tf.getBackend(), reason: choice.reason };
    } catch (e) {
      if (!(e instanceof FramewiseError)) throw e;
      fallback = e.message;
    }
  }
  const choice = await useBackend('cpu', quiet);
  return {
    requested,
    engine: tf.getBackend(),
    reason: choice.reason,
    ...(fallback ? { fallback } : {}),
  };
}

/** `WebGPU`, `wasm`, `cpu (pure JS)`: the engine's name for the status line. */
export function engineLabel(engine: string): string {
  return engine === 'webgpu' ? 'WebGPU' : engine === 'cpu' ? 'cpu (pure JS)' : engine;
}
