import { findBackend } from '@framewise/core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { BackendInfo, EngineClass } from '@framewise/bench';
import { activateEngine, type EngineRequest } from '../playground/backend.js';

/** The backend a run got, as the suite describes it, and what the page should say about it. */
export interface ActiveBackend {
  info: BackendInfo;
  /** Set when WebGPU or WebGL was asked for, could not run, and wasm ran instead: why. */
  fallback?: string;
}

/** A GPU engine on a software rasterizer (SwiftShader) is timed, but the suite's large rows skip it. */
async function isSoftware(adapter: string): Promise<boolean> {
  return (await findBackend(adapter)?.probe())?.software === true;
}

async function engineClass(engine: string): Promise<EngineClass> {
  if (engine === 'webgpu' || engine === 'webgl') {
    return (await isSoftware(engine)) ? 'software-gpu' : 'gpu';
  }
  return engine === 'wasm' || engine === 'cpu' ? engine : 'native';
}

/**
 * Starts the visitor's choice with the site's engine switch (the playground's:
 * `useBackend('webgpu')`, `useBackend('webgl')`, or `useBackend('cpu')`, which takes wasm in a
 * browser), falling back to wasm where the GPU engine is missing, and describes it as
 * the suite's `BackendInfo`.
 */
export async function activateBackend(choice: EngineRequest): Promise<ActiveBackend> {
  const active = await activateEngine(choice);
  const { engine } = active;
  const info: BackendInfo = {
    requested: choice,
    label: engine,
    engine,
    engineClass: await engineClass(engine),
    // GPU results are awaited (`await data()`), so the page can repaint between calls.
    completion: engine === 'webgpu' || engine === 'webgl' ? 'data' : 'dataSync',
    adapter: engine === 'webgpu' || engine === 'webgl' ? engine : 'cpu',
    reason: active.reason,
  };
  if (engine === 'wasm') {
    // Threads need a cross-origin isolated page (the dev and preview servers send the headers).
    info.wasmThreads = getThreadsCount();
  }
  return active.fallback === undefined ? { info } : { info, fallback: active.fallback };
}
