import * as tf from '@tensorflow/tfjs-core';

/** What a kernel function receives. */
interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

/** The one member of tfjs-backend-webgpu's WebGPUBackend this kernel needs. */
interface WebgpuKernelBackend {
  disposeData(dataId: tf.DataId): void;
}

/** Runs another webgpu kernel from inside this one. */
function run(name: string, args: KernelArgs): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'webgpu');
  if (!kernel) throw new Error(`tfjs-backend-webgpu has no ${name} kernel`);
  return kernel.kernelFunc(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
}

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
      run(tf.Fill, {
        inputs: {},
        backend: args.backend,
        attrs: { shape: x.shape, value, dtype: 'float32' },
      });
    const ones = fill(1);
    const zeros = fill(0);
    try {
      return run(tf.Select, {
        inputs: { condition: x, t: ones, e: zeros },
        backend: args.backend,
        attrs: {},
      });
    } finally {
      const backend = args.backend as WebgpuKernelBackend;
      backend.disposeData(ones.dataId);
      backend.disposeData(zeros.dataId);
    }
  };
  return { kernelName: tf.Cast, backendName: 'webgpu', kernelFunc: kernelFunc as tf.KernelFunc };
}
