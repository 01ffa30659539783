import * as tf from '@tensorflow/tfjs-core';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultNodeThreads, registerThreadedWasmForNode } from './wasm-threads-node.js';

// Large enough that XNNPACK splits the work across its threads.
function inputs() {
  return {
    a: tf.randomNormal([2048, 256], 0, 1, 'float32', 1),
    b: tf.randomNormal([256, 128], 0, 1, 'float32', 2),
    bias: tf.randomNormal([128], 0, 1, 'float32', 3),
    x: tf.randomNormal([8, 32, 32, 16], 0, 1, 'float32', 4),
    k: tf.randomNormal([3, 3, 16, 24], 0, 1, 'float32', 5),
  };
}

async function compute(): Promise<Float32Array[]> {
  const { a, b, bias, x, k } = inputs();
  const outs = tf.tidy(() => [
    tf.fused.matMul({ a, b, bias, activation: 'relu' }),
    tf.conv2d(x as tf.Tensor4D, k as tf.Tensor4D, 1, 'same'),
    tf.tanh(tf.matMul(a, b)),
  ]);
  const values = await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([a, b, bias, x, k, ...outs]);
  return values;
}

function maxAbsDiff(x: Float32Array, y: Float32Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs((x[i] ?? 0) - (y[i] ?? NaN)));
  return max;
}

describe('threaded wasm in Node', () => {
  afterAll(async () => {
    tf.removeBackend('wasm');
    await tf.setBackend('cpu');
  });

  it('runs on the threads asked for and gives the numbers of the single-threaded build', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(wasm.getThreadsCount()).toBe(1);
    const single = await compute();

    registerThreadedWasmForNode(wasm, 2);
    expect(await tf.setBackend('wasm')).toBe(true);
    expect(wasm.getThreadsCount()).toBe(2);
    const before = tf.memory().numTensors;
    const threaded = await compute();
    expect(tf.memory().numTensors).toBe(before);

    expect(threaded.map((t) => t.length)).toEqual(single.map((t) => t.length));
    threaded.forEach((t, i) =>
      expect(maxAbsDiff(t, single[i] ?? new Float32Array())).toBeLessThan(1e-5),
    );
  }, 60_000);

  it('refuses more threads than the pool of 8 workers holds, which would block the main thread', () => {
    expect(() => registerThreadedWasmForNode(wasm, 9)).toThrow(
      'threads must be a whole number from 1 to 8; received 9',
    );
  });

  it('reads FRAMEWISE_THREADS and refuses what is not a thread count', () => {
    expect(defaultNodeThreads({ FRAMEWISE_THREADS: '3' })).toBe(3);
    expect(defaultNodeThreads({})).toBeGreaterThanOrEqual(1);
    expect(defaultNodeThreads({})).toBeLessThanOrEqual(8);
    expect(() => defaultNodeThreads({ FRAMEWISE_THREADS: 'two' })).toThrow(
      'FRAMEWISE_THREADS must be a whole number of threads, 1 or more; received "two"',
    );
    expect(() => defaultNodeThreads({ FRAMEWISE_THREADS: '0' })).toThrow(RangeError);
  });

  it('never keeps the process alive: a script that leaves the pool running exits', () => {
    const script = join(__dirname, 'wasm-threads-node.exit-check.test-helpers.ts');
    const started = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000,
      cwd: join(__dirname, '../../../..'),
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('threads 2, result 32, shared read true');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
