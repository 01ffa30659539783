import type { Worker as NodeWorker } from 'node:worker_threads';

/**
 * Reads of at least this many bytes are copied out of the wasm heap by every
 * thread; smaller ones by the calling thread alone, as tfjs does. Waking a
 * helper costs about as much as copying 1 MiB: two threads broke even there
 * and were 1.6× faster at 4 MiB.
 */
export const PARALLEL_READ_BYTES = 4 * 1024 * 1024;

// The unit the threads take turns on: large enough that the shared counter is rarely touched.
const CHUNK_BYTES = 1024 * 1024;

// A helper that takes a chunk and never finishes it would hang the reader; no 1 MiB copy takes this long.
const STALL_MS = 30_000;

// V8 does not count SharedArrayBuffers towards the memory pressure that makes it collect garbage,
// as it does ArrayBuffers: 3 GiB of dropped results stayed alive in a loop that allocated nothing
// else. So the reader collects itself, after handing out this much: a minor collection frees the
// results dropped while young (well under a millisecond), a full one those held for longer.
const MINOR_GC_BYTES = 256 * 1024 * 1024;
const MAJOR_GC_BYTES = 1024 * 1024 * 1024;

/**
 * The copy loop, as source: helpers evaluate it in their worker, and the
 * reading thread evaluates the very same text, so both run one loop. Each
 * thread claims the next chunk from `ctl[0]` until none is left, and counts
 * the chunks it finished in `ctl[1]`; the last one wakes the reader.
 */
const COPY_LOOP = `function copyChunks(heap, offset, out, ctl, chunkBytes) {
  const bytes = out.byteLength;
  const src = new Uint8Array(heap, offset, bytes);
  const dst = new Uint8Array(out);
  const chunks = Math.ceil(bytes / chunkBytes);
  for (;;) {
    const i = Atomics.add(ctl, 0, 1);
    if (i >= chunks) return;
    const start = i * chunkBytes;
    dst.set(src.subarray(start, Math.min(start + chunkBytes, bytes)), start);
    if (Atomics.add(ctl, 1, 1) + 1 === chunks) Atomics.notify(ctl, 1);
  }
}`;

type Gc = (options: { type: 'minor' | 'major' }) => void;

type CopyChunks = (
  heap: SharedArrayBuffer,
  offset: number,
  out: SharedArrayBuffer,
  ctl: Int32Array,
  chunkBytes: number,
) => void;

// A helper's isolate keeps every buffer it was sent until it collects garbage, and it allocates
// too little to ever do so by itself: 4 GiB of results stayed alive after 15 reads. So each helper
// runs a minor collection after each job, with V8's gc(): the process's own when Node was started
// with --expose-gc, else exposed just while the helper takes it. A helper that cannot get gc()
// takes no jobs, and the reader copies alone.
const TAKE_GC = `function takeGc(require) {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  const v8 = require('node:v8');
  v8.setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  v8.setFlagsFromString('--no-expose-gc');
  return typeof gc === 'function' ? gc : undefined;
}`;

const HELPER_SOURCE = `${COPY_LOOP}
${TAKE_GC}
const collect = takeGc(require);
if (typeof collect === 'function') {
  require('node:worker_threads').parentPort.on('message', (m) => {
    copyChunks(m.heap, m.offset, m.out, m.ctl, m.chunkBytes);
    setImmediate(() => collect({ type: 'minor' }));
  });
}`;

/** A read that several threads copy: start it with `read`, stop the helpers with `dispose`. */
export interface ParallelReader {
  /** Copies `bytes` bytes at `offset` of the shared heap into a new SharedArrayBuffer. */
  read(heap: SharedArrayBuffer, offset: number, bytes: number): SharedArrayBuffer;
  /** How many helper threads are running now (they start at the first large read). */
  readonly running: number;
  dispose(): void;
}

/**
 * Copies large results out of a threaded wasm heap on `helpers` worker
 * threads besides the caller. The copy itself is cheap; what a fresh result
 * costs is the operating system handing out its zeroed pages one page fault at
 * a time, on the thread that first touches them, so a 256 MiB read took about
 * 150 ms on one thread. Helpers touch their share of the pages at the same
 * time. Their result is a SharedArrayBuffer because a helper can only write
 * into shared memory.
 *
 * Helpers start at the first large read, never keep the process alive, and
 * take no part until they are up: the reader copies whatever chunk is left.
 */
