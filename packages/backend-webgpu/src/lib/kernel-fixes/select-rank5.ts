import * as tf from '@tensorflow/tfjs-core';
import {
  WIDEST_SAFE_RANK,
  callKernel,
  disposeIntermediates,
  reshapeTo,
  sizeOf,
  type KernelArgs,
} from './run-kernel.js';

/**
 * Select (`where`) on WebGPU for tensors of rank 5 and more. tfjs-backend-webgpu 4.22 throws
 * "Where for rank 5 is not yet supported", e.g. in the gradient of GlobalMaxPooling3D.
 * Select is elementwise, with a condition of the values' shape or one value per row of the
 * first axis, so it runs on flattened views: rank 1 (same shape) or rank 2 (per row).
 * Lower ranks go to `original`.
 */
export function selectRank5Config(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const { condition, t, e } = args.inputs as {
      condition: tf.TensorInfo;
      t: tf.TensorInfo;
      e: tf.TensorInfo;
    };
    const perRow = condition.shape.length === 1;
    if (
      t.shape.length <= WIDEST_SAFE_RANK ||
      (!perRow && condition.shape.length !== t.shape.length)
    ) {
      return callKernel(original, args);
    }
    const { backend } = args;
    const size = sizeOf(t.shape);
    const shape =
      condition.shape.length === 1 ? [t.shape[0] ?? 1, size / (t.shape[0] ?? 1)] : [size];
    const c2 = reshapeTo(condition, [sizeOf(condition.shape)], backend);
    const t2 = reshapeTo(t, shape, backend);
    const e2 = reshapeTo(e, shape, backend);
    const flat = [c2, t2, e2];
    try {
      const result = callKernel(original, { inputs: { condition: c2, t: t2, e: e2 }, backend });
      try {
        return reshapeTo(result, t.shape, backend);
      } finally {
        disposeIntermediates(backend, [result]);
      }
    } finally {
      disposeIntermediates(backend, flat);
    }
  };
  return { kernelName: tf.Select, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc };
}
