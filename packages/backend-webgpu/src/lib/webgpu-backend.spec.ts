import * as tf from '@tensorflow/tfjs-core';
import {
  BackendMismatchError,
  BackendUnavailableError,
  findBackend,
  input,
  model,
  timeDistributed,
  useBackend,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import { createWebgpuBackend, webgpuBackend } from '../index.js';
import { requireWebgpu } from '../testing/index.js';
import { loadDawn } from './gpu-sources.js';

const webgpu = requireWebgpu();
// Shader compilation on SwiftShader takes a while on two cores.
const SLOW = 60_000;

/** Runs `f` on the cpu backend and then on WebGPU; returns both results as plain arrays. */
async function onBoth(f: () => tf.Tensor): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend('cpu');
  const onCpu = tf.tidy(f);
  const expected = (await onCpu.data()) as Float32Array;
  onCpu.dispose();
  await webgpuBackend.activate();
  const onGpu = tf.tidy(f);
  const actual = (await onGpu.data()) as Float32Array;
  onGpu.dispose();
  return [expected, actual];
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

webgpu.describe('webgpuBackend on Dawn', () => {
  afterEach(async () => {
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await webgpuBackend.release();
  });

  it('is registered as webgpu with priority 200, between cpu and cuda', () => {
    expect(findBackend('webgpu')).toBe(webgpuBackend);
    expect(webgpuBackend.priority).toBe(200);
  });

  it('probes an adapter and names it, SwiftShader as software, without switching backends', async () => {
    const probe = await webgpuBackend.probe();
    expect(probe).toMatchObject({ available: true, engine: 'webgpu' });
    expect(probe.reason).toMatch(/^WebGPU adapter .+ through Dawn/);
    expect(tf.getBackend()).toBe('cpu');

    const swiftShader = await createWebgpuBackend({ adapter: 'swiftshader' }).probe();
    expect(swiftShader.available).toBe(true);
    expect(swiftShader.reason).toMatch(/SwiftShader .*\(google swiftshader, .*software\)/);
    expect(swiftShader.details).toMatchObject({
      runtime: 'dawn',
      vendor: 'google',
      architecture: 'swiftshader',
      software: true,
    });
    expect(swiftShader.details!['description']).toMatch(/SwiftShader/);
    expect(swiftShader.details!['maxBufferSize']).toBeGreaterThanOrEqual(256 * 2 ** 20);
  });

  it(
    'activates: tf.getBackend() is webgpu, and useBackend reaches it by name',
    async () => {
      const probe = await webgpuBackend.activate();
      expect(probe.available).toBe(true);
      expect(tf.getBackend()).toBe('webgpu');
      await tf.setBackend('cpu');
      const choice = await useBackend('webgpu', { log: () => {}, env: {} });
      expect(choice).toMatchObject({ name: 'webgpu', engine: 'webgpu', requested: 'webgpu' });
      expect(tf.getBackend()).toBe('webgpu');
    },
    SLOW,
  );

  it(
    'agrees with the cpu backend on matMul and conv2d to 1e-4',
    async () => {
      const a = tf.randomNormal([33, 70], 0, 1, 'float32', 1);
      const b = tf.randomNormal([70, 17], 0, 1, 'float32', 2);
      const x = tf.randomNormal<tf.Rank.R4>([2, 9, 9, 3], 0, 1, 'float32', 3);
      const k = tf.randomNormal<tf.Rank.R4>([3, 3, 3, 5], 0, 1, 'float32', 4);
      const [mmCpu, mmGpu] = await onBoth(() => tf.matMul(a, b));
      expect(maxAbsDiff(mmCpu, mmGpu)).toBeLessThan(1e-4);
      const [convCpu, convGpu] = await onBoth(() => tf.conv2d(x, k, 1, 'same'));
      expect(maxAbsDiff(convCpu, convGpu)).toBeLessThan(1e-4);
      tf.dispose([a, b, x, k]);
    },
    SLOW,
  );

  it(
    'runs a Framewise timeDistributed(dense) model as the cpu backend does',
    async () => {
      await tf.setBackend('cpu');
      const x = input({ shape: [12, 8] });
      const m = model({ inputs: x, outputs: timeDistributed(dense({ units: 10 })).apply(x) });
      const data = tf.randomNormal([3, 12, 8], 0, 1, 'float32', 5);
      const onCpu = m.predict(data) as tf.Tensor;
      const expected = (await onCpu.data()) as Float32Array;

      await webgpuBackend.activate();
      expect(() => m.predict(data)).toThrow(BackendMismatchError);
      await m.moveToActiveBackend();
      const gpuData = tf.clone(data);
      const onGpu = m.predict(gpuData) as tf.Tensor;
      expect(onGpu.shape).toEqual([3, 12, 10]);
      expect(maxAbsDiff(expected, (await onGpu.data()) as Float32Array)).toBeLessThan(1e-4);
      tf.dispose([onGpu, gpuData]);

      // And back: weights read from the GPU asynchronously (dataSync cannot run in Node here).
      await tf.setBackend('cpu');
      // tf.clone above moved `data` itself to the GPU; make the input again on cpu.
      const cpuData = tf.randomNormal([3, 12, 8], 0, 1, 'float32', 5);
      expect(() => m.predict(cpuData)).toThrow(BackendMismatchError);
      await m.moveToActiveBackend();
      const back = m.predict(cpuData) as tf.Tensor;
      expect(maxAbsDiff(expected, (await back.data()) as Float32Array)).toBeLessThan(1e-4);
    },
    SLOW,
  );

  it(
    'keeps one device per adapter, hands the engine to another adapter, and releases it',
    async () => {
      await webgpuBackend.activate();
      const engine = tf.backend();
      await tf.setBackend('cpu');
      await webgpuBackend.activate();
      expect(tf.backend()).toBe(engine);

      const other = createWebgpuBackend({ name: 'webgpu-swiftshader', adapter: 'swiftshader' });
      await other.activate();
      expect(tf.getBackend()).toBe('webgpu');
      expect(tf.backend()).not.toBe(engine);
      // dataSync() would need OffscreenCanvas, which Node lacks: read asynchronously.
      expect((await tf.sum(tf.ones([4, 4])).data())[0]).toBe(16);
      await tf.setBackend('cpu');
      await other.release();
      expect(tf.findBackendFactory('webgpu')).toBeNull();

      await webgpuBackend.activate();
      expect(tf.getBackend()).toBe('webgpu');
    },
    SLOW,
  );

  it('fails an adapter name that matches nothing with the list of adapters found', async () => {
    const wanted = createWebgpuBackend({ adapter: 'no-such-gpu-9000' });
    const probe = await wanted.probe();
    expect(probe.available).toBe(false);
    expect(probe.reason).toMatch(
      /^no WebGPU adapter matches 'no-such-gpu-9000' .*adapters found: .*SwiftShader driver/,
    );
    await expect(wanted.activate()).rejects.toThrow(BackendUnavailableError);
    await expect(wanted.activate()).rejects.toThrow(/adapters found: .*SwiftShader/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('never throws from probe: a Dawn that cannot start says why', async () => {
    const broken = createWebgpuBackend({ dawnOptions: ['backend=no-such-backend'] });
    const probe = await broken.probe();
    expect(probe).toMatchObject({ available: false, engine: 'webgpu' });
    expect(probe.reason).toMatch(
      /request failed \(Dawn options \[backend=no-such-backend\]\): unrecognised backend/,
    );
    await expect(broken.activate()).rejects.toThrow(BackendUnavailableError);
  });

  it('says to npm install webgpu where the package is missing', async () => {
    await expect(loadDawn('webgpu-not-installed')).rejects.toThrow(
      "the optional package 'webgpu' (Dawn, WebGPU for Node) is not installed: run npm install webgpu",
    );
  });
});
