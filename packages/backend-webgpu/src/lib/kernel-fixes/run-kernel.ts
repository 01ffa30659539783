import * as tf from '@tensorflow/tfjs-core';

/** What a kernel function receives. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

/** The one member of tfjs-backend-webgpu's WebGPUBackend the fixes need. */
interface WebgpuKernelBackend {
  disposeData(dataId: tf.DataId): void;
}

/** Runs another webgpu kernel (the one registered now) from inside a kernel. */
export function runKernel(name: string, args: KernelArgs): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'webgpu');
  if (!kernel) throw new Error(`tfjs-backend-webgpu has no ${name} kernel`);
  return kernel.kernelFunc(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
}

/** Calls a kernel function with these arguments. */
export function callKernel(kernel: tf.KernelFunc, args: KernelArgs): tf.TensorInfo {
  return kernel(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
}

/** A view of `x` with another shape of the same size (no copy on WebGPU). */
export function reshapeTo(x: tf.TensorInfo, shape: number[], backend: unknown): tf.TensorInfo {
  return runKernel(tf.Reshape, { inputs: { x }, backend, attrs: { shape } });
}

/** Frees tensors a kernel made for itself and does not return. */
export function disposeIntermediates(backend: unknown, infos: tf.TensorInfo[]): void {
  for (const info of infos) (backend as WebgpuKernelBackend).disposeData(info.dataId);
}

/** The number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * The widest tensor rank tfjs-backend-webgpu 4.22's generated shaders handle in every kernel:
 * from rank 5 on, coordinates are a `vec5` struct that several shaders index like a vector,
 * which WGSL refuses ("cannot index type 'vec5'").
 */
export const WIDEST_SAFE_RANK = 4;
