import * as tf from '@tensorflow/tfjs-core';
// Types only: the package itself is imported lazily, when this rung is reached.
import type * as TfjsBackendWasm from '@tensorflow/tfjs-backend-wasm';
import type { Details, EngineOption } from './engine-option.js';
import { firstLine } from '@framewise/core';
import { registerWasmGradientKernels } from './wasm-gradient-kernels/register.js';
// Node only (worker_threads, fs): loaded lazily so that browser bundles never run it.
const nodeThreads = () => import('./wasm-threads-node.js');

const WASM = '@tensorflow/tfjs-backend-wasm';

/** Which of tfjs-backend-wasm's three binaries runs, and with how many XNNPACK threads. */
export interface WasmPlan {
  build: 'threaded-simd' | 'simd' | 'plain';
  simd: boolean;
  threads: number;
  /** Why it runs on one thread, when the threaded build is out of reach. */
  singleThreaded?: string;
}

/**
 * WebAssembly with XNNPACK, the fast portable engine. In browsers tfjs picks
 * the threaded build where `WASM_HAS_MULTITHREAD_SUPPORT` holds: on
 * cross-origin isolated pages, where SharedArrayBuffer exists. In Node tfjs
 * never does; this adapter starts the threaded build itself (see
 * `registerThreadedWasmForNode`) on every core, or on `threads` /
 * `FRAMEWISE_THREADS` threads, and keeps tfjs' single-threaded one for 1.
 */
export async function wasmOption(threads?: number, parallelRead?: boolean): Promise<EngineOption> {
  let wasm: typeof TfjsBackendWasm;
  try {
    wasm = await import('@tensorflow/tfjs-backend-wasm');
  } catch (error) {
    return {
      usable: false,
      engine: 'wasm',
      reason: `${WASM} could not load (${firstLine(error)}; npm install ${WASM}@${tf.version_core})`,
    };
  }
  registerWasmGradientKernels();
  const plan = await planWasm(threads);
  const nodeThreaded = tf.env().getBool('IS_NODE') && plan.build === 'threaded-simd';
  const readInParallel =
    nodeThreaded && (parallelRead ?? (await nodeThreads()).parallelReadFromEnv());
  const details = (actual: WasmPlan): Details => ({
    package: WASM,
    version: wasm.version_wasm,
    build: actual.build,
    simd: actual.simd,
    threads: actual.threads,
    ...(readInParallel && actual.threads > 1 ? { parallelRead: true } : {}),
  });
  const describe = (actual: WasmPlan): string =>
    `using ${describeWasm(actual)}${readInParallel && actual.threads > 1 ? ', parallel reads' : ''}`;
  return {
    usable: true,
    engine: 'wasm',
    reason: describe(plan),
    details: details(plan),
    start: async () => {
      if (nodeThreaded) {
        // An engine already running keeps its tensors: re-registering would drop them.
        if (tf.findBackend('wasm') === null) {
          (await nodeThreads()).registerThreadedWasmForNode(wasm, plan.threads, {
            parallelRead: readInParallel,
          });
        }
      } else if (threads !== undefined) wasm.setThreadsCount(threads);
      if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend returned false');
      const running = wasm.getThreadsCount();
      const actual: WasmPlan =
        nodeThreaded && running === 1
          ? {
              build: 'simd',
              simd: plan.simd,
              threads: 1,
              singleThreaded:
                "wasm was already running on one thread (started by tf.setBackend('wasm') before this adapter)",
            }
          : { ...plan, threads: running };
      return { reason: describe(actual), details: details(actual) };
    },
  };
}

/** Reads the feature flags that tfjs-backend-wasm itself decides by (registered when it loads). */
export async function planWasm(threads?: number): Promise<WasmPlan> {
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  if (tf.env().getBool('IS_NODE')) {
    const { nodeThreadChoice, MAX_WASM_THREADS } = await nodeThreads();
    const choice = threads === undefined ? nodeThreadChoice() : { threads, limitedBy: 'threads' };
    const wanted = Math.min(choice.threads, MAX_WASM_THREADS);
    if (simd && wanted > 1) return { build: 'threaded-simd', simd, threads: wanted };
    return {
      build: simd ? 'simd' : 'plain',
      simd,
      threads: 1,
      singleThreaded: simd
        ? oneThreadBecause(choice.limitedBy)
        : 'this engine lacks WebAssembly SIMD, which the threaded build needs',
    };
  }
  const multithread = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
  if (simd && multithread) {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency;
    return { build: 'threaded-simd', simd, threads: plannedThreads(threads, cores ?? 1) };
  }
  return {
    build: simd ? 'simd' : 'plain',
    simd,
    threads: 1,
    singleThreaded: whySingleThreaded(simd),
  };
}

/** Why the default or the caller's choice came to one thread. */
function oneThreadBecause(limitedBy: string | undefined): string {
  if (limitedBy === 'threads' || limitedBy === 'FRAMEWISE_THREADS') {
    return 'one thread asked for (threads option or FRAMEWISE_THREADS)';
  }
  return limitedBy
    ? `${limitedBy}: more threads would wait for CPU time (FRAMEWISE_THREADS overrides)`
    : 'this process may use one core';
}

/** `wasm (XNNPACK) with SIMD, 1 thread (why)`: the engine in the words of a log line. */
export function describeWasm(plan: WasmPlan): string {
  const simd = plan.simd ? 'with SIMD' : 'without SIMD';
  if (plan.build === 'threaded-simd') {
    return `wasm (XNNPACK) ${simd} and ${plan.threads} thread${plan.threads === 1 ? '' : 's'}`;
  }
  return `wasm (XNNPACK) ${simd}, 1 thread (${plan.singleThreaded})`;
}

function whySingleThreaded(simd: boolean): string {
  if (!simd) return 'this engine lacks WebAssembly SIMD, which the threaded build needs';
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) {
    return (
      'the page is not cross-origin isolated; serve it with Cross-Origin-Opener-Policy: same-origin ' +
      'and Cross-Origin-Embedder-Policy: require-corp for threads'
    );
  }
  return 'this engine cannot share WebAssembly memory with workers';
}

/**
 * The thread count tfjs-backend-wasm's threaded build will take: like
 * init_with_threads_count in its backend.cc, half the logical cores by default,
 * clamped to [1, 8] (its pool holds 8 workers) and to half the cores.
 */
export function plannedThreads(requested: number | undefined, logicalCores: number): number {
  const half = Math.floor(logicalCores / 2);
  return Math.max(1, Math.min(Math.max(requested ?? half, 1), 8, half));
}
