import { BackendUnavailableError } from '@framewise/core';
import { chooseAdapter } from './choose-adapter.js';
import { createWebgpuBackend } from './webgpu-backend.js';
import type { GpuAdapterLike, GpuLike, GpuRequestAdapterOptions } from './webgpu-types.js';

// A browser-like navigator.gpu with a laptop's two GPUs and a software fallback.
const fakeAdapter = (
  vendor: string,
  architecture: string,
  description: string,
): GpuAdapterLike => ({
  features: new Set(),
  limits: { maxBufferSize: 2 ** 30 },
  info: { vendor, architecture, device: '', description },
  requestDevice: () => Promise.reject(new Error('no devices in these tests')),
});
const laptop = {
  'high-performance': () => fakeAdapter('nvidia', 'ada', 'NVIDIA GeForce RTX 4060 Laptop GPU'),
  'low-power': () => fakeAdapter('intel', 'xe-lpg', 'Intel(R) Arc(TM) Graphics'),
  fallback: () => fakeAdapter('google', 'swiftshader', 'SwiftShader driver 5.0.0'),
};

function useNavigatorGpu(requestAdapter: GpuLike['requestAdapter']): void {
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: { requestAdapter } },
    configurable: true,
  });
}

describe('chooseAdapter with a browser navigator.gpu', () => {
  beforeEach(() => {
    useNavigatorGpu(async (options: GpuRequestAdapterOptions = {}) =>
      options.forceFallbackAdapter
        ? laptop.fallback()
        : laptop[options.powerPreference ?? 'high-performance'](),
    );
  });
  afterEach(() => {
    delete (globalThis as { navigator?: unknown }).navigator;
  });

  it('takes the adapter for the power preference, high-performance by default', async () => {
    const fast = await chooseAdapter({});
    expect(fast.facts.vendor).toBe('nvidia');
    expect(fast.source).toMatchObject({ runtime: 'navigator.gpu', swiftShader: false });
    expect((await chooseAdapter({ powerPreference: 'low-power' })).facts.vendor).toBe('intel');
  });

  it('takes an adapter by name, whatever the preference', async () => {
    expect((await chooseAdapter({ adapter: 'arc' })).facts.description).toMatch(/Intel/);
    expect((await chooseAdapter({ adapter: 'SwiftShader' })).facts.software).toBe(true);
  });

  it('lists every adapter found when the name matches none', async () => {
    await expect(chooseAdapter({ adapter: 'radeon' })).rejects.toThrow(
      "no WebGPU adapter matches 'radeon' (matched against vendor, architecture, device and " +
        'description); adapters found: NVIDIA GeForce RTX 4060 Laptop GPU (nvidia ada); ' +
        'Intel(R) Arc(TM) Graphics (intel xe-lpg); SwiftShader driver 5.0.0 (google swiftshader, software)',
    );
  });

  it('reports in probe, without throwing, a browser that offers no adapter or fails', async () => {
    useNavigatorGpu(async () => null);
    const none = await createWebgpuBackend().probe();
    expect(none).toMatchObject({ available: false, engine: 'webgpu' });
    expect(none.reason).toMatch(/navigator.gpu.requestAdapter\(\) found no adapter/);

    useNavigatorGpu(() => Promise.reject(new Error('GPU process crashed')));
    await expect(chooseAdapter({})).rejects.toThrow(BackendUnavailableError);
    expect((await createWebgpuBackend().probe()).reason).toBe(
      'the WebGPU adapter request failed: GPU process crashed',
    );
  });

  it('describes the adapter in probe details', async () => {
    const probe = await createWebgpuBackend({ powerPreference: 'low-power' }).probe();
    expect(probe).toMatchObject({
      available: true,
      reason: 'WebGPU adapter Intel(R) Arc(TM) Graphics (intel xe-lpg) through navigator.gpu',
      details: {
        runtime: 'navigator.gpu',
        vendor: 'intel',
        software: false,
        maxBufferSize: 2 ** 30,
      },
    });
  });
});
