import * as tf from '@tensorflow/tfjs-core';
import type * as TfjsBackendWasm from '@tensorflow/tfjs-backend-wasm';
import { readInParallel, type WasmReadInternals } from './parallel-read.js';
import { cgroupCpuQuota, threadsByRule, type ThreadChoice } from './thread-rule.js';

// Node's modules are fetched at run time, not imported: browser bundles that include the cpu
// adapter then carry no Node imports for a bundler to trip over (this file never runs there).
const node = {
  fs: () => process.getBuiltinModule('node:fs'),
  module: () => process.getBuiltinModule('node:module'),
  os: () => process.getBuiltinModule('node:os'),
  path: () => process.getBuiltinModule('node:path'),
};

const BUILD = 'tfjs-backend-wasm-threaded-simd';

/**
 * The most threads the threaded build runs on: Emscripten starts 8 workers
 * with the module, and a thread pool asking for more would wait, blocking
 * the main thread, for workers that load only once it is free again.
 */
export const MAX_WASM_THREADS = 8;

/** The parts of Emscripten's module that starting and stopping the thread pool needs. */
interface ThreadedModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread: {
    runningWorkers: { unref(): void }[];
    terminateAllThreads(): void;
  };
  [key: string]: unknown;
}
type Factory = (config: Record<string, unknown>) => Promise<ThreadedModule>;

/**
 * The number of threads wasm runs on in Node when nothing says otherwise: every
 * core this process may use, no more than its CPU quota (cgroup) and the cores
 * the machine's load leaves idle, at most `MAX_WASM_THREADS` (see
 * `threadsByRule`). `FRAMEWISE_THREADS` overrides it.
 */
export function defaultNodeThreads(env: NodeJS.ProcessEnv = process.env): number {
  return nodeThreadChoice(env).threads;
}

/** Whether `FRAMEWISE_PARALLEL_READ` asks for parallel reads (`1`/`true`, `0`/`false`, unset: no). */
export function parallelReadFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = (env['FRAMEWISE_PARALLEL_READ'] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new RangeError(
    `FRAMEWISE_PARALLEL_READ must be 1, true, 0 or false; received ${JSON.stringify(env['FRAMEWISE_PARALLEL_READ'])}`,
  );
}

/** `defaultNodeThreads` with what limited the count (the adapter's log line says it). */
export function nodeThreadChoice(env: NodeJS.ProcessEnv = process.env): ThreadChoice {
  const raw = env['FRAMEWISE_THREADS'];
  if (raw !== undefined && raw.trim() !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(
        `FRAMEWISE_THREADS must be a whole number of threads, 1 or more; received ${JSON.stringify(raw)}`,
      );
    }
    return { threads: n, limitedBy: 'FRAMEWISE_THREADS' };
  }
  const os = node.os();
  const cores =
    typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const fs = node.fs();
  const read = (path: string): string | undefined => {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const cpuQuota = cgroupCpuQuota(read);
  return threadsByRule({
    cores,
    ...(cpuQuota === undefined ? {} : { cpuQuota }),
    load: os.loadavg()[0] ?? 0,
    max: MAX_WASM_THREADS,
  });
}

/** Options of `registerThreadedWasmForNode`. */
export interface ThreadedWasmOptions {
  /**
   * Copy reads of 4 MiB or more (`data()`, `dataSync()`, `array()`) out of
   * wasm memory on every thread, not one (default false; see
   * `readInParallel`). Their values then come in a typed array over a
   * `SharedArrayBuffer`.
   */
  parallelRead?: boolean;
  /** Module URL or path to resolve `@tensorflow/tfjs-backend-wasm` from; for tests and tooling. */
  from?: string;
}

