import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/** What a broken kernel does to the output of the right one. */
export type Breakage = (values: Float32Array) => void;

/**
 * Registers a real TensorFlow.js engine, `name`, made of tfjs' cpu backend and its kernels,
 * except that `kernelName`'s output goes through `breakage` first. Returns a function that
 * removes the engine and its kernels again.
 */
export function registerBrokenCpuBackend(
  name: string,
  kernelName: string,
  breakage: Breakage,
): () => void {
  tf.registerBackend(name, () => new MathBackendCPU());
  const kernels = tf.getKernelsForBackend('cpu');
  for (const kernel of kernels) {
    const right = kernel.kernelFunc;
    const kernelFunc: tf.KernelFunc =
      kernel.kernelName !== kernelName
        ? right
        : (args) => {
            const out = right(args) as tf.TensorInfo;
            const data = (args.backend as MathBackendCPU).data.get(out.dataId);
            breakage(data.values as Float32Array);
            return out;
          };
    tf.registerKernel({ ...kernel, backendName: name, kernelFunc });
  }
  return () => {
    for (const kernel of kernels) tf.unregisterKernel(kernel.kernelName, name);
    tf.removeBackend(name);
  };
}
