import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type BackendAdapter } from '@framewise/core';
import { firstLine } from '@framewise/core';
import { probeCuda, type CudaBackendOptions } from './probe-cuda.js';

/**
 * Builds a cuda adapter. `cudaBackend` is the one registered on import; the
 * options exist so tests and tooling can point the probe at other folders.
 */
export function createCudaBackend(options: CudaBackendOptions = {}): BackendAdapter {
  return {
    name: 'cuda',
    priority: 300,
    probe: async () => {
      try {
        return await probeCuda(options);
      } catch (error) {
        return {
          available: false,
          engine: 'tensorflow',
          reason: `probe failed: ${firstLine(error)}`,
        };
      }
    },
    activate: async () => {
      const probe = await probeCuda(options);
      if (!probe.available) {
        throw new BackendUnavailableError(`adapter 'cuda' is not available: ${probe.reason}`);
      }
      if (!(await tf.setBackend('tensorflow'))) {
        throw new BackendUnavailableError(
          `adapter 'cuda' did not start: tf.setBackend('tensorflow') failed (see the warning above)`,
        );
      }
      await tf.ready();
      return probe;
    },
  };
}

/**
 * The cuda adapter (priority 300, first under `useBackend('auto')`): TensorFlow
 * on an NVIDIA GPU through the optional peer `@tensorflow/tfjs-node-gpu`.
 */
export const cudaBackend: BackendAdapter = createCudaBackend();
