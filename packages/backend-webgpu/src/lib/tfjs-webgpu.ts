import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '@framewise/core';
import { registerWebgpuKernelFixes } from './kernel-fixes/register.js';
import type { GpuAdapterInfoLike, GpuAdapterLike, GpuDeviceLike } from './webgpu-types.js';

/** The name under which tfjs knows this backend (its kernels are registered for it). */
export const TFJS_WEBGPU = 'webgpu';

// tfjs' own factory registers with this priority; keeping it leaves tfjs' default choice alone.
const TFJS_PRIORITY = 3;

type WebGPUBackendClass = new (
  device: GpuDeviceLike,
  info?: GpuAdapterInfoLike,
) => tf.KernelBackend;

/** The limits tfjs-backend-webgpu raises to the GPU adapter's maxima (as its own factory does). */
const RAISED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
] as const;

/**
 * A device for tfjs on this GPU adapter, with its maxima for the limits tfjs' kernels
 * depend on: the defaults (256 MiB buffers, 128 MiB bindings) would cap tensor sizes.
 */
export async function requestTfjsDevice(adapter: GpuAdapterLike): Promise<GpuDeviceLike> {
  const requiredLimits: Record<string, number> = {};
  for (const limit of RAISED_LIMITS) {
    const max = adapter.limits[limit];
    if (typeof max === 'number') requiredLimits[limit] = max;
  }
  // timestamp-query serves tf.profile(); bgra8unorm-storage serves fromPixels on canvases.
  const requiredFeatures = ['timestamp-query', 'bgra8unorm-storage'].filter((f) =>
    adapter.features.has(f),
  );
  return adapter.requestDevice({ requiredFeatures, requiredLimits });
}

/**
 * Loads tfjs-backend-webgpu (its kernels), only now: navigator.gpu exists by then, and apps
 * that never pick WebGPU do not pay for its shaders.
 */
export async function loadWebGPUBackendClass(): Promise<WebGPUBackendClass> {
  try {
    const m = (await import('@tensorflow/tfjs-backend-webgpu')) as unknown as {
      WebGPUBackend?: WebGPUBackendClass;
      default?: { WebGPUBackend?: WebGPUBackendClass };
    };
    const found = m.WebGPUBackend ?? m.default?.WebGPUBackend;
    if (!found) throw new Error('it exports no WebGPUBackend');
    registerWebgpuKernelFixes();
    return found;
  } catch (e) {
    throw new BackendUnavailableError(
      `@tensorflow/tfjs-backend-webgpu did not load (${(e as Error).message}): ` +
        'run npm install @tensorflow/tfjs-backend-webgpu@4.22.0',
    );
  }
}

/**
 * Registers tfjs' WebGPUBackend on this device as tfjs' 'webgpu' backend and returns the
 * factory. tfjs' own registration picks its GPU adapter itself, so it is replaced: one device
 * backs 'webgpu' at a time.
 */
export function registerTfjsEngine(
  WebGPUBackend: WebGPUBackendClass,
  device: GpuDeviceLike,
  info: GpuAdapterInfoLike,
): () => tf.KernelBackend {
  if (tf.findBackendFactory(TFJS_WEBGPU)) tf.removeBackend(TFJS_WEBGPU);
  const factory = (): tf.KernelBackend => new WebGPUBackend(device, info);
  tf.registerBackend(TFJS_WEBGPU, factory, TFJS_PRIORITY);
  return factory;
}