/**
 * Starts tfjs-backend-wasm's threaded SIMD build in Node, which tfjs itself
 * never does there, and makes it the `'wasm'` backend (replacing tfjs' own
 * single-threaded registration) with `threads` XNNPACK threads.
 *
 * Three things stand in the way, each handled here:
 * - `wasm-out/…worker.js` is not the worker script: it is a CommonJS module
 *   whose `wasmWorkerContents` export holds the script as a string (tfjs turns
 *   it into a blob: URL, which Node's `worker_threads` cannot load). Each
 *   pthread worker is started from a `data:` URL that evaluates that string
 *   with a `require` of its own; without this, the workers ran an empty
 *   module, exited at once, and the module's ready promise never resolved.
 * - The workers load the main script by path (`mainScriptUrlOrBlob`).
 * - tfjs' C++ side caps the pool at half the logical cores (the rest assumed
 *   to be hyper-threads); the module is shown a core count twice `threads`
 *   so that it runs exactly the number asked for.
 *
 * With `parallelRead`, large results are read by all threads too: what a
 * read of fresh memory costs is page faults, paid by the thread that touches
 * the pages, and one thread paying them all is the part of a large
 * TimeDistributed call that does not get faster with more threads.
 *
 * The pool's workers are unref'd, so they never keep the process alive, and
 * terminated when the backend is disposed (`tf.removeBackend('wasm')`).
 */
export function registerThreadedWasmForNode(
  wasm: typeof TfjsBackendWasm,
  threads: number,
  options: ThreadedWasmOptions = {},
): void {
  const { parallelRead = false, from = import.meta.url } = options;
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
    throw new RangeError(
      `threads must be a whole number from 1 to ${MAX_WASM_THREADS}; received ${threads}`,
    );
  }
  const require = node.module().createRequire(from);
  const mainScript = require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${BUILD}.js`);
  const folder = node.path().dirname(mainScript);
  // tfjs throws for a backend it does not know, as after an earlier removeBackend('wasm').
  if (tf.findBackendFactory('wasm') !== null) tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      const module = await startModule(require, mainScript, folder, threads);
      wasm.setThreadsCount(threads);
      const backend = new wasm.BackendWasm(module as never);
      // Threads started by the pool are ref'd by Emscripten while they run; XNNPACK's never end.
      for (const worker of module.PThread.runningWorkers) worker.unref();
      const dispose = backend.dispose.bind(backend);
      backend.dispose = () => {
        dispose();
        module.PThread.terminateAllThreads();
      };
      if (parallelRead && threads > 1) {
        readInParallel(backend as unknown as WasmReadInternals, threads - 1);
      }
      return backend;
    },
    2,
  );
}

async function startModule(
  require: NodeRequire,
  mainScript: string,
  folder: string,
  threads: number,
): Promise<ThreadedModule> {
  const { join } = node.path();
  const { wasmWorkerContents } = require(join(folder, `${BUILD}.worker.js`)) as {
    wasmWorkerContents: string;
  };
  // The string came from a template literal: its "\n" escapes are real newlines now, inside JS strings.
  const workerSource = wasmWorkerContents.replace(/\n/g, '\\n');
  const boot = [
    `import { createRequire } from 'node:module';`,
    `const file = ${JSON.stringify(mainScript)};`,
    `new Function('require', '__filename', ${JSON.stringify(workerSource)})(createRequire(file), file);`,
  ].join('\n');
  const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
  const factory = loadFactory(require, mainScript, threads);
  const module = await factory({
    locateFile: (path: string) => (path.endsWith('.worker.js') ? workerUrl : join(folder, path)),
    mainScriptUrlOrBlob: mainScript,
  });
  const wrap = module.cwrap.bind(module);
  // What tfjs' own init attaches; BackendWasm and the kernels call these.
  module['tfjs'] = {
    init: wrap('init', null, []),
    initWithThreadsCount: wrap('init_with_threads_count', null, ['number']),
    getThreadsCount: wrap('get_threads_count', 'number', []),
    registerTensor: wrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: wrap('dispose_data', null, ['number']),
    dispose: wrap('dispose', null, []),
  };
  return module;
}

// Evaluates the Emscripten script as CommonJS, with an `os` whose core count makes tfjs' half-the-cores cap equal `threads`.
function loadFactory(require: NodeRequire, mainScript: string, threads: number): Factory {
  const os = node.os();
  const cores = Array.from({ length: 2 * threads }, () => os.cpus()[0]);
  const shownOs = { ...os, cpus: () => cores };
  const scoped = ((name: string) => (name === 'os' ? shownOs : require(name))) as NodeRequire;
  const module = { exports: {} as unknown };
  const source = node.fs().readFileSync(mainScript, 'utf8');
  new Function('require', 'module', 'exports', '__filename', '__dirname', source)(
    scoped,
    module,
    module.exports,
    mainScript,
    node.path().dirname(mainScript),
  );
  return module.exports as Factory;
}
