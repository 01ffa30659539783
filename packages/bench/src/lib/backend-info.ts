/** What a run is timed on: the backend asked for, the engine it gave, how calls are waited for. */

/**
 * A backend the suite can be asked for. `wasm` and `cpu` are tfjs engines set
 * directly (the existing methodology); `webgpu`, `webgl` (browsers only) and
 * `auto` go through Framewise's adapters (`useBackend` from '@framewise/core').
 */
export type BackendRequest = 'wasm' | 'cpu' | 'webgpu' | 'webgl' | 'auto';

/** How a WebGPU call is waited for: its result read back, or only the GPU queue drained. */
export type GpuSync = 'data' | 'queue';

/**
 * What a row is timed on, for deciding which rows run: `native` is TensorFlow
 * through tfjs-node(-gpu), `software-gpu` a WebGPU or WebGL adapter that runs on
 * the CPU (SwiftShader, llvmpipe, WARP).
 */
export type EngineClass = 'wasm' | 'cpu' | 'native' | 'gpu' | 'software-gpu';

/**
 * How a timed call waits for its work: `dataSync` reads the result back
 * synchronously (wasm, cpu, tfjs-node); `data` reads it back with
 * `await t.data()` (WebGPU: `dataSync` does not work there in Node); `queue`
 * submits the pending GPU commands and awaits `queue.onSubmittedWorkDone()`
 * (compute only, no readback).
 */
export type Completion = 'dataSync' | 'data' | 'queue';

/** The backend a run is on, as its records and reports name it. */
export interface BackendInfo {
  /** What the command line asked for. */
  requested: BackendRequest;
  /** The name rows carry in tables: `wasm`, `cpu`, `webgpu`, `auto→webgpu`, with `, queue` for queue sync. */
  label: string;
  /** The active tfjs engine (`tf.getBackend()`). */
  engine: string;
  engineClass: EngineClass;
  completion: Completion;
  /** Framewise's adapter (`useBackend`), its reason and what `auto` passed over. */
  adapter?: string;
  reason?: string;
  skipped?: { name: string; reason: string }[];
  details?: Record<string, string | number | boolean>;
  /** wasm only: threads XNNPACK runs on, whether SIMD is on, the package version. */
  wasmThreads?: number;
  wasmSimd?: boolean;
  version?: string;
}
