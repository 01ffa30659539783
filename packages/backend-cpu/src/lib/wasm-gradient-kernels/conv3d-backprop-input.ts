import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

type Attrs = tf.Conv3DBackpropInputV2Attrs;

/**
 * dx[b, d, r, c, i] = Σ over output positions and taps with
 * (od·sd + td − front, or·sr + tr − top, oc·sc + tc − left) = (d, r, c) of
 * w[td, tr, tc, i, o] · dy[b, od, or, oc, o]: the input gradient of Conv3D,
 * and so `tf.conv3dTranspose`. tfjs-backend-wasm 4.22 ships this kernel, but
 * its values disagree with the cpu backend's (zeros where a 1×1×1 kernel should
 * copy the input, sums far too large elsewhere), so this one replaces it.
 */
function conv3dBackpropInput(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, inputShape } = args.attrs as unknown as Attrs;
  const info = tf.backend_util.computeConv3DInfo(
    inputShape as [number, number, number, number, number],
    filter.shape as [number, number, number, number, number],
    strides,
    1,
    pad,
  );
  const dys = readFloats(backend, dy);
  const ws = readFloats(backend, filter);
  const { inDepth, inHeight, inWidth, inChannels: ci, outChannels: co } = info;
  const { outDepth, outHeight, outWidth, filterDepth, filterHeight, filterWidth } = info;
  const { front, top, left } = info.padInfo;
  return writeFloats(backend, info.inShape, (dx) => {
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
                  const dxAt = (((b * inDepth + xd) * inHeight + xr) * inWidth + xc) * ci;
                  const wAt = ((td * filterHeight + tr) * filterWidth + tc) * ci * co;
                  for (let i = 0; i < ci; i++) {
                    let sum = 0;
                    const row = wAt + i * co;
                    for (let o = 0; o < co; o++) sum += float(ws, row + o) * float(dys, dyAt + o);
                    dx[dxAt + i] = float(dx, dxAt + i) + sum;
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

export const conv3dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv3DBackpropInputV2,
  backendName: 'wasm',
  kernelFunc: conv3dBackpropInput,
};
