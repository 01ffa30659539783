/**
 * A fallback for the GPU entry, used only when Framewise's webgpu adapter does
 * not start: tfjs-backend-webgpu on the first adapter of Dawn (or the existing
 * `navigator.gpu`), registered by hand, so the run still yields numbers and the
 * adapter's failure is reported beside them. Not used by `npm run bench`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendInfo, GpuSync } from '@framewise/bench';

interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface AdapterLike {
  info?: AdapterInfoLike;
  isFallbackAdapter?: boolean;
  limits: Record<string, number>;
  features: { has(f: string): boolean };
  requestDevice(d: unknown): Promise<unknown>;
}
interface GpuLike {
  requestAdapter(o?: unknown): Promise<AdapterLike | null>;
}

// A variable: bundlers leave the optional Node addon alone.
const DAWN = 'webgpu';

async function gpu(): Promise<GpuLike> {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  if (nav?.gpu) return nav.gpu;
  const m = (await import(/* @vite-ignore */ DAWN)) as {
    create(o: string[]): GpuLike;
    globals: Record<string, unknown>;
  };
  for (const [k, v] of Object.entries(m.globals)) {
    if (!(k in globalThis)) Object.assign(globalThis, { [k]: v });
  }
  const instance = m.create(['backend=vulkan']);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: instance },
    configurable: true,
    writable: true,
  });
  return instance;
}

/** Activates tfjs-backend-webgpu on the high-performance adapter, without Framewise's adapter. */
export async function activateRawWebgpu(gpuSync: GpuSync, why: string): Promise<BackendInfo> {
  const adapter = await (await gpu()).requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null');
  const requiredLimits: Record<string, number> = {};
  for (const name of [
    'maxBufferSize',
    'maxStorageBufferBindingSize',
    'maxComputeWorkgroupStorageSize',
    'maxComputeWorkgroupsPerDimension',
  ]) {
    if (typeof adapter.limits[name] === 'number') requiredLimits[name] = adapter.limits[name];
  }
  const requiredFeatures = ['timestamp-query'].filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
  const m = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as {
    WebGPUBackend: new (device: unknown, info?: unknown) => tf.KernelBackend;
    version_webgpu?: string;
  };
  const info = adapter.info ?? {};
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new m.WebGPUBackend(device, info), 3);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tf.setBackend("webgpu") returned false');
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    /swiftshader|llvmpipe|lavapipe/i.test(JSON.stringify(info));
  const details: Record<string, string | number | boolean> = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    software,
  };
  const result: BackendInfo = {
    requested: 'webgpu',
    label: gpuSync === 'queue' ? 'webgpu (raw tfjs), queue' : 'webgpu (raw tfjs)',
    engine: 'webgpu',
    engineClass: software ? 'software-gpu' : 'gpu',
    completion: gpuSync,
    reason: `tfjs-backend-webgpu registered by hand, because Framewise's adapter failed: ${why}`,
    details,
  };
  if (m.version_webgpu) result.version = m.version_webgpu;
  return result;
}
