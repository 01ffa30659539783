import * as tf from '@tensorflow/tfjs-core';
import {
  BackendUnavailableError,
  required,
  type BackendAdapter,
  type BackendProbe,
} from '@framewise/core';
import { adapterInfo, adapterLabel } from './adapter-info.js';
import { chooseAdapter, type AdapterRequest, type ChosenAdapter } from './choose-adapter.js';
import {
  loadWebGPUBackendClass,
  registerTfjsEngine,
  requestTfjsDevice,
  TFJS_WEBGPU,
} from './tfjs-webgpu.js';
import type { GpuDeviceLike } from './webgpu-types.js';

/** Choices for `createWebgpuBackend`; every one is optional. */
export interface WebgpuBackendOptions extends AdapterRequest {
  /**
   * Which GPU WebGPU should prefer when there are two (a laptop's discrete and integrated
   * ones). Default `'high-performance'`, as tfjs.
   */
  powerPreference?: 'high-performance' | 'low-power';
  /**
   * Takes the GPU adapter whose vendor, architecture, device or description (or, in Node, Dawn's
   * name for it) contains this, blind to case and punctuation: `'nvidia'`, `'H100'`,
   * `'swiftshader'`. When none does, probe and activate list the GPU adapters found.
   */
  adapter?: string;
  /**
   * Node on Linux: when the system's Vulkan drivers give no GPU adapter and no VK_* driver variable
   * is set, use Chromium's SwiftShader (/usr/lib/chromium/vk_swiftshader_icd.json) if present.
   * Default true; a machine with a working GPU driver always gets its GPU.
   */
  softwareFallback?: boolean;
  /** Node: options for Dawn's `create()`; default `['backend=vulkan']` on Linux, `[]` elsewhere. */
  dawnOptions?: string[];
  /** The adapter's name for `useBackend`; default `'webgpu'`. */
  name?: string;
  /** Rank under `useBackend('auto')`; default 200 (below cuda, above cpu). */
  priority?: number;
}

/** The WebGPU backend adapter: Framewise's `BackendAdapter` plus a way to give the GPU back. */
export interface WebgpuBackendAdapter extends BackendAdapter {
  /** The choices it was made with, for messages and tests. */
  readonly options: Readonly<WebgpuBackendOptions>;
  /**
   * Removes tfjs' 'webgpu' backend if this adapter installed it (its tensors are freed) and
   * destroys the device, so that long-lived processes and tests leave no GPU memory behind.
   * Activate another backend first if you keep working.
   */
  release(): Promise<void>;
}

interface Installed {
  owner: WebgpuBackendAdapter;
  factory: unknown;
  device: GpuDeviceLike;
  probe: BackendProbe;
  lost: boolean;
}

// tfjs has one 'webgpu' backend per process, so whichever backend adapter activated last owns it.
let installed: Installed | undefined;

function describe(chosen: ChosenAdapter): BackendProbe {
  const { facts, source, adapter } = chosen;
  const via = source.runtime === 'dawn' ? 'Dawn' : 'navigator.gpu';
  const said = chosen.driverMessages?.length ? `: ${chosen.driverMessages.join('; ')}` : '';
  const fallback = source.swiftShader
    ? ` (Chromium's SwiftShader, added because the system's Vulkan drivers offered no adapter for this request${said})`
    : '';
  return {
    available: true,
    engine: TFJS_WEBGPU,
    software: facts.software,
    reason: `WebGPU adapter ${adapterLabel(facts)} through ${via}${fallback}`,
    details: {
      runtime: source.runtime,
      vendor: facts.vendor,
      architecture: facts.architecture,
      device: facts.device,
      description: facts.description,
      software: facts.software,
      swiftShaderFallback: source.swiftShader,
      maxBufferSize: adapter.limits['maxBufferSize'] ?? 0,
      maxStorageBufferBindingSize: adapter.limits['maxStorageBufferBindingSize'] ?? 0,
      maxComputeWorkgroupStorageSize: adapter.limits['maxComputeWorkgroupStorageSize'] ?? 0,
    },
  };
}

/**
 * Makes a WebGPU backend adapter with custom choices (another GPU, low power, a name of
 * its own so it can be registered beside the default one).
 */
export function createWebgpuBackend(options: WebgpuBackendOptions = {}): WebgpuBackendAdapter {
  const self: WebgpuBackendAdapter = {
    name: options.name ?? 'webgpu',
    priority: options.priority ?? 200,
    options: Object.freeze({ ...options }),

    async probe() {
      try {
        return describe(await chooseAdapter(options));
      } catch (e) {
        return { available: false, engine: TFJS_WEBGPU, reason: (e as Error).message };
      }
    },

    async activate() {
      const current = installed;
      const reusable =
        current?.owner === self &&
        !current.lost &&
        tf.findBackendFactory(TFJS_WEBGPU) === current.factory;
      if (!reusable) await install(self);
      if (!(await tf.setBackend(TFJS_WEBGPU))) {
        await self.release();
        throw new BackendUnavailableError(
          `tfjs-backend-webgpu did not start on ${installed?.probe.reason ?? 'this adapter'}; ` +
            'see the warning tfjs logged above',
        );
      }
      return required(installed, 'installed WebGPU engine').probe;
    },

    async release() {
      const current = installed;
      if (current?.owner !== self) return;
      installed = undefined;
      if (tf.findBackendFactory(TFJS_WEBGPU) === current.factory) tf.removeBackend(TFJS_WEBGPU);
      current.device.destroy();
    },
  };
  return self;
}

async function install(owner: WebgpuBackendAdapter): Promise<void> {
  const chosen = await chooseAdapter(owner.options);
  const device = await requestTfjsDevice(chosen.adapter);
  const WebGPUBackend = await loadWebGPUBackendClass();
  const previous = installed;
  const factory = registerTfjsEngine(WebGPUBackend, device, await adapterInfo(chosen.adapter));
  // Only after tfjs disposed the backend that used it.
  previous?.device.destroy();
  const entry: Installed = { owner, factory, device, probe: describe(chosen), lost: false };
  installed = entry;
  void device.lost.then(() => {
    entry.lost = true;
  });
}

/**
 * The default WebGPU adapter (name 'webgpu', priority 200): the high-performance GPU, or
 * SwiftShader where Node finds no GPU. Registered by importing '@framewise/backend-webgpu'.
 */
export const webgpuBackend: WebgpuBackendAdapter = createWebgpuBackend();
