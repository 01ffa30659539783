import * as tf from '@tensorflow/tfjs-core';
import { disposeIntermediates, runKernel, type KernelArgs } from './run-kernel.js';

/**
 * Cast from bool to float32 on WebGPU that writes float32 values. tfjs-backend-webgpu 4.22
 * relabels the bool tensor's int32 buffer as float32 instead; shaders generated from the
 * buffer's type then fail to compile (Transpose: "type mismatch … expected 'f32', got
 * 'i32'") and return garbage, e.g. in the gradient of a masked GlobalAveragePooling1D.
 * Written as select(x, 1, 0) from the backend's own kernels; other casts go to `original`.
 */
export function castBoolToFloatConfig(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { dtype } = args.attrs as unknown as tf.CastAttrs;
    if (x.dtype !== 'bool' || dtype !== 'float32') {
      return original(args as Parameters<tf.KernelFunc>[0]);
    }
    const fill = (value: number): tf.TensorInfo =>
      runKernel(tf.Fill, {
        inputs: {},
        backend: args.backend,
        attrs: { shape: x.shape, value, dtype: 'float32' },
      });
    const ones = fill(1);
    const zeros = fill(0);
    try {
      return runKernel(tf.Select, {
        inputs: { condition: x, t: ones, e: zeros },
        backend: args.backend,
        attrs: {},
      });
    } finally {
      disposeIntermediates(args.backend, [ones, zeros]);
    }
  };
  return { kernelName: tf.Cast, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc };
}
