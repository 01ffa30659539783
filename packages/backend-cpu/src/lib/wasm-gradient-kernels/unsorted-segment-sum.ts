import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

/** Segment ids, read from the wasm heap. */
function readIds(backend: WasmKernelBackend, info: tf.TensorInfo): Int32Array {
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Int32Array)) {
    throw new TypeError(
      `expected int32 segment ids for UnsortedSegmentSum, received ${info.dtype}`,
    );
  }
  return values;
}

/**
 * out[s, …] = Σ over i with ids[i] = s of x[i, …]; ids outside [0, numSegments) are dropped
 * (as TensorFlow). Embedding's weight gradient (the gradient of gather), which
 * tfjs-backend-wasm 4.22 lacks.
 */
function unsortedSegmentSum(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = args.attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const xs = readFloats(backend, x);
  const ids = readIds(backend, segmentIds);
  const inner = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  return writeFloats(backend, shape, (out) => {
    ids.forEach((s, i) => {
      if (s < 0 || s >= numSegments) return;
      for (let k = 0; k < inner; k++) {
        out[s * inner + k] = float(out, s * inner + k) + float(xs, i * inner + k);
      }
    });
  });
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
