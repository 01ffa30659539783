import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { describeWasm, planWasm, plannedThreads } from './wasm.js';

describe('wasm plan', () => {
  it('words each build the way the log line shows it', () => {
    expect(describeWasm({ build: 'threaded-simd', simd: true, threads: 4 })).toBe(
      'wasm (XNNPACK) with SIMD and 4 threads',
    );
    expect(
      describeWasm({ build: 'plain', simd: false, threads: 1, singleThreaded: 'no SIMD here' }),
    ).toBe('wasm (XNNPACK) without SIMD, 1 thread (no SIMD here)');
  });

  it('in Node, plans the threaded SIMD build on the threads asked for, and one thread for 1', async () => {
    await expect(planWasm(4)).resolves.toEqual({ build: 'threaded-simd', simd: true, threads: 4 });
    await expect(planWasm(16)).resolves.toMatchObject({ threads: 8 });
    await expect(planWasm(1)).resolves.toEqual({
      build: 'simd',
      simd: true,
      threads: 1,
      singleThreaded: 'one thread asked for (threads option or FRAMEWISE_THREADS)',
    });
  });

  it('in a page that is not cross-origin isolated, says which headers give threads', async () => {
    const env = tf.env();
    const saved = {
      isNode: env.getBool('IS_NODE'),
      multithread: (await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean,
    };
    env.set('IS_NODE', false);
    env.set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    try {
      expect((await planWasm()).singleThreaded).toBe(
        'the page is not cross-origin isolated; serve it with Cross-Origin-Opener-Policy: ' +
          'same-origin and Cross-Origin-Embedder-Policy: require-corp for threads',
      );
      env.set('WASM_HAS_MULTITHREAD_SUPPORT', true);
      await expect(planWasm()).resolves.toMatchObject({ build: 'threaded-simd', simd: true });
    } finally {
      env.set('IS_NODE', saved.isNode);
      env.set('WASM_HAS_MULTITHREAD_SUPPORT', saved.multithread);
    }
  });

  it('plans threads as tfjs does: half the cores, at most 8, at least 1', () => {
    expect(plannedThreads(undefined, 16)).toBe(8);
    expect(plannedThreads(undefined, 32)).toBe(8);
    expect(plannedThreads(undefined, 1)).toBe(1);
    expect(plannedThreads(3, 16)).toBe(3);
    expect(plannedThreads(12, 8)).toBe(4);
  });
});
