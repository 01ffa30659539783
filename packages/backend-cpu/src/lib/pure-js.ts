import * as tf from '@tensorflow/tfjs-core';
// Types only: the package itself is imported lazily, when this rung is reached.
import type * as TfjsBackendCpu from '@tensorflow/tfjs-backend-cpu';
import type { EngineOption } from './engine-option.js';
import { firstLine } from '@framewise/core';
import { registerWasmGradientKernels } from './wasm-gradient-kernels/register.js';

const CPU = '@tensorflow/tfjs-backend-cpu';

/** tfjs' pure-JS `cpu` backend: slow, but it runs wherever JavaScript does. */
export async function pureJsOption(): Promise<EngineOption> {
  let cpu: typeof TfjsBackendCpu;
  try {
    cpu = await import('@tensorflow/tfjs-backend-cpu');
  } catch (error) {
    return {
      usable: false,
      engine: 'cpu',
      reason: `${CPU} could not load (${firstLine(error)}; npm install ${CPU}@${tf.version_core})`,
    };
  }
  // Also replaces the pure-JS engine's wrong UpSampling2D gradient.
  registerWasmGradientKernels();
  const reason = 'using the pure-JS cpu backend, which is slow';
  const details = { package: CPU, version: cpu.version_cpu };
  return {
    usable: true,
    engine: 'cpu',
    reason,
    details,
    start: async () => {
      if (!(await tf.setBackend('cpu'))) throw new Error('tf.setBackend returned false');
      return { reason, details };
    },
  };
}
