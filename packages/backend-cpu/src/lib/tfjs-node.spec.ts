import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { fakePackage, removeFakePackages } from '../testing/fake-package.js';
import { createCpuBackend } from './cpu-backend.js';

// Real packages on disk stand for @tensorflow/tfjs-node, which cannot be installed here.
// They are loaded with Node's own require, so the one that works reaches this test's
// copy of tfjs-core through a global, as the real package reaches the app's copy.
const WASM_IN_NODE = 'using wasm (XNNPACK) with SIMD and 2 threads';
const fakeTfjsNode = (indexJs: string): string =>
  fakePackage('@tensorflow/tfjs-node', '4.22.0', indexJs);

describe('cpuBackend with @tensorflow/tfjs-node', () => {
  // wasm's thread count, fixed so that the expectations hold on any machine.
  const savedThreads = process.env['FRAMEWISE_THREADS'];
  beforeAll(() => {
    process.env['FRAMEWISE_THREADS'] = '2';
  });
  afterAll(() => {
    if (savedThreads === undefined) delete process.env['FRAMEWISE_THREADS'];
    else process.env['FRAMEWISE_THREADS'] = savedThreads;
  });
  afterEach(async () => {
    await tf.setBackend('cpu');
    if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
    delete (globalThis as { fakeTfjsNodeHost?: unknown }).fakeTfjsNodeHost;
  });
  afterAll(removeFakePackages);

  it('takes native TensorFlow when tfjs-node loads, leaving the active backend alone until activated', async () => {
    (globalThis as { fakeTfjsNodeHost?: unknown }).fakeTfjsNodeHost = { tf, MathBackendCPU };
    const resolveFrom = fakeTfjsNode(`
      const { tf, MathBackendCPU } = globalThis.fakeTfjsNodeHost;
      tf.registerBackend('tensorflow', () => Object.assign(new MathBackendCPU(), { binding: { TF_Version: '2.9.1' } }), 3);
      tf.setBackend('tensorflow'); // the real package switches on import, too
      module.exports = { version: { 'tfjs-core': tf.version_core, 'tfjs-node': '4.22.0' } };
    `);
    const adapter = createCpuBackend({ resolveFrom });
    const expected = {
      available: true,
      engine: 'tensorflow',
      reason: 'using native TensorFlow 2.9.1 through @tensorflow/tfjs-node 4.22.0',
      details: { package: '@tensorflow/tfjs-node', version: '4.22.0', tensorflow: '2.9.1' },
    };
    await expect(adapter.probe()).resolves.toEqual(expected);
    expect(tf.getBackend()).toBe('cpu');
    await expect(adapter.activate()).resolves.toEqual(expected);
    expect(tf.getBackend()).toBe('tensorflow');
  });

  it('says how to repair a tfjs-node that fails to load, and falls back to wasm', async () => {
    const resolveFrom = fakeTfjsNode(`
      const error = new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory\\n    at Module._extensions..node');
      error.code = 'ERR_DLOPEN_FAILED';
      throw error;
    `);
    const probe = await createCpuBackend({ resolveFrom }).probe();
    expect(probe).toMatchObject({ available: true, engine: 'wasm' });
    expect(probe.reason).toBe(
      '@tensorflow/tfjs-node 4.22.0 is installed but failed to load (libtensorflow.so.2: cannot open ' +
        'shared object file: No such file or directory); npm rebuild @tensorflow/tfjs-node reruns its ' +
        `install, which downloads libtensorflow; ${WASM_IN_NODE}`,
    );
  });

  it('notices a tfjs-node that registered its backend with another copy of tfjs-core', async () => {
    const resolveFrom = fakeTfjsNode(`
      module.exports = { version: { 'tfjs-core': '4.21.0', 'tfjs-node': '4.21.0' } };
    `);
    const probe = await createCpuBackend({ resolveFrom }).probe();
    expect(probe.reason).toBe(
      '@tensorflow/tfjs-node 4.22.0 registered its backend with another copy of @tensorflow/tfjs-core ' +
        `(4.21.0; this app uses 4.22.0): npm install @tensorflow/tfjs-node@4.22.0; ${WASM_IN_NODE}`,
    );
  });
});
