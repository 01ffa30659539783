import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

type Attrs = tf.Conv3DBackpropFilterV2Attrs;

/**
 * dW[td, tr, tc, i, o] = Σ over batch and output positions of
 * x[b, od·sd + td − front, or·sr + tr − top, oc·sc + tc − left, i] · dy[b, od, or, oc, o]:
 * the weight gradient of Conv3D. tfjs-backend-wasm 4.22 ships this kernel, but
 * with strides above 1 its values disagree with the cpu backend's (by more
 * than the values themselves), so this one replaces it.
 */
function conv3dBackpropFilter(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, filterShape } = args.attrs as unknown as Attrs;
  const info = tf.backend_util.computeConv3DInfo(
    x.shape as [number, number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
  );
  const xs = readFloats(backend, x);
  const dys = readFloats(backend, dy);
  const { inDepth, inHeight, inWidth, inChannels: ci, outChannels: co } = info;
  const { outDepth, outHeight, outWidth, filterDepth, filterHeight, filterWidth } = info;
  const { front, top, left } = info.padInfo;
  return writeFloats(backend, info.filterShape, (dw) => {
    for (let b = 0; b < info.batchSize; b++) {
      for (let od = 0; od < outDepth; od++) {
        for (let orow = 0; orow < outHeight; orow++) {
          for (let oc = 0; oc < outWidth; oc++) {
            const dyAt = (((b * outDepth + od) * outHeight + orow) * outWidth + oc) * co;
            for (let td = 0; td < filterDepth; td++) {
              const xd = od * info.strideDepth + td - front;
              if (xd < 0 || xd >= inDepth) continue;
              for (let tr = 0; tr < filterHeight; tr++) {
                const xr = orow * info.strideHeight + tr - top;
                if (xr < 0 || xr >= inHeight) continue;
                for (let tc = 0; tc < filterWidth; tc++) {
                  const xc = oc * info.strideWidth + tc - left;
                  if (xc < 0 || xc >= inWidth) continue;
                  const xAt = (((b * inDepth + xd) * inHeight + xr) * inWidth + xc) * ci;
                  const dwAt = ((td * filterHeight + tr) * filterWidth + tc) * ci * co;
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
      }
    }
  });
}

export const conv3dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv3DBackpropFilterV2,
  backendName: 'wasm',
  kernelFunc: conv3dBackpropFilter,
};
