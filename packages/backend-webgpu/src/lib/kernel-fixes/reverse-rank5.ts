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
 * Reverse on WebGPU for tensors of rank 5 and more. tfjs-backend-webgpu 4.22 reshapes such a
 * tensor to the wrong size and throws ("Size(48) must match the product of shape ..."), e.g.
 * when a Bidirectional ConvLSTM2D runs its backward layer over `[batch, time, h, w, c]`.
 * Reversing one axis reverses the middle axis of `[before, axis, after]`, a rank-3 view, so
 * each axis is reversed on such a view in turn. Lower ranks go to `original`.
 */
export function reverseRank5Config(original: tf.KernelFunc): tf.KernelConfig {
  const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.shape.length <= WIDEST_SAFE_RANK) return callKernel(original, args);
    const { backend } = args;
    const rank = x.shape.length;
    const raw = (args.attrs as unknown as tf.ReverseAttrs).dims;
    const axes = [...new Set((Array.isArray(raw) ? raw : [raw]).map((d) => (d + rank) % rank))];
    let current = reshapeTo(x, x.shape, backend);
    for (const axis of axes) {
      const view = [
        sizeOf(x.shape.slice(0, axis)),
        x.shape[axis] ?? 1,
        sizeOf(x.shape.slice(axis + 1)),
      ];
      const flat = reshapeTo(current, view, backend);
      const reversed = callKernel(original, { inputs: { x: flat }, backend, attrs: { dims: [1] } });
      const next = reshapeTo(reversed, x.shape, backend);
      disposeIntermediates(backend, [current, flat, reversed]);
      current = next;
    }
    return current;
  };
  return { kernelName: tf.Reverse, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc };
}
