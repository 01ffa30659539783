/**
 * The worker thread that reads HDF5 files in Node (started by hdf5-worker.ts).
 *
 * It loads h5wasm's browser-style build, whose file system lives in the wasm
 * module's memory (Emscripten's MEMFS), never on the host's disk: each file is
 * written there under a random name, opened, walked into a snapshot
 * (hdf5-walk.ts) and removed. So reading needs no write access anywhere, two
 * processes never see each other's files, and a read stopped by the time limit
 * leaves nothing behind (the worker's memory goes with it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type * as H5 from 'h5wasm';
import { walkFile, WalkAborted, WalkRefusal, type WalkLimits } from './hdf5-walk.js';
import type { WorkerReply, WorkerRequest } from './hdf5-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('hdf5-worker-main runs only as a worker thread');

// h5wasm prints HDF5's diagnostics and Emscripten's aborts to the console; here they
// travel in the replies instead (Emscripten binds its printers when the module loads).
console.log = console.warn = console.error = () => undefined;

type H5Module = typeof H5;
const { h5wasmUrl } = (workerData ?? {}) as { h5wasmUrl?: string };

const ready: Promise<H5Module> = (
  h5wasmUrl ? (import(h5wasmUrl) as Promise<H5Module>) : import('h5wasm')
).then(async (h5) => {
  const module = await h5.ready;
  // HDF5 errors become exceptions carrying the diagnostic, instead of lines printed to stderr.
  module.activate_throwing_error_handler();
  return h5;
});
ready.then(
  () => port.postMessage({ ready: true }),
  (e: unknown) => port.postMessage({ ready: false, error: message(e) }),
);

function message(e: unknown): string {
  return e !== null && typeof e === 'object' && 'message' in e ? String(e.message) : String(e);
}

const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(reply, transfer);

port.on('message', (req: WorkerRequest) => {
  void ready.then(
    (h5) => read(h5, req),
    (e: unknown) => send({ id: req.id, error: message(e) }),
  );
});

function read(h5: H5Module, req: WorkerRequest): void {
  const fs = h5.FS;
  if (!fs) return send({ id: req.id, error: 'h5wasm has no in-memory file system' });
  const path = `/${crypto.randomUUID()}.h5`;
  let file: H5.File | undefined;
  try {
    fs.writeFile(path, req.bytes);
    try {
      file = new h5.File(path, 'r');
    } catch (e) {
      return send({
        id: req.id,
        openError: message(e),
        aborted: e instanceof WebAssembly.RuntimeError,
      });
    }
    const limits: WalkLimits = { ...req.limits, deadline: Date.now() + req.limits.timeMs };
    const walked = walkFile(file, req.values, limits);
    try {
      send({ id: req.id, root: walked.root }, walked.transfer);
    } catch (e) {
      send({ id: req.id, error: `cannot send the file tree (${message(e)})` });
    }
  } catch (e) {
    if (e instanceof WalkRefusal) {
      send({ id: req.id, refused: { location: e.location, message: e.message } });
    } else {
      // The parent replaces a worker whose module aborted a few times.
      const aborted = e instanceof WebAssembly.RuntimeError || e instanceof WalkAborted;
      send({ id: req.id, error: message(e), aborted });
    }
  } finally {
    try {
      file?.close();
    } catch {
      // Closing a file h5wasm failed to read can fail too; its bytes are removed below either way.
    }
    try {
      fs.unlink(path);
    } catch {
      // Nothing was written.
    }
  }
}
