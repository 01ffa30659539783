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
 * The elementwise kernels of two inputs that tfjs-backend-webgpu 4.22 builds from its
 * BinaryOpProgram (the same shader for all of them).
 */
export const BINARY_KERNELS = [
  tf.Add,
  tf.Atan2,
  tf.Equal,
  tf.FloorDiv,
  tf.Greater,
  tf.GreaterEqual,
  tf.Less,
  tf.LessEqual,
  tf.LogicalAnd,
  tf.LogicalOr,
  tf.Maximum,
  tf.Minimum,
  tf.Mod,
  tf.Multiply,
  tf.NotEqual,
  tf.Pow,
  tf.RealDiv,
  tf.SquaredDifference,
  tf.Sub,
] as const;

/**
 * Elementwise kernels of two inputs (and Prelu, built from the same shader) on WebGPU where one input is a vector broadcast over a
 * tensor of rank 5 or more (a bias added to a Conv3D output, a 3-D layer's scale).
 * tfjs-backend-webgpu 4.22 keeps the vector in workgroup memory and reads it at
 * `coords[4]`, which WGSL refuses for its rank-5 coordinate struct ("cannot index type
 * 'vec5'"): the shader does not compile and the result is whatever the output buffer held.
 * The vector only meets the last axis, so the wide tensor is viewed as a matrix (rows by
 * last axis) for the same kernel. Other inputs go to `original`. `inputNames` are the
 * kernel's names for its two inputs (Prelu: `x` and `alpha`).
 */
export function binaryRank5BroadcastConfig(
  name: string,
  inputNames: [string, string] = ['a', 'b'],
) {
  const [aName, bName] = inputNames;
  return (original: tf.KernelFunc): tf.KernelConfig => {
    const kernelFunc = (args: KernelArgs): tf.TensorInfo => {
      const a = args.inputs[aName];
      const b = args.inputs[bName];
      if (!a || !b) return callKernel(original, args);
      const [wide, vector] = a.shape.length === 1 ? [b, a] : [a, b];
      const size = sizeOf(wide.shape);
      if (vector.shape.length !== 1 || wide.shape.length <= WIDEST_SAFE_RANK || size === 0) {
        return callKernel(original, args);
      }
      const { backend } = args;
      const last = wide.shape[wide.shape.length - 1] ?? 1;
      const matrix = reshapeTo(wide, [size / last, last], backend);
      const inputs = wide === a ? { [aName]: matrix, [bName]: b } : { [aName]: a, [bName]: matrix };
      const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      try {
        const result = callKernel(original, { ...args, inputs });
        try {
          return reshapeTo(result, outShape, backend);
        } finally {
          disposeIntermediates(backend, [result]);
        }
      } finally {
        disposeIntermediates(backend, [matrix]);
      }
    };
    return { kernelName: name, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc };
  };
}
