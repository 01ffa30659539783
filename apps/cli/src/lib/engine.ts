import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError } from '@framewise/core';

/** The tfjs engines the CLI can run on (the backend adapter packages will add more). */
export type EngineName = 'wasm' | 'cpu';

/**
 * Activates a tfjs backend. `wasm` (XNNPACK) is the default: the pure-JS `cpu`
 * backend is tens of times slower and is kept for exactness checks.
 */
export async function useEngine(name: EngineName): Promise<string> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  let ok = false;
  try {
    ok = await tf.setBackend(name);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new BackendUnavailableError(
      `the ${name} backend could not start here; try --backend cpu, or reinstall @tensorflow/tfjs-backend-${name}`,
    );
  }
  await tf.ready();
  return tf.getBackend();
}
