/**
 * Reads HDF5 files in a Node worker thread under a time limit (see
 * hdf5-worker-main.ts for the worker's side). libhdf5 loops forever on some
 * damaged files inside one synchronous WebAssembly call, which nothing on the
 * calling thread could interrupt; a worker can be terminated.
 *
 * One worker is kept while reads keep coming (h5wasm takes a while to start, and
 * a fuzz run reads thousands of files); reads are queued and sent one at a time,
 * each under `limits.hdf5ReadMs`. A read past the limit terminates the worker and
 * fails typed; the next read starts a fresh one. The worker never keeps the
 * process alive (`unref()`), and one idle for `IDLE_MS` is terminated, so that
 * test runners that load io afresh for each test file do not collect workers.
 */
import type { Worker as NodeWorker } from 'node:worker_threads';
import { nodeWorkerScript, type WorkerScript } from '@framewise/core';
import { ModelFileError } from './errors.js';
import type { SnapshotNode } from './hdf5-snapshot.js';
import { walkLimits } from './hdf5-walk.js';
import type { Refusal, WorkerReply, WorkerRequest } from './hdf5-worker-protocol.js';
import type { IoLimits } from './limits.js';

/** How long h5wasm may take to start in a fresh worker (a slow machine, a cold disk). */
const START_MS = 60_000;
/** An idle worker is terminated after this long. */
const IDLE_MS = 5_000;
/**
 * A worker is replaced after this many Emscripten aborts inside libhdf5 (damaged
 * files): each leaks the memory and HDF5 ids of the call it interrupted. Not after
 * each one: h5wasm's start-up (about 0.3 s) would then dominate fuzzing.
 */
const MAX_ABORTS = 8;

/** The worker's script beside this module once built (tsc emits it from hdf5-worker-main.ts). */
const WORKER_FILE = './hdf5-worker-main.js';
/** Its source, bundled on the fly where io runs from its TypeScript sources (tests, tsx). */
const WORKER_SOURCE = './hdf5-worker-main.ts';

interface Running {
  worker: NodeWorker;
  ready: Promise<void>;
  /** Aborts inside libhdf5 so far. */
  aborts: number;
  /** Settles the read in flight when the worker dies under it. */
  onExit?: (reason: string) => void;
}

let running: Running | undefined;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

let workerClass: Promise<typeof NodeWorker | undefined> | undefined;

/** Node's `Worker`, or undefined where there is none (browsers, a bundle that stubs `node:` modules). */
function nodeWorker(): Promise<typeof NodeWorker | undefined> {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof p?.versions?.node !== 'string') return Promise.resolve(undefined);
  workerClass ??= import('node:worker_threads').then(
    (m) => m.Worker,
    () => undefined,
  );
  return workerClass;
}

/** Whether this runtime can read HDF5 in a worker thread (Node, not a browser). */
export async function canUseWorker(): Promise<boolean> {
  return (await nodeWorker()) !== undefined;
}

/**
 * What one read in the worker gives: the tree, HDF5's message when it cannot open
 * or walk the file, or why the file was refused (an external link, a loop ...).
 */
export type WorkerRead =
  { root: SnapshotNode } | { openError: string } | { refused: Refusal } | { error: string };

/** The snapshot of an HDF5 file's tree, read in the worker. */
export function readInWorker(
  bytes: Uint8Array,
  file: string,
  limits: IoLimits,
  values: boolean,
): Promise<WorkerRead> {
  const read = queue.then(() => readNow(bytes, file, limits, values));
  queue = read.catch(() => undefined);
  return read;
}

