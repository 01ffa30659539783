/**
 * Activating the backend a run asks for. `wasm` and `cpu` are tfjs engines set
 * directly with `tf.setBackend`, as the suite always did (the cpu adapter would
 * pick wasm over the pure-JS engine); `webgpu` and `auto` go through
 * Framewise's adapters and `useBackend`, as an application would. Packages are
 * loaded only when asked for, so a bundle for the GPU machine does not start
 * the wasm engine.
 */
import * as tf from '@tensorflow/tfjs-core';
import { probeBackends, useBackend, type BackendChoice } from '@framewise/core';
import type * as TfjsBackendWasm from '@tensorflow/tfjs-backend-wasm';
import type {
  BackendInfo,
  BackendRequest,
  Completion,
  EngineClass,
  GpuSync,
} from '@framewise/bench';

/** A backend `--backend all` passed over, and why. */
export interface SkippedBackend {
  requested: BackendRequest;
  reason: string;
}

function classOf(engine: string, choice: BackendChoice): EngineClass {
  if (engine === 'webgpu') {
    return choice.software === true || choice.details?.['software'] === true
      ? 'software-gpu'
      : 'gpu';
  }
  if (engine === 'wasm' || engine === 'cpu') return engine;
  return 'native';
}

function completionOf(engine: string, gpuSync: GpuSync): Completion {
  return engine === 'webgpu' ? gpuSync : 'dataSync';
}

// tfjs' own (single-threaded in Node) wasm registration, kept to come back to after a threaded run.
let singleThreadedWasm: ReturnType<typeof tf.findBackendFactory> | null = null;

// `--threads n`: n > 1 starts tfjs-backend-wasm's threaded build (Node), 1 its usual build.
async function registerWasmThreads(
  wasm: typeof TfjsBackendWasm,
  threads: number,
  parallelRead: boolean,
): Promise<void> {
  singleThreadedWasm ??= tf.findBackendFactory('wasm');
  if (threads > 1) {
    const { registerThreadedWasmForNode } = await import('@framewise/backend-cpu/node-threads');
    registerThreadedWasmForNode(wasm, threads, { parallelRead });
  } else if (singleThreadedWasm) {
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', singleThreadedWasm, 2);
  }
}

async function setTfjsBackend(
  name: 'wasm' | 'cpu',
  threads?: number,
  parallelRead = false,
): Promise<BackendInfo> {
  let wasm: typeof TfjsBackendWasm | undefined;
  // Registers the engine (a bare import would be dropped by bundlers: tfjs marks it side-effect free).
  if (name === 'wasm') {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Conv2D's weight gradient, missing from tfjs-backend-wasm 4.22, for the training rows.
    (await import('@framewise/backend-cpu')).registerWasmGradientKernels();
    if (threads !== undefined) await registerWasmThreads(wasm, threads, parallelRead);
  } else await import('@tensorflow/tfjs-backend-cpu');
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`could not activate the tfjs '${name}' backend (active: ${tf.getBackend()})`);
  }
  const info: BackendInfo = {
    requested: name,
    label:
      wasm && threads !== undefined
        ? `wasm×${threads}${parallelRead && threads > 1 ? ', parallel read' : ''}`
        : name,
    engine: name,
    engineClass: name,
    completion: 'dataSync',
  };
  if (!wasm) return info;
  return {
    ...info,
    wasmThreads: wasm.getThreadsCount(),
    wasmSimd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    version: wasm.version_wasm,
  };
}

/**
 * Registers Framewise's adapters that `request` may use (importing a package registers it).
 * WebGL, which only browsers have, is the site's to time, not this Node runner's.
 */
async function registerAdapters(request: Exclude<BackendRequest, 'wasm' | 'cpu'>): Promise<void> {
  await import('@framewise/backend-webgpu');
  if (request === 'auto') {
    await import('@framewise/backend-cpu');
    await import('@framewise/backend-cuda');
  }
}

/** Version of tfjs-backend-webgpu, when it is the engine. */
async function webgpuVersion(): Promise<string | undefined> {
  try {
    const m = (await import('@tensorflow/tfjs-backend-webgpu')) as { version_webgpu?: string };
    return m.version_webgpu;
  } catch {
    return undefined;
  }
}

/**
 * Activates a backend; throws if it cannot run here (for webgpu, the
 * `BackendUnavailableError` of the adapter, which says what to install).
 * `log` receives `useBackend`'s line. `threads` and `parallelRead` pick wasm's build in Node
 * (see `registerThreadedWasmForNode`).
 */
export async function activateBackend(
  request: BackendRequest,
  gpuSync: GpuSync,
  log: (message: string) => void,
  threads?: number,
  parallelRead?: boolean,
): Promise<BackendInfo> {
  if (request === 'wasm' || request === 'cpu') {
    return setTfjsBackend(request, threads, parallelRead);
  }
  await registerAdapters(request);
  const choice = await useBackend(request, { log });
  const engine = tf.getBackend();
  const completion = completionOf(engine, gpuSync);
  const base = request === 'auto' ? `auto→${choice.name}` : choice.name;
  const info: BackendInfo = {
    requested: request,
    label: completion === 'queue' ? `${base}, queue` : base,
    engine,
    engineClass: classOf(engine, choice),
    completion,
    adapter: choice.name,
    reason: choice.reason,
    skipped: choice.skipped,
  };
  if (choice.details) info.details = choice.details;
  if (engine === 'webgpu') {
    const version = await webgpuVersion();
    if (version) info.version = version;
  }
  if (engine === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    info.wasmThreads = wasm.getThreadsCount();
    info.wasmSimd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
    info.version = wasm.version_wasm;
  }
  return info;
}

/**
 * Under `--backend all`, whether webgpu is worth timing here: undefined when
 * it is a GPU, else why it is skipped (unavailable, or a software adapter).
 */
export async function webgpuSkipReason(): Promise<string | undefined> {
  await registerAdapters('webgpu');
  const probe = (await probeBackends()).find((p) => p.name === 'webgpu');
  if (!probe?.available) return `unavailable: ${probe?.reason ?? 'no webgpu adapter registered'}`;
  if (probe.software === true || probe.details?.['software'] === true) {
    return (
      `its adapter is a software rasterizer (${probe.reason}), about as slow as the pure-JS cpu ` +
      `backend or slower; run --backend webgpu to time it anyway`
    );
  }
  return undefined;
}
