import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { readdirSync } from 'node:fs';
import { PARALLEL_READ_BYTES, readInParallel, type WasmReadInternals } from './parallel-read.js';
import { parallelReadFromEnv, registerThreadedWasmForNode } from './wasm-threads-node.js';

// 4 MiB of float32 and a little more, so that the chunks do not divide it evenly.
const LARGE = PARALLEL_READ_BYTES / 4 + 12_345;

interface Readable {
  readSync(dataId: object, start?: number, end?: number): ArrayBufferView;
}

function dropWasm(): void {
  if (tf.findBackendFactory('wasm') !== null) tf.removeBackend('wasm');
}

async function useWasm(threads: number, parallelRead: boolean): Promise<Readable> {
  dropWasm();
  if (threads > 1) registerThreadedWasmForNode(wasm, threads, { parallelRead });
  else tf.registerBackend('wasm', singleThreaded, 2);
  expect(await tf.setBackend('wasm')).toBe(true);
  return tf.backend() as unknown as Readable;
}

// tfjs' own registration, to compare against (removeBackend forgets it).
const singleThreaded = (() => {
  const factory = tf.findBackendFactory('wasm');
  if (factory === null) throw new Error('tfjs-backend-wasm did not register');
  return factory;
})();

function tensors() {
  return {
    float: tf.randomNormal([LARGE], 0, 1, 'float32', 11),
    int: tf.randomUniform([LARGE], -1000, 1000, 'int32', 12),
    bool: tf.tidy(() => tf.greater(tf.randomNormal([4 * LARGE], 0, 1, 'float32', 13), 0)),
    small: tf.randomNormal([1000], 0, 1, 'float32', 14),
  };
}

function readAll(t: ReturnType<typeof tensors>) {
  return {
    float: t.float.dataSync(),
    int: t.int.dataSync(),
    bool: t.bool.dataSync(),
    small: t.small.dataSync(),
  };
}

describe('parallel reads of threaded wasm in Node', () => {
  afterAll(async () => {
    dropWasm();
    tf.registerBackend('wasm', singleThreaded, 2);
    await tf.setBackend('cpu');
  });

  it('reads the values one thread reads, large ones into shared memory', async () => {
    await useWasm(1, false);
    const t = tensors();
    const expected = readAll(t);
    tf.dispose(Object.values(t));

    await useWasm(2, true);
    const before = tf.memory().numTensors;
    const u = tensors();
    const got = readAll(u);
    expect(got.float).toBeInstanceOf(Float32Array);
    expect(got.int).toBeInstanceOf(Int32Array);
    expect(got.bool).toBeInstanceOf(Uint8Array);
    expect(got.float.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(got.bool.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Below the threshold tfjs' own copy runs: an ordinary ArrayBuffer.
    expect(got.small.buffer).toBeInstanceOf(ArrayBuffer);
    for (const key of ['float', 'int', 'bool', 'small'] as const) {
      expect(Buffer.compare(bytes(got[key]), bytes(expected[key]))).toBe(0);
    }
    expect(Array.from((await u.float.data()).subarray(0, 5))).toEqual(
      Array.from(expected.float.subarray(0, 5)),
    );
    tf.dispose(Object.values(u));
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('reads a range the way tfjs does', async () => {
    const backend = await useWasm(2, true);
    const x = tf.range(0, 2 * LARGE, 1, 'float32');
    const part = backend.readSync(x.dataId, 7, 7 + LARGE) as Float32Array;
    expect(part.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(part.length).toBe(LARGE);
    expect([part[0], part[LARGE - 1]]).toEqual([7, 7 + LARGE - 1]);
    x.dispose();
  }, 60_000);

  it('leaves results ordinary without the option', async () => {
    await useWasm(2, false);
    const x = tf.ones([LARGE]);
    expect(x.dataSync().buffer).toBeInstanceOf(ArrayBuffer);
    x.dispose();
  }, 60_000);

  it('frees dropped results although V8 does not count shared memory', async () => {
    await useWasm(2, true);
    const x = tf.ones([16 * 1024 * 1024]); // 64 MiB
    const start = process.memoryUsage().arrayBuffers;
    let peak = 0;
    // 2.5 GiB handed out and dropped, with nothing else allocated to prompt a collection.
    for (let i = 0; i < 40; i++) {
      expect(x.dataSync()[i]).toBe(1);
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
    }
    x.dispose();
    expect(peak).toBeLessThan(1.5 * 1024 ** 3);
  }, 120_000);

  it('starts its helper at the first large read and stops it with the backend', async () => {
    const heap = new SharedArrayBuffer(2 * PARALLEL_READ_BYTES);
    new Uint8Array(heap).forEach((_, i, a) => (a[i] = i % 251));
    const dataIdMap = new Map<object, { memoryOffset: number; dtype: string; shape: number[] }>();
    const large = {};
    const small = {};
    dataIdMap.set(large, { memoryOffset: 3, dtype: 'bool', shape: [PARALLEL_READ_BYTES + 5] });
    dataIdMap.set(small, { memoryOffset: 3, dtype: 'bool', shape: [100] });
    let disposed = false;
    const backend: WasmReadInternals = {
      dataIdMap,
      wasm: { HEAPU8: new Uint8Array(heap) },
      readSync: () => new Uint8Array(1),
      dispose: () => {
        disposed = true;
      },
    };
    const reader = readInParallel(backend, 1);
    expect((backend.readSync(small) as Uint8Array).length).toBe(1);
    expect(reader.running).toBe(0);
    const tasks = threadsOfProcess();
    const out = backend.readSync(large) as Uint8Array;
    expect(reader.running).toBe(1);
    expect(Buffer.compare(bytes(out), Buffer.from(heap, 3, PARALLEL_READ_BYTES + 5))).toBe(0);
    const withHelper = threadsOfProcess();
    backend.dispose();
    expect(disposed).toBe(true);
    expect(reader.running).toBe(0);
    if (tasks !== undefined && withHelper !== undefined) {
      expect(withHelper).toBeGreaterThan(tasks);
      // A terminated worker's threads end asynchronously.
      for (let i = 0; i < 100 && (threadsOfProcess() ?? 0) >= withHelper; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(threadsOfProcess()).toBeLessThan(withHelper);
    }
  }, 60_000);

  it('reads FRAMEWISE_PARALLEL_READ and refuses other values', () => {
    expect(parallelReadFromEnv({})).toBe(false);
    expect(parallelReadFromEnv({ FRAMEWISE_PARALLEL_READ: '1' })).toBe(true);
    expect(parallelReadFromEnv({ FRAMEWISE_PARALLEL_READ: 'true' })).toBe(true);
    expect(parallelReadFromEnv({ FRAMEWISE_PARALLEL_READ: '0' })).toBe(false);
    expect(() => parallelReadFromEnv({ FRAMEWISE_PARALLEL_READ: 'yes' })).toThrow(
      'FRAMEWISE_PARALLEL_READ must be 1, true, 0 or false; received "yes"',
    );
  });
});

function bytes(view: ArrayBufferView): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}

// The process's threads, where Linux lists them.
function threadsOfProcess(): number | undefined {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return undefined;
  }
}