async function readNow(
  bytes: Uint8Array,
  file: string,
  limits: IoLimits,
  values: boolean,
): Promise<WorkerRead> {
  if (idleTimer) clearTimeout(idleTimer);
  const current = await start(file);
  const id = ++nextId;
  // A copy the worker owns (the caller's bytes may be a view into a larger buffer, e.g. a zip).
  const copy = bytes.slice();
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop(current);
        reject(
          new ModelFileError(
            file,
            undefined,
            `HDF5 read did not finish within ${limits.hdf5ReadMs} ms: the file is damaged or hostile`,
          ),
        );
      }, limits.hdf5ReadMs);
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        current.worker.off('message', onMessage);
        current.onExit = undefined;
        if (reply.aborted && ++current.aborts >= MAX_ABORTS) stop(current);
        if ('root' in reply) resolve({ root: reply.root });
        else if ('openError' in reply) resolve({ openError: reply.openError });
        else if ('refused' in reply) resolve({ refused: reply.refused });
        else resolve({ error: reply.error });
      };
      current.onExit = (reason) => {
        clearTimeout(timer);
        reject(new ModelFileError(file, undefined, `the HDF5 reader failed: ${reason}`));
      };
      current.worker.on('message', onMessage);
      const request: WorkerRequest = {
        id,
        bytes: copy,
        values,
        limits: {
          ...walkLimits(limits),
          timeMs: limits.hdf5ReadMs,
        },
      };
      current.worker.postMessage(request, [copy.buffer]);
    });
  } finally {
    if (running === current) {
      idleTimer = setTimeout(() => stop(current), IDLE_MS);
      idleTimer.unref();
    }
  }
}

/** The running worker, or a fresh one once h5wasm has started in it. */
async function start(file: string): Promise<Running> {
  if (running) {
    await running.ready;
    return running;
  }
  const Worker = await nodeWorker();
  if (!Worker) throw new ModelFileError(file, undefined, 'no worker threads in this runtime');
  let worker: NodeWorker;
  try {
    const script = await workerScript();
    worker = new Worker(script.code, {
      eval: script.eval,
      workerData: { h5wasmUrl: await h5wasmUrl() },
    });
  } catch (e) {
    throw new ModelFileError(
      file,
      undefined,
      `cannot start the HDF5 reader (${e instanceof Error ? e.message : String(e)})`,
      e,
    );
  }
  worker.unref();
  const current: Running = { worker, ready: Promise.resolve(), aborts: 0 };
  current.ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop(current);
      reject(new Error(`h5wasm did not start within ${START_MS} ms`));
    }, START_MS);
    worker.once('message', (m: { ready?: boolean; error?: string }) => {
      clearTimeout(timer);
      if (m.ready) resolve();
      else reject(new Error(m.error ?? 'h5wasm did not start'));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  // A worker that dies (out of memory, an abort inside the wasm) fails the read in flight.
  worker.on('error', (e) => {
    if (running === current) running = undefined;
    current.onExit?.(e instanceof Error ? e.message : String(e));
  });
  worker.on('exit', (code) => {
    if (running === current) running = undefined;
    current.onExit?.(`the worker exited (code ${code})`);
  });
  running = current;
  try {
    await current.ready;
  } catch (e) {
    stop(current);
    throw new ModelFileError(
      file,
      undefined,
      `cannot start the HDF5 reader (${e instanceof Error ? e.message : String(e)})`,
      e,
    );
  }
  return current;
}

function stop(current: Running): void {
  current.onExit = undefined;
  if (running === current) running = undefined;
  void current.worker.terminate();
}

/**
 * The worker's script: the built file beside this module (io's `dist`, the
 * published package), else its TypeScript source bundled with esbuild (io's
 * sources in a repository checkout).
 */
function workerScript(): Promise<WorkerScript> {
  return nodeWorkerScript({
    from: import.meta.url,
    built: WORKER_FILE,
    source: WORKER_SOURCE,
    external: ['h5wasm'],
    what: 'the HDF5 worker',
  });
}

/**
 * The file URL of h5wasm's in-memory build, which the worker imports: resolved
 * here because an `eval` worker resolves bare names from the working directory,
 * not from io. `import.meta.resolve` where io runs as ESM; when io's sources
 * run as CommonJS (Jest through SWC), the package is looked up in the
 * `node_modules` folders above this file, as Node would. Undefined when neither
 * finds it: the worker then imports `h5wasm` by name.
 */
async function h5wasmUrl(): Promise<string | undefined> {
  try {
    const url = import.meta.resolve('h5wasm');
    if (url.startsWith('file:')) return url;
  } catch {
    // CommonJS: h5wasm exports its builds for `import` only, which require.resolve refuses.
  }
  const { existsSync, readFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'node_modules', 'h5wasm', 'package.json');
    if (existsSync(pkg)) {
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as {
        exports: { '.': { import: string } };
      };
      return pathToFileURL(join(dirname(pkg), json.exports['.'].import)).href;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
