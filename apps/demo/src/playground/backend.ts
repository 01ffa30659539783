import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FramewiseError, registerBackend, unregisterBackend, useBackend } from '@framewise/core';
import { createCpuBackend } from '@framewise/backend-cpu';
import '@framewise/backend-webgpu';
import '@framewise/backend-webgl';
import { WASM_FOLDER } from '../site/wasm-folder.js';
import { requestedWasmThreads } from '../site/wasm-threads.js';

/** What the visitor asks for. */
export type EngineRequest = 'webgpu' | 'webgl' | 'wasm';

/** What runs, in the page's words. */
export interface ActiveEngine {
  requested: EngineRequest;
  /** tfjs' backend name: `webgpu`, `webgl`, `wasm` (or `cpu` if even wasm could not start). */
  engine: string;
  /** The adapter's account of what it started (GPU adapter name, SIMD, threads ...). */
  reason: string;
  /** Why WebGPU or WebGL was not used, when it was asked for and is missing here. */
  fallback?: string;
}

let wasmPathsSet = false;
let active: Promise<ActiveEngine> | undefined;

/** The engine that runs now, starting wasm if none has been started yet (for pages that only build models). */
export function ensureEngine(): Promise<ActiveEngine> {
  return (active ??= activateEngine('wasm'));
}

/**
 * Starts WebGPU (the webgpu adapter, navigator.gpu), WebGL (the webgl adapter) or wasm (the cpu
 * adapter, whose first choice in a browser is tfjs-backend-wasm). Without the GPU engine asked
 * for it falls back to wasm and says why.
 */
export function activateEngine(requested: EngineRequest): Promise<ActiveEngine> {
  active = start(requested);
  return active;
}

async function start(requested: EngineRequest): Promise<ActiveEngine> {
  if (!wasmPathsSet) {
    setWasmPaths(new URL(WASM_FOLDER, document.baseURI).href);
    wasmPathsSet = true;
    // `?threads=N` (the benchmarks page's thread choice) replaces the cpu adapter's default.
    const threads = requestedWasmThreads();
    if (threads !== undefined) {
      unregisterBackend('cpu');
      registerBackend(createCpuBackend({ threads }));
    }
  }
  const quiet = { log: () => {} };
  let fallback: string | undefined;
  if (requested !== 'wasm') {
    try {
      const choice = await useBackend(requested, quiet);
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

const LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'cpu (pure JS)' };

/** `WebGPU`, `WebGL`, `wasm`, `cpu (pure JS)`: the engine's name for the status line. */
export function engineLabel(engine: string): string {
  return LABELS[engine] ?? engine;
}
