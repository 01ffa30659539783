import * as tf from '@tensorflow/tfjs-core';
import { probeBackends, useBackend } from '@framewise/core';
import '@framewise/backend-cpu';
import './index.js';

// Both adapters registered, as an app that imports them gets them; tfjs-node-gpu is absent here.
describe("useBackend('auto') with the cpu and cuda adapters", () => {
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
  });

  it('takes cpu (wasm) and says why cuda was skipped', async () => {
    const logs: string[] = [];
    const notInstalled =
      '@tensorflow/tfjs-node-gpu is not installed: run npm install @tensorflow/tfjs-node-gpu@4.22.0 ' +
      '(Linux or Windows x86_64; it needs CUDA 11.2, cuDNN 8.1 and an NVIDIA driver >= 450.80.02)';
    const cpuReason =
      '@tensorflow/tfjs-node is not installed (npm install @tensorflow/tfjs-node@4.22.0 for native ' +
      'TensorFlow); using wasm (XNNPACK) with SIMD and 2 threads';
    const choice = await useBackend('auto', { log: (m) => logs.push(m), env: {} });
    expect(choice).toMatchObject({ name: 'cpu', engine: 'wasm', requested: 'auto' });
    expect(choice.skipped).toEqual([{ name: 'cuda', reason: notInstalled }]);
    expect(tf.getBackend()).toBe('wasm');
    expect(logs).toEqual([
      `framewise: using adapter 'cpu' (wasm): ${cpuReason}. Skipped cuda: ${notInstalled}`,
    ]);
  });

  it('lists both in a backends table, highest priority first', async () => {
    const probes = await probeBackends();
    expect(probes.map((p) => [p.name, p.priority, p.available, p.engine])).toEqual([
      ['cuda', 300, false, 'tensorflow'],
      ['cpu', 100, true, 'wasm'],
    ]);
  });
});
