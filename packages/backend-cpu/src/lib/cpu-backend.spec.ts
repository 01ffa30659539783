import * as tf from '@tensorflow/tfjs-core';
import { DuplicateRegistrationError, findBackend, registerBackend } from '@framewise/core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { cpuBackend, createCpuBackend } from '../index.js';

const NODE_ABSENT =
  '@tensorflow/tfjs-node is not installed (npm install @tensorflow/tfjs-node@4.22.0 for native TensorFlow)';
const WASM_IN_NODE = 'using wasm (XNNPACK) with SIMD and 2 threads';
const WASM_DETAILS = {
  package: '@tensorflow/tfjs-backend-wasm',
  version: '4.22.0',
  build: 'threaded-simd',
  simd: true,
  threads: 2,
};

describe('cpuBackend', () => {
  // Every core by default; fixed here so that the expectations hold on any machine.
  const saved = process.env['FRAMEWISE_THREADS'];
  beforeAll(() => {
    process.env['FRAMEWISE_THREADS'] = '2';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['FRAMEWISE_THREADS'];
    else process.env['FRAMEWISE_THREADS'] = saved;
  });
  afterEach(async () => {
    await tf.setBackend('cpu');
  });

  it('registers itself on import, and a second registration is refused by name', () => {
    expect(findBackend('cpu')).toBe(cpuBackend);
    expect(cpuBackend).toMatchObject({ name: 'cpu', priority: 100 });
    expect(() => registerBackend(cpuBackend)).toThrow(DuplicateRegistrationError);
    expect(() => registerBackend(cpuBackend)).toThrow(
      "adapter 'cpu' is already registered; each name can be registered once",
    );
  });

  it('probes without switching backends: no tfjs-node here (with the install command), so threaded wasm', async () => {
    await expect(cpuBackend.probe()).resolves.toEqual({
      available: true,
      engine: 'wasm',
      reason: `${NODE_ABSENT}; ${WASM_IN_NODE}`,
      details: WASM_DETAILS,
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('activates wasm, which computes a matMul right', async () => {
    const active = await cpuBackend.activate();
    expect(active).toEqual({
      available: true,
      engine: 'wasm',
      reason: `${NODE_ABSENT}; ${WASM_IN_NODE}`,
      details: WASM_DETAILS,
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(getThreadsCount()).toBe(2);
    const product = tf.tidy(() =>
      tf.matMul(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([
          [5, 6],
          [7, 8],
        ]),
      ),
    );
    expect(product.arraySync()).toEqual([
      [19, 22],
      [43, 50],
    ]);
    product.dispose();
  });

  it('plans one thread when the threads option asks for one, whatever FRAMEWISE_THREADS says', async () => {
    await expect(createCpuBackend({ threads: 1 }).probe()).resolves.toMatchObject({
      engine: 'wasm',
      details: { build: 'simd', threads: 1 },
    });
  });

  it('reads in parallel when asked, by option or FRAMEWISE_PARALLEL_READ, and says so', async () => {
    const asked = await createCpuBackend({ parallelRead: true }).probe();
    expect(asked.details).toEqual({ ...WASM_DETAILS, parallelRead: true });
    expect(asked.reason).toBe(`${NODE_ABSENT}; ${WASM_IN_NODE}, parallel reads`);
    process.env['FRAMEWISE_PARALLEL_READ'] = '1';
    try {
      const byEnv = await createCpuBackend().probe();
      expect(byEnv.details).toEqual({ ...WASM_DETAILS, parallelRead: true });
      const refused = await createCpuBackend({ parallelRead: false }).probe();
      expect(refused.details).toEqual(WASM_DETAILS);
      // One thread has no other thread to read with.
      const one = await createCpuBackend({ threads: 1 }).probe();
      expect(one.details).not.toHaveProperty('parallelRead');
    } finally {
      delete process.env['FRAMEWISE_PARALLEL_READ'];
    }
  });
});