export function createParallelReader(helpers: number): ParallelReader {
  const copyChunks = new Function(`${COPY_LOOP}; return copyChunks;`)() as CopyChunks;
  const takeGc = new Function(`${TAKE_GC}; return takeGc;`)() as (
    require: (id: string) => unknown,
  ) => Gc | undefined;
  let gc: Gc | undefined;
  let workers: NodeWorker[] = [];
  let sinceMinor = 0;
  let sinceMajor = 0;
  const collectAsNeeded = (): void => {
    if (sinceMinor < MINOR_GC_BYTES) return;
    gc ??= takeGc((id) => process.getBuiltinModule(id));
    gc?.({ type: sinceMajor < MAJOR_GC_BYTES ? 'minor' : 'major' });
    if (sinceMajor >= MAJOR_GC_BYTES) sinceMajor = 0;
    sinceMinor = 0;
  };
  return {
    read(heap, offset, bytes) {
      if (workers.length === 0 && helpers > 0) workers = startHelpers(helpers);
      collectAsNeeded();
      sinceMinor += bytes;
      sinceMajor += bytes;
      const out = new SharedArrayBuffer(bytes);
      const ctl = new Int32Array(new SharedArrayBuffer(8));
      const job = { heap, offset, out, ctl, chunkBytes: CHUNK_BYTES };
      for (const worker of workers) worker.postMessage(job);
      copyChunks(heap, offset, out, ctl, CHUNK_BYTES);
      const chunks = Math.ceil(bytes / CHUNK_BYTES);
      const deadline = Date.now() + STALL_MS;
      for (let done = Atomics.load(ctl, 1); done < chunks; done = Atomics.load(ctl, 1)) {
        if (Date.now() > deadline) {
          throw new Error(
            `a wasm read helper stopped responding: ${done} of ${chunks} chunks copied after ${STALL_MS} ms`,
          );
        }
        Atomics.wait(ctl, 1, done, 1000);
      }
      return out;
    },
    get running() {
      return workers.length;
    },
    dispose() {
      for (const worker of workers) void worker.terminate();
      workers = [];
    },
  };
}

function startHelpers(count: number): NodeWorker[] {
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return Array.from({ length: count }, () => {
    const worker = new Worker(HELPER_SOURCE, { eval: true });
    worker.unref();
    return worker;
  });
}

/** The parts of tfjs-backend-wasm's `BackendWasm` that a read goes through. */
export interface WasmReadInternals {
  dataIdMap: {
    get(dataId: object): { memoryOffset: number; dtype: string; shape: number[] } | undefined;
  };
  wasm: { HEAPU8: Uint8Array };
  readSync(dataId: object, start?: number, end?: number): unknown;
  dispose(): void;
}

/**
 * Makes `backend.readSync` (and so `data()`, `dataSync()` and `array()`) copy
 * reads of `PARALLEL_READ_BYTES` or more with `helpers` threads besides the
 * caller. Smaller reads and strings go through tfjs' own copy. Disposing the
 * backend stops the helpers.
 *
 * It is opt-in because its results differ from tfjs' in two ways: the values
 * are the same, but in a typed array over a SharedArrayBuffer, which
 * `postMessage` cannot transfer (`.slice()` makes an ordinary copy); and the
 * reader runs V8's garbage collector itself (a minor collection every 256 MiB
 * read, a full one every GiB), since V8 would not collect dropped shared
 * results on its own.
 */
export function readInParallel(backend: WasmReadInternals, helpers: number): ParallelReader {
  const reader = createParallelReader(helpers);
  const ownRead = backend.readSync.bind(backend);
  const ownDispose = backend.dispose.bind(backend);
  backend.readSync = (dataId, start, end) => {
    const data = backend.dataIdMap.get(dataId);
    if (data === undefined || !(data.dtype in ELEMENT)) return ownRead(dataId, start, end);
    const Element = ELEMENT[data.dtype as keyof typeof ELEMENT];
    // tfjs reads 0 and a missing bound alike: from the start, to the end.
    const from = start || 0;
    const to = end || data.shape.reduce((n, d) => n * d, 1);
    const bytes = (to - from) * Element.BYTES_PER_ELEMENT;
    if (bytes < PARALLEL_READ_BYTES) return ownRead(dataId, start, end);
    const heap = backend.wasm.HEAPU8.buffer;
    if (!(heap instanceof SharedArrayBuffer)) return ownRead(dataId, start, end);
    const offset = data.memoryOffset + from * Element.BYTES_PER_ELEMENT;
    const out = reader.read(heap, offset, bytes);
    if (Element === Float32Array) return new Float32Array(out);
    return Element === Int32Array ? new Int32Array(out) : new Uint8Array(out);
  };
  backend.dispose = () => {
    reader.dispose();
    ownDispose();
  };
  return reader;
}

const ELEMENT = { float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;
