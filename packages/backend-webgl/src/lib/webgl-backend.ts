import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type BackendAdapter, type BackendProbe } from '@framewise/core';
import { tfjsWebglMissing } from './install-hints.js';
import { readWebgl, type WebglFacts } from './webgl-context.js';

/** The name under which tfjs knows this backend (its kernels are registered for it). */
export const TFJS_WEBGL = 'webgl';

/** Choices for `createWebglBackend`; every one is optional. */
export interface WebglBackendOptions {
  /** The adapter's name for `useBackend`; default `'webgl'`. */
  name?: string;
  /** Rank under `useBackend('auto')`; default 150 (below webgpu, above cpu). */
  priority?: number;
}

function describe(facts: WebglFacts): BackendProbe {
  const precision = facts.float32 ? 'float32 textures' : 'float16 textures only (about 1e-3)';
  return {
    available: true,
    engine: TFJS_WEBGL,
    software: facts.software,
    reason: `WebGL ${facts.version} on ${facts.renderer || 'an unnamed renderer'}${
      facts.software ? ' (software)' : ''
    }, ${precision}`,
    details: { ...facts },
  };
}

async function probe(): Promise<BackendProbe> {
  const facts = readWebgl();
  if (typeof facts === 'string') return { available: false, engine: TFJS_WEBGL, reason: facts };
  return describe(facts);
}

// Loaded only when activated: apps that never pick WebGL do not pay for its shaders.
async function loadTfjsWebgl(): Promise<void> {
  try {
    await import('@tensorflow/tfjs-backend-webgl');
  } catch (e) {
    throw new BackendUnavailableError(tfjsWebglMissing((e as Error).message));
  }
}

/** Makes a WebGL backend adapter with its own name or rank. */
export function createWebglBackend(options: WebglBackendOptions = {}): BackendAdapter {
  const name = options.name ?? 'webgl';
  return {
    name,
    priority: options.priority ?? 150,
    async probe() {
      try {
        return await probe();
      } catch (e) {
        return {
          available: false,
          engine: TFJS_WEBGL,
          reason: `probe failed: ${(e as Error).message}`,
        };
      }
    },
    async activate() {
      const found = await probe();
      if (!found.available) {
        throw new BackendUnavailableError(`adapter '${name}' is not available: ${found.reason}`);
      }
      await loadTfjsWebgl();
      if (!tf.findBackendFactory(TFJS_WEBGL)) {
        throw new BackendUnavailableError(
          `adapter '${name}' is not available: tfjs-backend-webgl registers itself only in a browser page or worker`,
        );
      }
      if (!(await tf.setBackend(TFJS_WEBGL))) {
        throw new BackendUnavailableError(
          `tfjs-backend-webgl did not start on ${found.reason}; see the warning tfjs logged above`,
        );
      }
      return found;
    },
  };
}

/**
 * The default WebGL adapter (name 'webgl', priority 150): tfjs-backend-webgl on the page's
 * WebGL 2 context (WebGL 1 where there is no other). Registered by importing
 * '@framewise/backend-webgl'. In Node it is unavailable: there is no WebGL context there.
 */
export const webglBackend: BackendAdapter = createWebglBackend();
