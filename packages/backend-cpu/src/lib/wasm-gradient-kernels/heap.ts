import { InternalError } from '@framewise/core';
import type * as tf from '@tensorflow/tfjs-core';

/** The two members of tfjs-backend-wasm's BackendWasm that a JavaScript kernel needs. */
export interface WasmKernelBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
}

/** A float32 input's values, read from the wasm heap. */
export function readFloats(backend: WasmKernelBackend, info: tf.TensorInfo): Float32Array {
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Float32Array)) {
    throw new TypeError(`expected float32 values for a gradient kernel, received ${info.dtype}`);
  }
  return values;
}

/** Allocates a float32 output on the heap and lets `fill` write it in place. */
export function writeFloats(
  backend: WasmKernelBackend,
  shape: number[],
  fill: (out: Float32Array) => void,
): tf.TensorInfo {
  const info = backend.makeOutput(shape, 'float32');
  const out = backend.typedArrayFromHeap(info) as Float32Array;
  out.fill(0);
  fill(out);
  return info;
}

/** NHWC only: tfjs-layers and Framewise transpose channels-first data before convolving. */
export function assertChannelsLast(dataFormat: string | undefined, kernel: string): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC' && dataFormat !== 'channelsLast') {
    throw new TypeError(`${kernel} on wasm supports NHWC data, received ${dataFormat}`);
  }
}

/**
 * `values[index]` for an index the kernel's loop bounds keep in range. Takes
 * only Float32Array so the element access stays monomorphic and inlined in
 * the hot loops (a generic checked read there cost a third of the speed).
 */
export function float(values: Float32Array, index: number): number {
  const value = values[index];
  if (value === undefined) {
    throw new InternalError(`gradient kernel index ${index} is outside ${values.length} values`);
  }
  return value;
}
