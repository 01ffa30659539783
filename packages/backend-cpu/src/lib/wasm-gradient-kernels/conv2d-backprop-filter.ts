import * as tf from '@tensorflow/tfjs-core';
import {
  assertChannelsLast,
  float,
  readFloats,
  writeFloats,
  type WasmKernelBackend,
} from './heap.js';

type Attrs = tf.Conv2DBackpropFilterAttrs;

/**
 * dW[r, c, i, o] = Σ over batch and output positions of x[b, y·s + r − pad, …, i] · dy[b, y, …, o]:
 * the weight gradient of Conv2D, which tfjs-backend-wasm 4.22 lacks.
 */
function conv2dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = args.attrs as unknown as Attrs;
  assertChannelsLast(dataFormat, 'Conv2DBackpropFilter');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const xs = readFloats(backend, x);
  const dys = readFloats(backend, dy);
  const { inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { top, left } = info.padInfo;
  return writeFloats(backend, info.filterShape, (dw) => {
    for (let b = 0; b < info.batchSize; b++) {
      for (let yr = 0; yr < outHeight; yr++) {
        for (let yc = 0; yc < outWidth; yc++) {
          const dyAt = ((b * outHeight + yr) * outWidth + yc) * co;
          for (let r = 0; r < info.filterHeight; r++) {
            const xr = yr * info.strideHeight + r - top;
            if (xr < 0 || xr >= inHeight) continue;
            for (let c = 0; c < info.filterWidth; c++) {
              const xc = yc * info.strideWidth + c - left;
              if (xc < 0 || xc >= inWidth) continue;
              const xAt = ((b * inHeight + xr) * inWidth + xc) * ci;
              const dwAt = (r * info.filterWidth + c) * ci * co;
              for (let i = 0; i < ci; i++) {
                const xv = float(xs, xAt + i);
                if (xv === 0) continue;
                const row = dwAt + i * co;
                for (let o = 0; o < co; o++) {
                  dw[row + o] = float(dw, row + o) + xv * float(dys, dyAt + o);
                }
              }
            }
          }
        }
      }
    }
  });
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
