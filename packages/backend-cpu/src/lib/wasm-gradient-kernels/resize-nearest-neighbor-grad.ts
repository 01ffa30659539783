import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

/** The source index a nearest-neighbour resize reads for output index `i`, as tfjs' cpu backend. */
function source(i: number, inSize: number, outSize: number, alignCorners: boolean): number {
  const aligned = alignCorners && outSize > 1;
  const scale = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
  const frac = scale * i;
  return Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
}

/** Adds each dy pixel into the input pixel it was copied from; `dx` starts as zeros. */
function scatter(
  imagesShape: number[],
  dyShape: number[],
  dys: Float32Array,
  alignCorners: boolean,
  dx: Float32Array,
): void {
  const [batch = 1, inHeight = 1, inWidth = 1, depth = 1] = imagesShape;
  const [, outHeight = 1, outWidth = 1] = dyShape;
  const rows = Array.from({ length: outHeight }, (_, r) =>
    source(r, inHeight, outHeight, alignCorners),
  );
  const cols = Array.from({ length: outWidth }, (_, c) =>
    source(c, inWidth, outWidth, alignCorners),
  );
  for (let b = 0; b < batch; b++) {
    rows.forEach((xr, yr) => {
      cols.forEach((xc, yc) => {
        const dyAt = ((b * outHeight + yr) * outWidth + yc) * depth;
        const dxAt = ((b * inHeight + xr) * inWidth + xc) * depth;
        for (let d = 0; d < depth; d++) {
          dx[dxAt + d] = float(dx, dxAt + d) + float(dys, dyAt + d);
        }
      });
    });
  }
}

type Args = { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap };

function parts(args: Args) {
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners } = args.attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
  return { images, dy, alignCorners };
}

/**
 * dx[source of each output pixel] += dy[pixel]: UpSampling2D's (nearest-neighbour resize's)
 * input gradient. Replaces tfjs-backend-wasm 4.22's ResizeNearestNeighborGrad, which, like
 * tfjs-backend-cpu's, is right for the first sample of a batch and wrong for the others.
 */
function onWasm(args: Args): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { images, dy, alignCorners } = parts(args);
  const dys = readFloats(backend, dy);
  return writeFloats(backend, images.shape, (dx) =>
    scatter(images.shape, dy.shape, dys, alignCorners, dx),
  );
}

/** The two members of tfjs-backend-cpu's MathBackendCPU this kernel needs. */
interface CpuKernelBackend {
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/**
 * The same gradient on tfjs' pure-JS cpu backend. Replaces tfjs-backend-cpu 4.22's, which
 * reads dy at the input's batch offset: every sample after the first gets another sample's
 * (or no) gradient.
 */
function onCpu(args: Args): tf.TensorInfo {
  const backend = args.backend as CpuKernelBackend;
  const { images, dy, alignCorners } = parts(args);
  const dys = backend.readSync(dy.dataId);
  if (!(dys instanceof Float32Array)) {
    throw new TypeError(`expected float32 values for a gradient kernel, received ${dy.dtype}`);
  }
  const dx = new Float32Array(images.shape.reduce((a, b) => a * b, 1));
  scatter(images.shape, dy.shape, dys, alignCorners, dx);
  return backend.makeTensorInfo(images.shape, 'float32', dx);
}

export const resizeNearestNeighborGradConfig: tf.KernelConfig = {
  kernelName: tf.ResizeNearestNeighborGrad,
  backendName: 'wasm',
  kernelFunc: onWasm,
};

export const resizeNearestNeighborGradCpuConfig: tf.KernelConfig = {
  kernelName: tf.ResizeNearestNeighborGrad,
  backendName: 'cpu',
  kernelFunc: onCpu,
};
