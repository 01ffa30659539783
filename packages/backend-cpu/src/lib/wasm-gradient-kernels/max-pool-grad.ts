import * as tf from '@tensorflow/tfjs-core';
import { float, readFloats, writeFloats, type WasmKernelBackend } from './heap.js';

/**
 * dx[argmax of each window] += dy[window]: MaxPooling's input gradient. Replaces
 * tfjs-backend-wasm 4.22's MaxPoolGrad, whose results disagree with tfjs' cpu backend in
 * every case tried (strides 1 and 2, 'valid' and 'same'; off by up to 0.15 in a training
 * step). Ties go to the first maximum in the window, row by row, as tfjs' cpu backend.
 */
function maxPoolGrad(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WasmKernelBackend;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } =
    args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const xs = readFloats(backend, input);
  const dys = readFloats(backend, dy);
  const { inHeight, inWidth, inChannels: ch, outHeight, outWidth } = info;
  const { top, left } = info.padInfo;
  return writeFloats(backend, input.shape, (dx) => {
    for (let b = 0; b < info.batchSize; b++) {
      for (let yr = 0; yr < outHeight; yr++) {
        for (let yc = 0; yc < outWidth; yc++) {
          const dyAt = ((b * outHeight + yr) * outWidth + yc) * ch;
          for (let d = 0; d < ch; d++) {
            let best = -Infinity;
            let bestAt = -1;
            for (let r = 0; r < info.effectiveFilterHeight; r++) {
              const xr = yr * info.strideHeight + r - top;
              if (xr < 0 || xr >= inHeight) continue;
              for (let c = 0; c < info.effectiveFilterWidth; c++) {
                const xc = yc * info.strideWidth + c - left;
                if (xc < 0 || xc >= inWidth) continue;
                const at = ((b * inHeight + xr) * inWidth + xc) * ch + d;
                const v = float(xs, at);
                if (v > best) {
                  best = v;
                  bestAt = at;
                }
              }
            }
            if (bestAt >= 0) dx[bestAt] = float(dx, bestAt) + float(dys, dyAt + d);
          }
        }
      }
    }
  });
}

export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
